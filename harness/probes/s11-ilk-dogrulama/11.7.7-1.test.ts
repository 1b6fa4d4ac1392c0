import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./11.7.7-1.ts";

agreementCases("11.7.7-1", probe, {
  catches: ["kamusm-40-49-ts-imprint-wrong-cades-t-attached"],
  accepts: ["kamusm-40-49-valid-cades-t-attached"],
});
