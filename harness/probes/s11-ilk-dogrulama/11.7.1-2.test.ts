import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./11.7.1-2.ts";

agreementCases("11.7.1-2", probe, {
  catches: ["kamusm-12-cades-bes-attached"],
  accepts: ["kamusm-08-cades-bes-attached"],
});
