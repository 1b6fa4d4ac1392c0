import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./11.7.9-1.ts";

agreementCases("11.7.9-1", probe, {
  catches: ["kamusm-p4-7-cades-x-l-attached"],
  accepts: ["kamusm-06-cades-bes-attached", "kamusm-109-cades-a-attached"],
});
