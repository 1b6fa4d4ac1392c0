import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./11.7.6-3.ts";

agreementCases("11.7.6-3", probe, {
  catches: [
    "kamusm-22-cades-bes-attached",
    "kamusm-36-cades-bes-attached",
    "cades-bes-ocsp-unauthorised",
    "kamusm-esxl-24-1-cades-x-l-detached",
  ],
  accepts: ["kamusm-24-1-cades-bes-attached", "kamusm-esxl-24-2-cades-x-l-detached"],
});
