import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./11.7.4-1.ts";

agreementCases("11.7.4-1", probe, {
  catches: [
    "kamusm-16-1-cades-bes-attached",
    "kamusm-17-1-cades-t-attached",
    "kamusm-29-1-cades-bes-attached",
    "kamusm-32-1-cades-bes-attached",
    "cades-bes-on-hold",
  ],
  accepts: ["kamusm-08-cades-bes-attached"],
});
