import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./11.7.3-1.ts";

agreementCases("11.7.3-1", probe, {
  catches: ["kamusm-14-cades-bes-attached", "kamusm-14-cades-t-attached", "cades-bes-not-yet-valid"],
  accepts: ["kamusm-08-cades-bes-attached"],
});
