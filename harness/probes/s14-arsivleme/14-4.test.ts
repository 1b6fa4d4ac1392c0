import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./14-4.ts";

agreementCases("14-4", probe, {
  catches: ["kamusm-84-93-ts-imprint-wrong-cades-a-detached", "kamusm-101-xades-a-enveloped"],
  accepts: ["kamusm-106-cades-a-attached", "kamusm-109-xades-a-enveloped"],
});
