import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./11.2-3.ts";

agreementCases("11.2-3", probe, {
  catches: [
    "kamusm-14-cades-t-attached",
    "kamusm-16-1-cades-bes-attached",
    "kamusm-17-1-xades-t-enveloped",
    "kamusm-29-1-cades-t-attached",
  ],
  accepts: ["kamusm-16-2-cades-t-attached", "kamusm-17-2-xades-t-enveloped", "kamusm-08-cades-bes-attached"],
});
