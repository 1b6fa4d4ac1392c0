import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./11.7.5-4.ts";

agreementCases("11.7.5-4", probe, {
  catches: ["kamusm-29-1-cades-t-attached", "kamusm-32-1-cades-bes-attached", "kamusm-29-2-cades-bes-attached"],
  accepts: ["kamusm-29-2-cades-t-attached", "kamusm-32-2-cades-t-attached", "kamusm-08-cades-bes-attached"],
});
