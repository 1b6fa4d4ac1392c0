// Long-term validation data carried by the signature: complete references (C and above), certificate and
// revocation values (X-L and above), and P4's rule that every path certificate, roots included, be embedded.
import type { PathResult } from "./path.ts";
import type { Checks } from "./checks.ts";
import type { SigModel } from "./model.ts";
import { fullOcspResponse, hashMatches } from "./refs.ts";
import type { TsEval } from "./timestamps.ts";
import type { Cert } from "./x509.ts";

export function longTermChecks(m: SigModel, pr: PathResult, ch: Checks): void {
  const caCerts = pr.ok ? pr.path.slice(1, -1) : [];
  if (m.certRefs !== undefined || m.revRefs !== undefined) {
    if (!m.certRefs || !m.revRefs)
      ch.indet(
        "references",
        "SIG_CONSTRAINTS_FAILURE",
        `${!m.certRefs ? "complete-certificate-references" : "complete-revocation-references"} is missing (both are required from level C on)`,
        "sertifika ve iptal referanslarının ikisi de bulunmalı",
      );
    else {
      const known = [...m.certPool, ...(m.certValues ?? []), ...pr.path].map((c) => c.der);
      const badCert = m.certRefs.find((r) => !hashMatches(r, known));
      const missing = caCerts.filter((c) => !m.certRefs!.some((r) => hashMatches(r, [c.der])));
      const revDers = [
        ...m.embeddedCrls.map((c) => c.der),
        ...m.embeddedOcsps.flatMap((o) => [o.der, fullOcspResponse(o.der)]),
      ];
      // A reference to data that is simply absent is missing data (judged by the revocation check); a reference
      // that matches nothing while some value matches no reference is a wrong reference.
      const allRefs = m.revRefs.flatMap((r) => [...r.crlHashes, ...r.ocspHashes]);
      const unmatchedValue = [
        ...m.embeddedCrls.map((c) => [c.der]),
        ...m.embeddedOcsps.map((o) => [o.der, fullOcspResponse(o.der)]),
      ].some((ders) => !allRefs.some((r) => hashMatches(r, ders)));
      const badRev = unmatchedValue ? allRefs.find((r) => revDers.length > 0 && !hashMatches(r, revDers)) : undefined;
      if (badCert)
        ch.indet(
          "references",
          "SIG_CONSTRAINTS_FAILURE",
          "a certificate reference does not match any certificate",
          "bir sertifika referansı hiçbir sertifikayla eşleşmiyor",
        );
      else if (missing.length)
        ch.indet(
          "references",
          "SIG_CONSTRAINTS_FAILURE",
          `certificate references miss "${missing[0].subject.text}"`,
          "sertifika referanslarında zincirdeki bir sertifika eksik",
        );
      else if (badRev)
        ch.indet(
          "references",
          "SIG_CONSTRAINTS_FAILURE",
          "a revocation reference does not match the revocation values",
          "bir iptal referansı iptal değerleriyle eşleşmiyor",
        );
      else
        ch.pass("references", "certificate and revocation references match", "sertifika ve iptal referansları doğru");
    }
  }
  // X-L and A carry both values; certificate values alone (a B-B with its chain) are not judged as X-L data
  if (m.revocationValueCount !== undefined || (m.certValues !== undefined && (m.level === "X-L" || m.level === "A"))) {
    if (!m.certValues || m.revocationValueCount === undefined)
      ch.indet(
        "values",
        "SIG_CONSTRAINTS_FAILURE",
        `${!m.certValues ? "certificate-values" : "revocation-values"} is missing (X-L needs both)`,
        "X-L için sertifika ve iptal değerleri bulunmalı",
      );
    else {
      const missing = caCerts.filter((c) => !m.certValues!.some((v) => v.id === c.id));
      if (missing.length)
        ch.indet(
          "values",
          "NO_CERTIFICATE_CHAIN_FOUND",
          `certificate-values lack "${missing[0].subject.text}": the chain cannot be built from the embedded values`,
          "sertifika değerlerinde zincirdeki bir sertifika eksik: zincir gömülü değerlerden kurulamıyor",
        );
      else ch.pass("values", "certificate and revocation values present", "sertifika ve iptal değerleri var");
    }
  }
}

/**
 * P4 (KAMU SM P4_11): the validation data travels with the signature, the roots included, so the signature can
 * be checked later by anyone holding only the trust list. Every certificate of the signer's path and of the
 * signature / ES-X time-stamps' TSA paths (the signer's own certificate aside) must be in the certificate values
 * (or, for a TSA certificate, the time-stamp token itself),
 * even a root that is also a trust anchor. Missing sub-roots are the "values" check's NO_CERTIFICATE_CHAIN_FOUND.
 */
export function p4CompleteValues(m: SigModel, pr: PathResult, tsEvals: TsEval[], ch: Checks): void {
  if (m.profile !== "P4" || !m.certValues || ch.list.some((c) => c.id === "values" && c.result !== "passed")) return;
  const values = m.certValues;
  const paths: Array<{ who: string; certs: Cert[]; extra: Cert[] }> = [];
  // the signer's own certificate travels in SignedData.certificates / KeyInfo, not in the values
  if (pr.ok) paths.push({ who: "signer", certs: pr.path.slice(1), extra: [] });
  for (const t of tsEvals)
    if (t.path && (t.use.kind === "signature" || t.use.kind === "esc"))
      paths.push({ who: `${t.use.kind} time-stamp TSA`, certs: t.path, extra: t.use.ts?.certs ?? [] });
  for (const p of paths) {
    const miss = p.certs.find((c) => !values.some((v) => v.id === c.id) && !p.extra.some((v) => v.id === c.id));
    if (miss) {
      ch.indet(
        "values-complete",
        "SIG_CONSTRAINTS_FAILURE",
        `profile P4: the certificate values lack "${miss.subject.text}" of the ${p.who}'s path (the root included, every certificate must be embedded)`,
        "P4 profili: sertifika değerlerinde yoldaki bir sertifika (kök dahil) eksik",
      );
      return;
    }
  }
  ch.pass(
    "values-complete",
    "profile P4: every path certificate, roots included, is in the certificate values",
    "P4 profili: kökler dahil yol sertifikalarının hepsi sertifika değerlerinde",
  );
}
