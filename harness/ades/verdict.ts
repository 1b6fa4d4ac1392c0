// ETSI EN 319 102-1 validation verdicts: the vocabulary shared by the validator (harness/ades), the vector
// manifest (expected verdicts) and the reports. Names are the standard's, so reports can quote them.

import type { CheckId } from "./catalogue.ts";
import type { Text } from "../core/text.ts";
import { INDICATIONS, SUB_INDICATIONS, type Indication, type SubIndication } from "./indications.ts";

export { INDICATIONS, SUB_INDICATIONS, type Indication, type SubIndication };

/** Every reason a person reads carries Turkish and English: core/text.ts's Text. */
export type { Text };

export type CheckResult = "passed" | "failed" | "indeterminate" | "skipped";

/** One constraint the validator evaluated (EU DSS style: each check named, with its result and reason). */
export interface ValidationCheck {
  /** Stable id, e.g. "signature-value", "message-digest", "chain", "revocation", "qc-statements". */
  id: CheckId;
  result: CheckResult;
  reason: Text;
  /** The sub-indication this check implies when it does not pass. */
  subIndication?: SubIndication;
  /**
   * The check could not be made because uyum does not support a construct of the file (an algorithm, a
   * transform): "not assessed", never a statement that the signature is broken. Present only when true.
   */
  notAssessed?: true;
}

/** An expected or actual verdict for one signature. */
export interface Verdict {
  indication: Indication;
  subIndication?: SubIndication;
}
