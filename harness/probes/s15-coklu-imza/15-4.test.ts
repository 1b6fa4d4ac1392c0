import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./15-4.ts";

agreementCases("15-4", probe, {
  catches: ["kamusm-39-s-cades-bes-attached", "kamusm-p4-93-s-cades-x-l-attached"],
  accepts: ["cades-multi-serial-bes"],
});
