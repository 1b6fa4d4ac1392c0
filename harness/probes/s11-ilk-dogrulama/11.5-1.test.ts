import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./11.5-1.ts";

agreementCases("11.5-1", probe, {
  catches: ["kamusm-05-cades-bes-attached", "kamusm-05-cades-bes-detached"],
  accepts: ["kamusm-08-cades-bes-attached"],
});
