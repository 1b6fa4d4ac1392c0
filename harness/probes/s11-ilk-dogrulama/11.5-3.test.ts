import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./11.5-3.ts";

agreementCases("11.5-3", probe, {
  catches: ["kamusm-07-cades-bes-attached", "kamusm-07-xades-bes-enveloping"],
  accepts: ["kamusm-08-cades-bes-attached"],
});
