import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./11.3-3.ts";

agreementCases("11.3-3", probe, {
  catches: ["kamusm-p4-8-cades-x-l-attached", "kamusm-p4-9-xades-x-l-enveloped"],
  accepts: ["cades-p4-x-l"],
});
