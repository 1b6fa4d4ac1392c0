import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./11.7.5-3.ts";

agreementCases("11.7.5-3", probe, {
  catches: ["cades-bes-crl-wrong-issuer"],
  accepts: ["kamusm-08-cades-bes-attached"],
});
