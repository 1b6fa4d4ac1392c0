import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./12.1-2.ts";

agreementCases("12.1-2", probe, {
  catches: ["kamusm-50-cades-x-l-detached", "kamusm-53-xades-x-l-enveloped"],
  accepts: ["cades-x-l-attached"],
});
