import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./2.1-8.ts";

agreementCases("2.1-8", probe, {
  catches: ["kamusm-39-s-cades-bes-attached", "kamusm-39-p-cades-bes-attached", "kamusm-p4-93-p-cades-x-l-attached"],
  accepts: ["cades-multi-parallel-bes", "cades-multi-serial-bes"],
});
