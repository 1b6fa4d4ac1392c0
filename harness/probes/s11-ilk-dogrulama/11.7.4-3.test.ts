import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./11.7.4-3.ts";

agreementCases("11.7.4-3", probe, {
  catches: ["kamusm-16-1-cades-t-attached", "kamusm-16-2-cades-bes-attached", "kamusm-29-1-cades-t-attached"],
  accepts: ["kamusm-16-2-cades-t-attached", "kamusm-29-2-cades-t-attached"],
});
