import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./11.7.7-2.ts";

agreementCases("11.7.7-2", probe, {
  catches: ["kamusm-40-49-ts-signature-forged-xades-t-enveloped"],
  accepts: ["kamusm-40-49-valid-xades-t-enveloped"],
});
