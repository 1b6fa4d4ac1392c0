import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./11.7.1-1.ts";

agreementCases("11.7.1-1", probe, {
  catches: ["kamusm-11-cades-bes-attached"],
  accepts: ["kamusm-08-cades-bes-attached"],
});
