import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./11.6-1.ts";

agreementCases("11.6-1", probe, {
  catches: ["kamusm-16-1-cades-bes-attached", "kamusm-05-cades-bes-attached", "cades-bes-unknown-root"],
  accepts: ["kamusm-08-cades-bes-attached", "cades-bes-attached"],
});
