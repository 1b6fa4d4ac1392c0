import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./11.7.2-1.ts";

agreementCases("11.7.2-1", probe, {
  catches: ["cades-bes-unknown-root", "kamusm-74-cades-x-l-detached"],
  accepts: ["kamusm-08-cades-bes-attached"],
});
