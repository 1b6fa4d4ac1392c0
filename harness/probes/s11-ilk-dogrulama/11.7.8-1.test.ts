import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./11.7.8-1.ts";

agreementCases("11.7.8-1", probe, {
  catches: ["cades-bes-unknown-root", "kamusm-40-49-forged-tsa-root-cades-t-attached"],
  accepts: ["kamusm-08-cades-bes-attached"],
});
