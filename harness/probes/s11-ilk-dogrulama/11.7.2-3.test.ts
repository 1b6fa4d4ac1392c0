import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./11.7.2-3.ts";

agreementCases("11.7.2-3", probe, {
  catches: ["kamusm-28-cades-bes-attached", "cades-bes-unknown-root"],
  accepts: ["kamusm-08-cades-bes-attached"],
});
