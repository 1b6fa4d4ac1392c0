import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./12.2-1.ts";

agreementCases("12.2-1", probe, {
  catches: ["kamusm-62-71-ts-imprint-wrong-cades-x-type1-detached"],
  accepts: ["kamusm-62-71-valid-cades-x-type1-attached"],
});
