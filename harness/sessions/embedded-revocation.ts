// The revocation data a signature file carries for its signer's certificate (CAdES revocation-values, XAdES
// RevocationValues, the PAdES DSS): when each CRL and OCSP answer was issued. Read so a probe can tell whether a
// long-term signature was completed with data gathered after its profile's grace period (12.3-2).
import { readCades } from "../ades/cades.ts";
import { findSingle } from "../ades/ocsp.ts";
import { readPades } from "../ades/pades.ts";
import { readXades } from "../ades/xades.ts";
import type { SignatureFormat } from "../core/signature-forms.ts";

export interface EmbeddedRevocation {
  kind: "crl" | "ocsp";
  /** CRL thisUpdate / OCSP producedAt: when the data was issued */
  issuedAt: string;
  /** CRL issuer / OCSP responder, as text */
  issuer: string;
}

/** The signer certificate's embedded revocation data of the file's first signature; [] when it carries none. */
export function signerRevocationIn(
  bytes: Uint8Array,
  format: SignatureFormat,
  document?: Uint8Array,
): EmbeddedRevocation[] {
  const models =
    format === "CAdES"
      ? readCades({ bytes, detachedContent: document }).models
      : format === "XAdES"
        ? readXades({ bytes, detachedContent: document }).models
        : readPades({ bytes }).models;
  const m = models[0];
  const signer = m?.signerCert;
  if (!m || !signer) return [];
  const issuer = m.certPool.find((c) => c.subject.key === signer.issuer.key);
  const crls = m.embeddedCrls
    .filter((c) => c.issuer.key === signer.issuer.key)
    .map((c) => ({ kind: "crl" as const, issuedAt: c.thisUpdate.toISOString(), issuer: c.issuer.text }));
  const ocsps = issuer
    ? m.embeddedOcsps
        .filter((r) => findSingle(r, signer, issuer))
        .map((r) => ({
          kind: "ocsp" as const,
          issuedAt: r.producedAt.toISOString(),
          issuer: r.responderName?.text ?? r.responderKeyHash ?? "?",
        }))
    : [];
  return [...crls, ...ocsps];
}
