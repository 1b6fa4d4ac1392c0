import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./11.7.5-1.ts";

agreementCases("11.7.5-1", probe, {
  catches: ["kamusm-19-cades-bes-attached", "kamusm-31-cades-bes-attached"],
  accepts: ["kamusm-08-cades-bes-attached"],
});
