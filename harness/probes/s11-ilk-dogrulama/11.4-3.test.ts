import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./11.4-3.ts";

agreementCases("11.4-3", probe, {
  catches: [
    "kamusm-p4-4-cades-x-l-attached",
    "kamusm-p4-5-xades-x-l-enveloped",
    "kamusm-p4-7-cades-x-l-attached",
    "cades-p2-epes-without-timestamp",
  ],
  accepts: ["kamusm-p4-6-cades-x-l-attached", "cades-p2-t"],
});
