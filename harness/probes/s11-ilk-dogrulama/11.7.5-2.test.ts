import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./11.7.5-2.ts";

agreementCases("11.7.5-2", probe, {
  catches: ["kamusm-18-cades-bes-attached", "kamusm-30-cades-bes-attached"],
  accepts: ["kamusm-08-cades-bes-attached"],
});
