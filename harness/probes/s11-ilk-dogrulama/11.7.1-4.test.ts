import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./11.7.1-4.ts";

agreementCases("11.7.1-4", probe, {
  catches: ["kamusm-09-cades-bes-attached"],
  accepts: ["kamusm-08-cades-bes-attached"],
});
