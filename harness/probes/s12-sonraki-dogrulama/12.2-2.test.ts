import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./12.2-2.ts";

agreementCases("12.2-2", probe, {
  catches: ["kamusm-p4-11-cades-x-l-attached", "kamusm-95-cades-x-l-detached", "kamusm-97-xades-a-enveloped"],
  accepts: ["cades-p4-x-l-tsa-own-root"],
});
