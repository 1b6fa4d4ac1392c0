import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./11.4-2.ts";

agreementCases("11.4-2", probe, {
  catches: ["cades-malformed-garble", "xades-malformed-truncate", "cades-detached-without-content"],
  accepts: ["cades-bes-attached"],
});
