import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./11.5-2.ts";

agreementCases("11.5-2", probe, {
  catches: ["kamusm-04-cades-bes-attached", "kamusm-04-xades-bes-enveloped"],
  accepts: ["kamusm-08-xades-bes-enveloped"],
});
