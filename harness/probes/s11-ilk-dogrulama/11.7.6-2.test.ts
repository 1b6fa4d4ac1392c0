import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./11.7.6-2.ts";

agreementCases("11.7.6-2", probe, {
  catches: ["kamusm-20-cades-bes-attached", "kamusm-33-cades-bes-attached"],
  accepts: ["kamusm-08-cades-bes-attached"],
});
