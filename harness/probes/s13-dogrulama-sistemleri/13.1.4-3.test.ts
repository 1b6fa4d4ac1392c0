import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./13.1.4-3.ts";

agreementCases("13.1.4-3", probe, {
  catches: [
    "kamusm-05-cades-bes-attached",
    "kamusm-07-xades-bes-enveloped",
    "kamusm-40-49-ts-imprint-wrong-cades-t-attached",
  ],
  accepts: ["kamusm-08-cades-bes-attached"],
});
