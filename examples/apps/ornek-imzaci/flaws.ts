// The flawed variants' switch: one flaw id from flaws.yaml, chosen by ORNEK_IMZACI_FLAW or --flaw.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { closest } from "../../../harness/core/issues.ts";

export const FLAWS_FILE = join(dirname(fileURLToPath(import.meta.url)), "flaws.yaml");

export interface FlawDef {
  id: string;
  breaks: string[];
  en: string;
  tr: string;
}

export function loadFlaws(): FlawDef[] {
  // the YAML parser is loaded only when a flaw is named: the good application, started once per signature and
  // per vector verified, never reads flaws.yaml
  const { parse } = createRequire(import.meta.url)("yaml") as typeof import("yaml");
  return (parse(readFileSync(FLAWS_FILE, "utf8")) as { flaws: FlawDef[] }).flaws;
}

export type FlawId =
  | "pin-in-page"
  | "pin-unmasked"
  | "pin-logged"
  | "no-qualified-warning"
  | "no-cancel"
  | "preview-mismatch"
  | "no-preview"
  | "no-dynamic-warning"
  | "no-format-warning"
  | "no-whole-warning"
  | "existing-signatures-hidden"
  | "empty-document-signed"
  | "attribute-markup"
  | "no-cert-info"
  | "attrs-hidden"
  | "no-revocation-check"
  | "ocsp-response-unchecked"
  | "expired-cert"
  | "non-qualified-cert"
  | "revoked-cert"
  | "sha1"
  | "no-signing-certificate"
  | "no-signing-time"
  | "no-idle-timeout"
  | "pin-locked-retry"
  | "no-wrong-pin-message"
  | "card-removed-silent"
  | "pin-cached"
  | "bind-all"
  | "cors-reflect"
  | "verify-revoked-valid"
  | "verify-page-terse"
  | "verify-ignores-digest"
  | "signer-role-hidden"
  | "verify-ignores-expiry"
  | "verify-untrusted-root"
  | "verify-valid-without-revocation"
  | "verify-skips-grace-period"
  | "verify-ignores-policy-hash"
  | "upgrade-without-revocation-values"
  | "countersign-wrong-digest"
  | "upgrade-in-grace"
  | "first-key-always"
  | "tsa-token-unchecked"
  | "no-document-type"
  | "wrong-document-type"
  | "signer-cert-only"
  | "pin-stored"
  | "first-token-always"
  | "pin-change-noop"
  | "cert-cache-stale";

/** The flaw named (flag first, then ORNEK_IMZACI_FLAW), checked against flaws.yaml; undefined = the good app. */
export function activeFlaw(fromFlag?: string): FlawId | undefined {
  const name = fromFlag ?? process.env.ORNEK_IMZACI_FLAW;
  if (!name) return undefined;
  const ids = loadFlaws().map((f) => f.id);
  if (!ids.includes(name)) {
    const near = closest(name, ids);
    throw new Error(
      `unknown flaw "${name}"${near ? ` (did you mean "${near}"?)` : ""}; flaws.yaml lists: ${ids.join(", ")}`,
    );
  }
  return name as FlawId;
}
