import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import probe from "./11.7.9-2.ts";

agreementCases("11.7.9-2", probe, {
  catches: [
    "cades-p2-t-policy-hash-sha1",
    "cades-p3-x-l-policy-hash-sha1",
    "cades-p4-x-l-policy-hash-sha1",
    "xades-p2-t-policy-hash-sha1",
  ],
  accepts: ["cades-p2-t", "xades-p3-x-l", "cades-p4-x-l"],
});
