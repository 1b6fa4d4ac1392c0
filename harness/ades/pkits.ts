// NIST PKITS runner over ../shared/ground-truth/nist-pkits (read in place, never copied): each case's
// expected outcome from pkits.json against our validatePath. Used by the test and by `uyum validate-chain`.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCrl } from "./crl.ts";
import { validatePath, type PathErrorKind, type PathResult } from "./path.ts";
import { parseCert } from "./x509.ts";

export interface PkitsCase {
  id: string;
  name: string;
  cert: string;
  other_certs?: string[];
  crls?: string[];
  path_len: number;
  revocation?: boolean;
  path_intermediates?: string[];
  params?: {
    user_initial_policy_set?: string[];
    initial_explicit_policy?: boolean;
    initial_policy_mapping_inhibit?: boolean;
    initial_any_policy_inhibit?: boolean;
  };
  error?: { class: string; msg_regex: string };
}

/** PKITS's own moment: inside every certificate's validity (2010–2030) and after every stale CRL. */
export const PKITS_TIME = new Date("2022-01-01T00:00:00Z");

const EXPECTED_KINDS: Record<string, PathErrorKind[]> = {
  RevokedError: ["revoked"],
  InsufficientRevinfoError: ["no-revinfo", "stale-revinfo"],
  StaleRevinfoError: ["stale-revinfo"],
};

export function runPkitsCase(dir: string, c: PkitsCase): { result: PathResult; pass: boolean; expected: string } {
  const cert = (f: string) => parseCert(new Uint8Array(readFileSync(join(dir, "certs", f))));
  const crl = (f: string) => parseCrl(new Uint8Array(readFileSync(join(dir, "crls", f))));
  const result = validatePath(cert(c.cert), {
    at: PKITS_TIME,
    anchors: [cert("TrustAnchorRootCertificate.crt")],
    intermediates: (c.other_certs ?? []).map(cert),
    fixedIntermediates: c.path_intermediates?.map(cert),
    crls: ["TrustAnchorRootCRL.crl", ...(c.crls ?? [])].map(crl),
    revocation: c.revocation === false ? "off" : "require",
    initialPolicies: c.params?.user_initial_policy_set,
    explicitPolicy: c.params?.initial_explicit_policy,
    inhibitPolicyMapping: c.params?.initial_policy_mapping_inhibit,
    inhibitAnyPolicy: c.params?.initial_any_policy_inhibit,
  });
  let pass: boolean;
  const expected = c.error ? c.error.class : "valid";
  if (!c.error) pass = result.ok;
  else if (result.ok) pass = false;
  else {
    const kinds = EXPECTED_KINDS[c.error.class];
    pass = kinds ? kinds.includes(result.kind!) : !["revoked", "no-revinfo", "stale-revinfo"].includes(result.kind!);
  }
  return { result, pass, expected };
}
