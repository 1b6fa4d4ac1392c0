import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./13.1.2-3.ts";

agreementCases("13.1.2-3", probe, {
  catches: ["kamusm-03-cades-bes-attached"],
  accepts: ["kamusm-01-cades-bes-attached"],
});
