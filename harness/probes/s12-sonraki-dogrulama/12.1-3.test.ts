import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./12.1-3.ts";

agreementCases("12.1-3", probe, {
  catches: ["kamusm-72-cades-x-l-detached", "kamusm-75-xades-x-l-enveloped"],
  accepts: ["cades-x-l-attached"],
});
