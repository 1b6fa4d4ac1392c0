import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./11.7.4-5.ts";

agreementCases("11.7.4-5", probe, {
  catches: ["kamusm-p4-10-cades-x-l-attached"],
  accepts: ["cades-p4-x-l"],
});
