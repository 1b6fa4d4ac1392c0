import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./11.7.6-4.ts";

agreementCases("11.7.6-4", probe, {
  catches: ["kamusm-27-cades-bes-attached", "kamusm-37-cades-bes-attached"],
  accepts: ["kamusm-08-cades-bes-attached"],
});
