// ETSI EN 319 102-1 indications and sub-indications (§5.1.3), the standard's names, so reports can quote them.
// Apart from verdict.ts so the check catalogue can name them without an import cycle.

export const INDICATIONS = ["TOTAL-PASSED", "TOTAL-FAILED", "INDETERMINATE"] as const;
export type Indication = (typeof INDICATIONS)[number];

/** EN 319 102-1 §5.1.3, table 5: sub-indications, grouped by the indication they go with. */
export const SUB_INDICATIONS = {
  "TOTAL-FAILED": [
    "FORMAT_FAILURE",
    "HASH_FAILURE",
    "SIG_CRYPTO_FAILURE",
    "REVOKED",
    "SIG_CONSTRAINTS_FAILURE",
    "CHAIN_CONSTRAINTS_FAILURE",
    "CERTIFICATE_CHAIN_GENERAL_FAILURE",
    "CRYPTO_CONSTRAINTS_FAILURE",
    "EXPIRED",
    "NOT_YET_VALID",
    "POLICY_PROCESSING_ERROR",
    "SIGNATURE_POLICY_NOT_AVAILABLE",
    "TIMESTAMP_ORDER_FAILURE",
  ],
  INDETERMINATE: [
    "SIG_CONSTRAINTS_FAILURE",
    "CHAIN_CONSTRAINTS_FAILURE",
    "CERTIFICATE_CHAIN_GENERAL_FAILURE",
    "CRYPTO_CONSTRAINTS_FAILURE",
    "EXPIRED",
    "NOT_YET_VALID",
    "FORMAT_FAILURE",
    "POLICY_PROCESSING_ERROR",
    "SIGNATURE_POLICY_NOT_AVAILABLE",
    "TIMESTAMP_ORDER_FAILURE",
    "NO_SIGNING_CERTIFICATE_FOUND",
    "NO_CERTIFICATE_CHAIN_FOUND",
    "REVOKED_NO_POE",
    "REVOKED_CA_NO_POE",
    "OUT_OF_BOUNDS_NO_POE",
    "OUT_OF_BOUNDS_NOT_REVOKED",
    "REVOCATION_OUT_OF_BOUNDS_NO_POE",
    "CRYPTO_CONSTRAINTS_FAILURE_NO_POE",
    "NO_POE",
    "TRY_LATER",
    "SIGNED_DATA_NOT_FOUND",
  ],
  "TOTAL-PASSED": [],
} as const satisfies Record<Indication, readonly string[]>;

export type SubIndication =
  (typeof SUB_INDICATIONS)["TOTAL-FAILED"][number] | (typeof SUB_INDICATIONS)["INDETERMINATE"][number];
