import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./11.7.1-3.ts";

agreementCases("11.7.1-3", probe, {
  catches: ["kamusm-10-xades-bes-enveloped"],
  accepts: ["kamusm-08-cades-bes-attached"],
});
