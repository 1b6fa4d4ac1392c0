import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./11.3-1.ts";

agreementCases("11.3-1", probe, {
  catches: ["kamusm-16-2-cades-bes-attached", "kamusm-17-2-cades-bes-attached"],
  accepts: ["kamusm-16-2-cades-t-attached", "kamusm-17-2-cades-t-attached"],
});
