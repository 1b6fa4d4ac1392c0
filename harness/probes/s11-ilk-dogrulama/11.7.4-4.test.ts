import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./11.7.4-4.ts";

agreementCases("11.7.4-4", probe, {
  catches: [
    "kamusm-18-cades-bes-attached",
    "kamusm-20-cades-bes-attached",
    "kamusm-27-cades-bes-attached",
    "kamusm-75-cades-x-l-detached",
    "cades-bes-crl-wrong-issuer",
  ],
  accepts: ["kamusm-08-cades-bes-attached"],
});
