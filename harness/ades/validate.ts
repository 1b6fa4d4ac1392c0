// Signature validation per CWA 14171 / ETSI EN 319 102-1: the pipeline for one signature, in order. Each SigModel
// is judged by a list of named checks (EU DSS style), and the checks decide the ETSI indication and
// sub-indication. Each concern lives in its own module: timestamps.ts (step 4), ltv.ts (5b), revocation.ts (6),
// qualified.ts (7), policy.ts (8, 9); checks.ts holds the check list and verdict rule, report.ts the result shapes.
import { createHash } from "node:crypto";
import { validatePath, type PathResult } from "./path.ts";
import { Checks, verdictOf, type Ctx } from "./checks.ts";
import { longTermChecks, p4CompleteValues } from "./ltv.ts";
import type { SigModel } from "./model.ts";
import { algorithmChecks, signaturePolicyChecks } from "./policy.ts";
import { nesChecks } from "./qualified.ts";
import { NOT_ASSESSED, type SignatureReport } from "./report.ts";
import { signerCerts } from "./cert-facts.ts";
import { revocationChecks } from "./revocation.ts";
import { timestampChecks } from "./timestamps.ts";

export function evaluate(m: SigModel, ctx: Ctx, isCounter = false): SignatureReport {
  const ch = new Checks();
  const report: SignatureReport = {
    id: m.id,
    format: m.format,
    level: m.level,
    profile: m.profile,
    signingTime: m.signingTime?.toISOString(),
    indication: "TOTAL-PASSED",
    checks: ch.list,
    timestamps: [],
    counterSignatures: [],
    inspection: {
      signedAttributes: m.attributes?.signed,
      unsignedAttributes: m.attributes?.unsigned,
      digestAlgorithm: m.digestHash,
      signatureAlgorithmHash: m.sigHash,
      signingCertificateAttribute: m.essVersion ? `v${m.essVersion} (${m.essHash})` : undefined,
      policy: m.policy ? { oid: m.policy.oid, implied: m.policy.implied, hashAlgorithm: m.policy.hashOid } : undefined,
      contentHints: m.contentHints,
      signedContentSha256: m.signedContent ? createHash("sha256").update(m.signedContent).digest("hex") : undefined,
      claimedRoles: m.claimedRoles,
      certificates: m.certPool.length,
      certificateValues: m.certValues?.length,
      revocationValues:
        m.embeddedCrls.length || m.embeddedOcsps.length
          ? { crls: m.embeddedCrls.length, ocsp: m.embeddedOcsps.length }
          : undefined,
      certificateRefs: m.certRefs?.length,
      revocationRefs: m.revRefs?.reduce((n, r) => n + r.crlHashes.length + r.ocspHashes.length, 0),
      timestamps: m.timestamps.map((t) => t.kind),
      counterSignatures: m.counterSignatures.length,
      notes: m.notes.length ? m.notes : undefined,
    },
  };
  const finish = (): SignatureReport => {
    Object.assign(report, verdictOf(ch.list));
    if (report.indication === "TOTAL-PASSED") delete report.subIndication;
    return report;
  };
  // The earliest archive time-stamp whose imprint and token signature hold proves the embedded data's existence.
  const archiveTimes = m.timestamps
    .filter((t) => t.kind === "archive" && t.ts && t.imprintOk && !t.coverageProblem && t.ts.signer.signatureOk)
    .map((t) => t.ts!.tst.genTime.getTime());
  const sctx: Ctx = {
    ...ctx,
    archivePoe: archiveTimes.length ? new Date(Math.min(...archiveTimes)) : undefined,
    pool: [...m.certPool, ...ctx.pool],
    crls: [...m.embeddedCrls, ...m.crls, ...ctx.crls],
    ocsps: [...m.embeddedOcsps, ...m.ocsps, ...ctx.ocsps],
  };

  // 1. format
  if (m.formatProblems.length) {
    ch.fail("format", "FORMAT_FAILURE", m.formatProblems.join("; "), `biçim hatası: ${m.formatProblems.join("; ")}`);
    return finish();
  }
  ch.pass("format", `${m.format} structure is well-formed`, `${m.format} yapısı doğru`);
  if (m.signedContent === undefined && m.digestNotAssessed) {
    const what = (m.digestProblem ?? "").replace(NOT_ASSESSED, "");
    ch.notAssessed(
      "signed-data",
      "SIGNED_DATA_NOT_FOUND",
      `${NOT_ASSESSED}${what}`,
      `değerlendirilmedi, uyum desteklemiyor (imza hakkında bir hüküm değildir): ${what}`,
    );
    return finish();
  }
  if (m.signedContent === undefined) {
    ch.indet(
      "signed-data",
      "SIGNED_DATA_NOT_FOUND",
      m.digestProblem ?? "the signed data was not found",
      "imzalı veri bulunamadı",
    );
    return finish();
  }
  // 2. signing certificate identification
  const cert = m.signerCert;
  if (!cert) {
    ch.indet(
      "signing-certificate",
      "NO_SIGNING_CERTIFICATE_FOUND",
      m.signerCertProblem ?? "the signer's certificate was not found",
      "imzacı sertifikası bulunamadı",
    );
    return finish();
  }
  report.signer = { subject: cert.subject.text, issuer: cert.issuer.text, serial: cert.serialHex };
  signerCerts.set(report, cert);
  const pkcs7Pdf = m.format === "PAdES" && m.pdfSubFilter !== undefined && m.pdfSubFilter !== "ETSI.CAdES.detached";
  const padesBaseline = m.format === "PAdES" && m.pdfSubFilter === "ETSI.CAdES.detached";
  if (m.essOk === undefined && pkcs7Pdf)
    // ISO 32000-1 PKCS#7 signatures need no ESS attribute; say that the certificate is then not signed over.
    ch.pass(
      "signing-certificate",
      `no signing-certificate attribute: not required for a PKCS#7 PDF signature (/SubFilter ${m.pdfSubFilter}, ISO 32000-1 §12.8.3.3), so the signer's certificate is not bound by the signature`,
      `signing-certificate özniteliği yok: PKCS#7 PDF imzasında (/SubFilter ${m.pdfSubFilter}, ISO 32000-1 §12.8.3.3) zorunlu değil; imzacı sertifikası imzaya bağlı değil`,
    );
  else if (m.essOk === undefined && padesBaseline)
    ch.fail(
      "signing-certificate",
      "FORMAT_FAILURE",
      "PAdES baseline B-B (ETSI EN 319 142-1 §6.3, ETSI.CAdES.detached): the signing-certificate-v2 signed attribute is required and missing",
      "PAdES temel B-B (ETSI EN 319 142-1 §6.3, ETSI.CAdES.detached): signing-certificate-v2 imzalı özniteliği zorunlu ama yok",
    );
  else if (m.essOk === undefined)
    ch.fail(
      "signing-certificate",
      "FORMAT_FAILURE",
      "the signing-certificate (v1/v2) signed attribute is missing (required from BES on)",
      "imzacı sertifikası (signing-certificate v1/v2) imzalı özniteliği yok",
    );
  else if (!m.essOk)
    ch.indet(
      "signing-certificate",
      "NO_SIGNING_CERTIFICATE_FOUND",
      m.essProblem ?? "signing-certificate attribute mismatch",
      "imzacı sertifikası özniteliği sertifikayla uyuşmuyor",
    );
  else
    ch.pass(
      "signing-certificate",
      `signing-certificate v${m.essVersion} binds the signer's certificate (${m.essHash})`,
      `signing-certificate v${m.essVersion} imzacı sertifikasını doğru gösteriyor`,
    );
  // 3. cryptographic verification
  if (!m.digestOk)
    ch.fail(
      "message-digest",
      "HASH_FAILURE",
      m.digestProblem ?? "the digest of the signed data does not match",
      "imzalı verinin özeti uyuşmuyor",
    );
  else ch.pass("message-digest", "the signed data matches its digest", "imzalı verinin özeti doğru");
  if (!m.signatureOk && m.sigAlgUnsupported)
    ch.indet(
      "signature-value",
      "CRYPTO_CONSTRAINTS_FAILURE",
      `the signature value cannot be verified: ${m.sigAlgUnsupported} (unsupported by uyum, not a broken signature)`,
      `imza değeri doğrulanamıyor: ${m.sigAlgUnsupported} (uyum desteklemiyor; imza bozuk demek değil)`,
    );
  else if (!m.signatureOk)
    ch.fail(
      "signature-value",
      "SIG_CRYPTO_FAILURE",
      m.signatureProblem ?? "the signature value does not verify with the signer's public key",
      m.signatureProblem
        ? `imza değeri geçersiz: ${m.signatureProblem}`
        : "imza değeri imzacının açık anahtarıyla doğrulanamadı",
    );
  else ch.pass("signature-value", "the signature value verifies", "imza değeri doğrulandı");

  // 4. time-stamps → proof of existence
  const { tsEvals, tsCh, poe, sigTsFirst } = timestampChecks(m, sctx, report, ch);

  // 5. certificate chain at the best signature time
  const tChain = poe ?? ctx.at;
  const pr: PathResult = validatePath(cert, {
    at: tChain,
    anchors: ctx.opts.anchors,
    intermediates: sctx.pool,
    revocation: "off",
  });
  if (!pr.ok) {
    if (pr.kind === "no-path")
      ch.indet("chain", "NO_CERTIFICATE_CHAIN_FOUND", pr.message, "güvenilir köke sertifika zinciri kurulamadı");
    else if (pr.kind === "expired" || pr.kind === "not-yet-valid") {
      const atSigning = m.signingTime ?? poe;
      const bad = pr.path.find((c) => (atSigning ?? tChain) > c.notAfter || (atSigning ?? tChain) < c.notBefore);
      if (poe && bad)
        ch.fail(
          "chain",
          pr.kind === "expired" ? "EXPIRED" : "NOT_YET_VALID",
          `${pr.message} (before the time-stamped signing time)`,
          "sertifika imza zamanında geçerlilik süresi dışında",
        );
      else
        ch.indet(
          "chain",
          "OUT_OF_BOUNDS_NO_POE",
          `${pr.message}; no proof of existence before that`,
          "sertifika geçerlilik süresi dışında ve öncesine ait varlık kanıtı (zaman damgası) yok",
        );
    } else if (pr.kind === "signature")
      ch.indet(
        "chain",
        "CERTIFICATE_CHAIN_GENERAL_FAILURE",
        pr.message,
        "sertifika zincirinde imza doğrulanamadı (sahte sertifika)",
      );
    else ch.indet("chain", "CHAIN_CONSTRAINTS_FAILURE", pr.message, "sertifika zinciri kısıtları sağlanmıyor");
  } else
    ch.pass(
      "chain",
      `chain to trust anchor "${pr.path[pr.path.length - 1].subject.text}" valid at ${tChain.toISOString()}`,
      "güvenilir köke kadar sertifika zinciri geçerli",
    );
  if (m.signingTime && (m.signingTime < cert.notBefore || m.signingTime > cert.notAfter)) {
    ch.indet(
      "signing-time-validity",
      "OUT_OF_BOUNDS_NO_POE",
      `the claimed signing time ${m.signingTime.toISOString()} is outside the certificate's validity`,
      "beyan edilen imza zamanı sertifika geçerlilik süresi dışında",
    );
  }

  // 5b. long-term data: references and values (C, X, X-L, A), then the time-stamps
  longTermChecks(m, pr, ch);
  p4CompleteValues(m, pr, tsEvals, ch);
  ch.list.push(...tsCh.list);

  // 6. revocation of every certificate of the path (grace period by profile)
  revocationChecks(m, pr, poe, ctx, sctx, ch);

  // 7. qualified-certificate (NES) checks
  if (ctx.opts.requireQualified !== false) nesChecks(cert, ch);

  // 8. algorithm policy (ETSI TS 119 312; SHA-1 accepted as KAMU SM's scenario 6 expects, except where a profile demands SHA-256)
  algorithmChecks(m, cert, poe, ctx, ch);

  // 9. signature policy and Turkish profile rules
  signaturePolicyChecks(m, sigTsFirst, isCounter, ch);

  report.checks = ch.list;
  for (const cs of m.counterSignatures) report.counterSignatures.push(evaluate(cs, sctx, true));
  finish();
  // A failed counter-signature fails the file it belongs to.
  const badCs = report.counterSignatures.find((c) => c.indication !== "TOTAL-PASSED");
  if (badCs && report.indication === "TOTAL-PASSED") {
    ch.add(
      "counter-signature",
      badCs.indication === "TOTAL-FAILED" ? "failed" : "indeterminate",
      `counter-signature ${badCs.id}: ${badCs.indication} ${badCs.subIndication ?? ""}`,
      `seri imza ${badCs.id} geçersiz`,
      badCs.subIndication,
    );
    finish();
  }
  return report;
}
