import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./11.7.7-3.ts";

agreementCases("11.7.7-3", probe, {
  catches: [
    "kamusm-40-49-tsa-expired-cades-t-attached",
    "kamusm-40-49-tsa-revoked-before-cades-t-attached",
    "kamusm-40-49-forged-tsa-root-cades-t-attached",
  ],
  accepts: ["kamusm-40-49-tsa-revoked-after-cades-t-attached", "kamusm-40-49-valid-cades-t-attached"],
});
