import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./11.7.6-1.ts";

agreementCases("11.7.6-1", probe, {
  catches: ["kamusm-21-cades-bes-attached", "kamusm-34-cades-bes-attached"],
  accepts: ["kamusm-08-cades-bes-attached"],
});
