// Signature validation per CWA 14171 / ETSI EN 319 102-1: each SigModel is judged by a list of named checks
// (EU DSS style), and the checks decide the ETSI indication and sub-indication.
import type { HashName } from "./algs.ts";
import { crlStatus, validatePath, type PathResult } from "./path.ts";
import { REASONS, type Crl } from "./crl.ts";
import { findSingle, ocspSigner, type BasicOcsp } from "./ocsp.ts";
import { digestByOid } from "./algs.ts";
import { concat, tlv, toHex } from "../asn1/der.ts";
import { QC } from "../asn1/oids.ts";
import { TR_POLICIES, TR_POLICY_HASH, type Format, type Level, type Profile, type SigModel, type TimestampUse } from "./model.ts";
import type { Bilingual, CheckResult, Indication, SubIndication, ValidationCheck } from "./verdict.ts";
import { certKey, hasKu, KU, type Cert } from "./x509.ts";

export interface ValidateOptions {
  anchors: Cert[];
  /** Validation time (default: now). */
  at?: Date;
  extraCerts?: Cert[];
  extraCrls?: Crl[];
  extraOcsps?: BasicOcsp[];
  /** Require the NES (qualified certificate) profile of the signer (default true: KAMU SM context). */
  requireQualified?: boolean;
}

export interface SignatureReport {
  id: string;
  format: Format;
  level: Level;
  profile: Profile;
  signer?: { subject: string; issuer: string; serial: string };
  signingTime?: string;
  bestSignatureTime?: string;
  indication: Indication;
  subIndication?: SubIndication;
  checks: ValidationCheck[];
  timestamps: { kind: string; genTime?: string; tsa?: string; ok: boolean }[];
  counterSignatures: SignatureReport[];
  /** What the signature carries (inspection), independent of the verdict. */
  inspection?: Inspection;
}

export interface Inspection {
  signedAttributes?: string[];
  unsignedAttributes?: string[];
  digestAlgorithm?: string;
  signatureAlgorithmHash?: string;
  signingCertificateAttribute?: string;
  policy?: { oid: string; implied?: boolean; hashAlgorithm?: string };
  contentHints?: string;
  certificates: number;
  certificateValues?: number;
  revocationValues?: { crls: number; ocsp: number };
  certificateRefs?: number;
  revocationRefs?: number;
  timestamps: string[];
  counterSignatures: number;
}

export interface ValidationResult {
  file: string;
  format: Format | "unknown";
  level: Level;
  profile: Profile;
  signer?: { subject: string; issuer: string; serial: string };
  indication: Indication;
  subIndication?: SubIndication;
  checks: ValidationCheck[];
  signatures: SignatureReport[];
  /** The signed document's type as sniffed from its bytes, when we saw them. */
  documentType?: DocumentType;
  validationTime: string;
}

const EKU_TIMESTAMPING = "1.3.6.1.5.5.7.3.8";
const DAY = 86_400_000;
const GRACE: Record<Profile, number> = { P1: 0, P2: DAY, P3: DAY, P4: 0, none: 0 };

// ---------- document type sniffing ----------

export interface DocumentType {
  mediaType: string;
  activeContent: boolean;
  note?: string;
}

/** What the signed bytes are (magic numbers), and whether they carry active content (macros, scripts). */
export function sniffDocument(b: Uint8Array): DocumentType {
  const head = Buffer.from(b.subarray(0, 512)).toString("latin1");
  if (head.startsWith("%PDF-")) {
    const all = Buffer.from(b).toString("latin1");
    const js = /\/JavaScript|\/JS\s*[(<]|\/Launch/.test(all);
    const embedded = /\/EmbeddedFile/.test(all);
    return { mediaType: "application/pdf", activeContent: js || embedded, note: js ? "PDF with JavaScript/Launch actions" : embedded ? "PDF with embedded files" : undefined };
  }
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) {
    const all = Buffer.from(b).toString("latin1");
    const macro = /vbaProject\.bin|macroEnabled|\.docm|\.xlsm/i.test(all);
    const office = /word\/|xl\/|ppt\//.test(all);
    return { mediaType: office ? "application/vnd.openxmlformats-officedocument" : "application/zip", activeContent: macro, note: macro ? "Office document with macros (vbaProject)" : undefined };
  }
  if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) return { mediaType: "application/msword", activeContent: /Macros|VBA/.test(Buffer.from(b).toString("latin1")), note: "OLE2 (legacy Office) document" };
  if (b[0] === 0xff && b[1] === 0xd8) return { mediaType: "image/jpeg", activeContent: false };
  if (b[0] === 0x89 && head.startsWith("\x89PNG")) return { mediaType: "image/png", activeContent: false };
  const t = head.replace(/^\uFEFF|^ï»¿/, "").trimStart().toLowerCase();
  if (t.startsWith("<!doctype html") || t.startsWith("<html")) {
    const all = Buffer.from(b).toString("utf8").toLowerCase();
    const script = /<script|\son[a-z]+\s*=|javascript:/.test(all);
    return { mediaType: "text/html", activeContent: script, note: script ? "HTML with script" : undefined };
  }
  if (t.startsWith("<?xml") || t.startsWith("<")) return { mediaType: "application/xml", activeContent: false };
  return { mediaType: "application/octet-stream", activeContent: false };
}

// ---------- checks ----------

class Checks {
  list: ValidationCheck[] = [];
  add(id: string, result: CheckResult, en: string, tr: string, subIndication?: SubIndication, indication?: Indication): void {
    const c: ValidationCheck & { indication?: Indication } = { id, result, reason: { tr, en } as Bilingual };
    if (result !== "passed" && result !== "skipped" && subIndication) c.subIndication = subIndication;
    if (indication) c.indication = indication;
    this.list.push(c);
  }
  pass(id: string, en: string, tr: string): void {
    this.add(id, "passed", en, tr);
  }
  fail(id: string, sub: SubIndication, en: string, tr: string): void {
    this.add(id, "failed", en, tr, sub);
  }
  indet(id: string, sub: SubIndication, en: string, tr: string): void {
    this.add(id, "indeterminate", en, tr, sub);
  }
  skip(id: string, en: string, tr: string): void {
    this.add(id, "skipped", en, tr);
  }
}

export function verdictOf(checks: ValidationCheck[]): { indication: Indication; subIndication?: SubIndication } {
  const failed = checks.find((c) => c.result === "failed");
  if (failed) return { indication: "TOTAL-FAILED", subIndication: failed.subIndication };
  const ind = checks.find((c) => c.result === "indeterminate");
  if (ind) return { indication: "INDETERMINATE", subIndication: ind.subIndication };
  return { indication: "TOTAL-PASSED" };
}

interface Ctx {
  opts: ValidateOptions;
  at: Date;
  pool: Cert[];
  crls: Crl[];
  ocsps: BasicOcsp[];
  /** All CRLs known, for OCSP responder certificates (not bound by the signer's revocation references). */
  allCrls?: Crl[];
  /** The revocation data was named by the signature's own references: any of it being invalid is a failure. */
  bound?: boolean;
}

interface RevResult {
  status: "good" | "revoked" | "unknown";
  /** Why unknown: "invalid" = data present but its signature/signer fails; "missing" = none or out of date. */
  why?: "invalid" | "missing";
  revokedAt?: Date;
  reason?: string;
  source?: "crl" | "ocsp";
  problem: string;
}

/**
 * Revocation status of `cert` for a signature whose existence is proven at `poe`: revocation data is usable
 * when it is current at the validation time, or was issued after `poe + grace` (so it covers the signing).
 */
function revocationOf(cert: Cert, issuer: Cert, path: Cert[], ctx: Ctx, tRev: Date, only?: "crl" | "ocsp"): RevResult {
  const usable = (thisUpdate: Date, nextUpdate?: Date): boolean =>
    thisUpdate <= ctx.at && ((nextUpdate === undefined || nextUpdate >= ctx.at) || thisUpdate >= tRev);
  let problem = "no revocation information (CRL or OCSP) was found";
  let invalid = false;
  // Both sources are consulted: a usable CRL that says "revoked" wins over an OCSP "good" (and vice versa).
  let ocspGood = false;
  if (only !== "crl") {
    for (const resp of ctx.ocsps) {
      const single = findSingle(resp, cert, issuer);
      if (!single) continue;
      const signer = ocspSigner(resp, issuer, ctx.pool);
      if (!signer.signer) {
        problem = `OCSP response unusable: ${signer.problem}`;
        invalid = true;
        continue;
      }
      const rc = signer.signer;
      if (signer.delegated) {
        if (resp.producedAt < rc.notBefore || resp.producedAt > rc.notAfter) {
          problem = "OCSP response unusable: the responder certificate was not valid when the response was produced";
          invalid = true;
          continue;
        }
        if (!rc.ocspNoCheck) {
          const st = crlStatus(rc, issuer, [rc, ...path], { at: ctx.at, anchors: ctx.opts.anchors, intermediates: ctx.pool, crls: ctx.allCrls ?? ctx.crls, revocation: "require" });
          if (st.status === "revoked" && st.entry!.date <= resp.producedAt) {
            problem = "OCSP response unusable: the responder certificate was revoked";
            invalid = true;
            continue;
          }
          // RFC 6960 §4.2.2.2.1: without id-pkix-ocsp-nocheck the responder's own status must be known.
          if (st.status === "unknown") {
            problem = `OCSP response unusable: the responder certificate has no ocsp-nocheck and its revocation status is unknown (${st.message})`;
            invalid = true;
            continue;
          }
        }
      }
      if (!usable(single.thisUpdate, single.nextUpdate)) {
        problem = "OCSP response unusable: it is out of date (nextUpdate passed and not issued after the signing time)";
        continue;
      }
      if (single.status === "revoked") return { status: "revoked", revokedAt: single.revokedAt, reason: REASONS[single.reason ?? 0], source: "ocsp", problem: "" };
      if (single.status === "good") {
        ocspGood = true;
        if (only === "ocsp") return { status: "good", source: "ocsp", problem: "" };
        continue;
      }
      problem = "OCSP responder does not know the certificate";
    }
  }
  if (only === "ocsp") return { status: "unknown", problem, why: invalid ? "invalid" : "missing" };
  const st = crlStatus(cert, issuer, path, {
    at: ctx.at,
    anchors: ctx.opts.anchors,
    intermediates: ctx.pool,
    crls: ctx.crls,
    revocation: "require",
    crlFresh: (crl) => usable(crl.thisUpdate, crl.nextUpdate),
  });
  if (st.status === "revoked") return { status: "revoked", revokedAt: st.entry!.date, reason: REASONS[st.entry!.reason ?? 0], source: "crl", problem: "" };
  // Data the signature itself references for this certificate must all be valid (an X-L carrying a forged or
  // unauthorised OCSP response is not rescued by another source).
  if (ctx.bound && invalid) return { status: "unknown", problem, why: "invalid" };
  if (st.status === "good") return { status: "good", source: "crl", problem: "" };
  if (ocspGood) return { status: "good", source: "ocsp", problem: "" };
  if (invalid) return { status: "unknown", problem, why: "invalid" };
  const crlInvalid = /signature could not be verified|CRL issuer|not allowed to sign CRLs/.test(st.message);
  return { status: "unknown", problem: ctx.crls.length ? st.message : problem, why: crlInvalid ? "invalid" : "missing" };
}

/**
 * Algorithm policy, after ETSI TS 119 312's dates: MD2/MD5 never; RSA under 1024 bits never, under 1900 bits
 * not after 2019; EC curves under 256 bits never. SHA-1 stays acceptable for signatures (KAMU SM scenario 6
 * expects a SHA-1 signature to validate; the P2–P4 profiles demand SHA-256 separately).
 */
export function algorithmProblem(m: { digestHash?: HashName; sigHash?: HashName }, cert: Cert, at: Date): Bilingual | undefined {
  for (const h of [m.digestHash, m.sigHash]) {
    if (h === "MD5" || h === "MD2") return { en: `hash algorithm ${h} is broken (TS 119 312)`, tr: `${h} özet algoritması kırılmış (TS 119 312)` };
  }
  let details: { modulusLength?: number; namedCurve?: string } | undefined;
  try {
    details = certKey(cert).asymmetricKeyDetails;
  } catch {
    return { en: "the signer's public key cannot be read", tr: "imzacının açık anahtarı okunamadı" };
  }
  const bits = details?.modulusLength;
  if (bits !== undefined && bits < 1024) return { en: `RSA key of ${bits} bits is too short`, tr: `${bits} bit RSA anahtarı çok kısa` };
  if (bits !== undefined && bits < 1900 && at > new Date("2019-12-31T23:59:59Z")) return { en: `RSA key of ${bits} bits is not acceptable after 2019 (TS 119 312)`, tr: `${bits} bit RSA anahtarı 2019'dan sonra kabul edilmez (TS 119 312)` };
  if (details?.namedCurve && /^(secp(160|192|224)|prime192)/.test(details.namedCurve)) return { en: `elliptic curve ${details.namedCurve} is too small`, tr: `${details.namedCurve} eğrisi çok küçük` };
  return undefined;
}

interface TsEval {
  use: TimestampUse;
  ok: boolean;
  genTime?: Date;
  /** the TSA's certification path, TSA certificate first, trust anchor last (when it was built) */
  path?: Cert[];
  sub?: SubIndication;
  indication?: Indication;
  why?: Bilingual;
}

/** A time-stamp: imprint, token signature, TSA certificate (EKU, validity at genTime: pkijs #462), TSA chain, revocation. */
function evalTimestamp(use: TimestampUse, ctx: Ctx, profile: Profile): TsEval {
  if (!use.ts) return { use, ok: false, sub: "FORMAT_FAILURE", indication: "TOTAL-FAILED", why: { en: use.problem ?? "unreadable time-stamp", tr: "zaman damgası okunamadı" } };
  const ts = use.ts;
  const g = ts.tst.genTime;
  if (!use.imprintOk) return { use, ok: false, genTime: g, sub: "HASH_FAILURE", indication: "TOTAL-FAILED", why: { en: `${use.kind} time-stamp: the message imprint does not match`, tr: `${use.kind} zaman damgası: özet değeri uyuşmuyor` } };
  const tsa = ts.signer.cert;
  if (!tsa) return { use, ok: false, genTime: g, sub: "NO_SIGNING_CERTIFICATE_FOUND", indication: "INDETERMINATE", why: { en: `${use.kind} time-stamp: the TSA certificate was not found`, tr: `${use.kind} zaman damgası: ZD sertifikası bulunamadı` } };
  if (!ts.signer.signatureOk || ts.signer.messageDigestOk === false) return { use, ok: false, genTime: g, sub: "SIG_CRYPTO_FAILURE", indication: "TOTAL-FAILED", why: { en: `${use.kind} time-stamp: the token's signature does not verify`, tr: `${use.kind} zaman damgası: imza doğrulanamadı` } };
  if (ts.signer.essOk === false) return { use, ok: false, genTime: g, sub: "NO_SIGNING_CERTIFICATE_FOUND", indication: "INDETERMINATE", why: { en: `${use.kind} time-stamp: signing-certificate attribute does not match the TSA certificate`, tr: `${use.kind} zaman damgası: imzacı sertifika özniteliği uyuşmuyor` } };
  if (!tsa.extKeyUsage?.includes(EKU_TIMESTAMPING)) return { use, ok: false, genTime: g, sub: "CHAIN_CONSTRAINTS_FAILURE", indication: "INDETERMINATE", why: { en: `${use.kind} time-stamp: the TSA certificate lacks the timeStamping extended key usage`, tr: `${use.kind} zaman damgası: ZD sertifikasında timeStamping kullanımı yok` } };
  if (g < tsa.notBefore || g > tsa.notAfter) return { use, ok: false, genTime: g, sub: "OUT_OF_BOUNDS_NO_POE", indication: "INDETERMINATE", why: { en: `${use.kind} time-stamp: the TSA certificate was not valid at genTime ${g.toISOString()}`, tr: `${use.kind} zaman damgası: ZD sertifikası damga zamanında geçerli değil` } };
  const pool = [...ctx.pool, ...ts.certs];
  const path = validatePath(tsa, { at: g, anchors: ctx.opts.anchors, intermediates: pool, revocation: "off" });
  if (!path.ok) {
    const sub: SubIndication = path.kind === "no-path" ? "NO_CERTIFICATE_CHAIN_FOUND" : "CERTIFICATE_CHAIN_GENERAL_FAILURE";
    return { use, ok: false, genTime: g, sub, indication: "INDETERMINATE", why: { en: `${use.kind} time-stamp: TSA chain: ${path.message}`, tr: `${use.kind} zaman damgası: ZD sertifika zinciri doğrulanamadı` } };
  }
  // TSA revocation: revoked before genTime → the token proves nothing.
  for (let i = 0; i < path.path.length - 1; i++) {
    const c = path.path[i];
    const rv = revocationOf(c, path.path[i + 1], path.path, { ...ctx, pool }, new Date(g.getTime() + GRACE[profile]));
    if (rv.status === "revoked" && rv.revokedAt! <= g) {
      return { use, ok: false, genTime: g, sub: "REVOKED_NO_POE", indication: "INDETERMINATE", why: { en: `${use.kind} time-stamp: TSA certificate "${c.subject.text}" was revoked at ${rv.revokedAt!.toISOString()}, before genTime`, tr: `${use.kind} zaman damgası: ZD sertifikası damga zamanından önce iptal edilmiş` } };
    }
    if (rv.status === "unknown") {
      return { use, ok: false, genTime: g, sub: rv.why === "invalid" ? "CERTIFICATE_CHAIN_GENERAL_FAILURE" : "TRY_LATER", indication: "INDETERMINATE", why: { en: `${use.kind} time-stamp: revocation status of "${c.subject.text}" unknown: ${rv.problem}`, tr: `${use.kind} zaman damgası: ZD sertifikasının iptal durumu belirlenemedi` } };
    }
  }
  return { use, ok: true, genTime: g, path: path.path };
}

/** NES (qualified certificate) checks of KAMU SM: nonRepudiation, QC statements, user notice, usage restriction. */
function nesChecks(c: Cert, ch: Checks): void {
  if (!c.keyUsage || !hasKu(c, KU.nonRepudiation)) ch.indet("nes-key-usage", "CHAIN_CONSTRAINTS_FAILURE", "the signer's certificate keyUsage lacks nonRepudiation", "imzacı sertifikasının anahtar kullanımında inkâr edilemezlik (nonRepudiation) yok");
  else ch.pass("nes-key-usage", "keyUsage has nonRepudiation", "anahtar kullanımında nonRepudiation var");
  const qs = new Set((c.qcStatements ?? []).map((q) => q.oid));
  if (!qs.has(QC.etsiCompliance)) ch.indet("nes-qc-etsi", "CHAIN_CONSTRAINTS_FAILURE", "qcStatements lacks the ETSI QcCompliance statement 0.4.0.1862.1.1", "qcStatements içinde ETSI 0.4.0.1862.1.1 ifadesi yok");
  else ch.pass("nes-qc-etsi", "ETSI QcCompliance present", "ETSI QcCompliance ifadesi var");
  if (!qs.has(QC.btkNes) && !qs.has(QC.btkNes2)) ch.indet("nes-qc-btk", "CHAIN_CONSTRAINTS_FAILURE", "qcStatements lacks the BTK NES statement 2.16.792.1.61.0.1.5070.1.1 (or .2.1)", "qcStatements içinde BTK NES ifadesi (2.16.792.1.61.0.1.5070.1.1) yok");
  else ch.pass("nes-qc-btk", "BTK NES statement present", "BTK NES ifadesi var");
  const notice = (c.policies ?? []).some((p) => p.userNotices.some((n) => n.trim().length > 0));
  if (!notice) ch.indet("nes-user-notice", "CHAIN_CONSTRAINTS_FAILURE", "certificatePolicies carries no user notice (the NES statement)", "sertifika ilkelerinde kullanıcı bildirimi (ibare) yok");
  else ch.pass("nes-user-notice", "certificate policy user notice present", "sertifika ilkesi kullanıcı bildirimi var");
  if (qs.has(QC.btkUsageRestriction) || qs.has(QC.btkUsageRestriction2)) {
    ch.indet("nes-usage-restriction", "CHAIN_CONSTRAINTS_FAILURE", "the certificate carries a usage restriction (kullanım kısıtı): it may not be used for this signature", "sertifikada kullanım kısıtı var: bu imza için kullanılamaz");
  }
  if (qs.has(QC.etsiLimit)) ch.pass("nes-monetary-limit", "a monetary limit is present; a limit (even 0) does not invalidate the signature", "para limiti var; limit (0 dahil) imzayı geçersiz kılmaz");
}

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
      certificates: m.certPool.length,
      certificateValues: m.certValues?.length,
      revocationValues: m.embeddedCrls.length || m.embeddedOcsps.length ? { crls: m.embeddedCrls.length, ocsp: m.embeddedOcsps.length } : undefined,
      certificateRefs: m.certRefs?.length,
      revocationRefs: m.revRefs?.reduce((n, r) => n + r.crlHashes.length + r.ocspHashes.length, 0),
      timestamps: m.timestamps.map((t) => t.kind),
      counterSignatures: m.counterSignatures.length,
    },
  };
  const finish = (): SignatureReport => {
    Object.assign(report, verdictOf(ch.list));
    if (report.indication === "TOTAL-PASSED") delete report.subIndication;
    return report;
  };
  const sctx: Ctx = { ...ctx, pool: [...m.certPool, ...ctx.pool], crls: [...m.embeddedCrls, ...m.crls, ...ctx.crls], ocsps: [...m.embeddedOcsps, ...m.ocsps, ...ctx.ocsps] };

  // 1. format
  if (m.formatProblems.length) {
    ch.fail("format", "FORMAT_FAILURE", m.formatProblems.join("; "), `biçim hatası: ${m.formatProblems.join("; ")}`);
    return finish();
  }
  ch.pass("format", `${m.format} structure is well-formed`, `${m.format} yapısı doğru`);
  if (m.signedContent === undefined) {
    ch.indet("signed-data", "SIGNED_DATA_NOT_FOUND", m.digestProblem ?? "the signed data was not found", "imzalı veri bulunamadı");
    return finish();
  }
  // 2. signing certificate identification
  const cert = m.signerCert;
  if (!cert) {
    ch.indet("signing-certificate", "NO_SIGNING_CERTIFICATE_FOUND", m.signerCertProblem ?? "the signer's certificate was not found", "imzacı sertifikası bulunamadı");
    return finish();
  }
  report.signer = { subject: cert.subject.text, issuer: cert.issuer.text, serial: cert.serialHex };
  if (m.essOk === undefined) ch.fail("signing-certificate", "FORMAT_FAILURE", "the signing-certificate (v1/v2) signed attribute is missing (required from BES on)", "imzacı sertifikası (signing-certificate v1/v2) imzalı özniteliği yok");
  else if (!m.essOk) ch.indet("signing-certificate", "NO_SIGNING_CERTIFICATE_FOUND", m.essProblem ?? "signing-certificate attribute mismatch", "imzacı sertifikası özniteliği sertifikayla uyuşmuyor");
  else ch.pass("signing-certificate", `signing-certificate v${m.essVersion} binds the signer's certificate (${m.essHash})`, `signing-certificate v${m.essVersion} imzacı sertifikasını doğru gösteriyor`);
  // 3. cryptographic verification
  if (!m.digestOk) ch.fail("message-digest", "HASH_FAILURE", m.digestProblem ?? "the digest of the signed data does not match", "imzalı verinin özeti uyuşmuyor");
  else ch.pass("message-digest", "the signed data matches its digest", "imzalı verinin özeti doğru");
  if (!m.signatureOk) ch.fail("signature-value", "SIG_CRYPTO_FAILURE", "the signature value does not verify with the signer's public key", "imza değeri imzacının açık anahtarıyla doğrulanamadı");
  else ch.pass("signature-value", "the signature value verifies", "imza değeri doğrulandı");

  // 4. time-stamps → proof of existence
  const tsEvals = m.timestamps.map((u) => evalTimestamp(u, sctx, m.profile));
  // Their checks are listed after the structural long-term checks (references/values), which decide first.
  const tsCh = new Checks();
  for (const t of tsEvals) {
    report.timestamps.push({ kind: t.use.kind, genTime: t.genTime?.toISOString(), tsa: t.use.ts?.signer.cert?.subject.text, ok: t.ok });
    if (t.ok) tsCh.pass(`timestamp-${t.use.kind}`, `${t.use.kind} time-stamp valid (genTime ${t.genTime!.toISOString()})`, `${t.use.kind} zaman damgası geçerli`);
    else tsCh.add(`timestamp-${t.use.kind}`, t.indication === "TOTAL-FAILED" ? "failed" : "indeterminate", t.why!.en, t.why!.tr, t.sub);
  }
  const sigTs = tsEvals.filter((t) => t.ok && (t.use.kind === "signature" || t.use.kind === "esc" || t.use.kind === "archive" || t.use.kind === "document"));
  const poe = sigTs.length ? new Date(Math.min(...sigTs.map((t) => t.genTime!.getTime()))) : undefined;
  const contentTs = tsEvals.find((t) => t.ok && t.use.kind === "content");
  if (poe) report.bestSignatureTime = poe.toISOString();
  // Ordering: content time-stamp ≤ signing time ≤ signature time-stamp (EN 319 102-1 5.6.2.4)
  if (poe && contentTs && contentTs.genTime! > poe) ch.fail("timestamp-order", "TIMESTAMP_ORDER_FAILURE", "the content time-stamp is later than the signature time-stamp", "içerik zaman damgası imza zaman damgasından sonra");
  const sigTsFirst = tsEvals.find((t) => t.ok && t.use.kind === "signature");

  // 5. certificate chain at the best signature time
  const tChain = poe ?? ctx.at;
  const pr: PathResult = validatePath(cert, { at: tChain, anchors: ctx.opts.anchors, intermediates: sctx.pool, revocation: "off" });
  if (!pr.ok) {
    if (pr.kind === "no-path") ch.indet("chain", "NO_CERTIFICATE_CHAIN_FOUND", pr.message, "güvenilir köke sertifika zinciri kurulamadı");
    else if (pr.kind === "expired" || pr.kind === "not-yet-valid") {
      const atSigning = m.signingTime ?? poe;
      const bad = pr.path.find((c) => (atSigning ?? tChain) > c.notAfter || (atSigning ?? tChain) < c.notBefore);
      if (poe && bad) ch.fail("chain", pr.kind === "expired" ? "EXPIRED" : "NOT_YET_VALID", `${pr.message} (before the time-stamped signing time)`, "sertifika imza zamanında geçerlilik süresi dışında");
      else ch.indet("chain", "OUT_OF_BOUNDS_NO_POE", `${pr.message}; no proof of existence before that`, "sertifika geçerlilik süresi dışında ve öncesine ait varlık kanıtı (zaman damgası) yok");
    } else if (pr.kind === "signature") ch.indet("chain", "CERTIFICATE_CHAIN_GENERAL_FAILURE", pr.message, "sertifika zincirinde imza doğrulanamadı (sahte sertifika)");
    else ch.indet("chain", "CHAIN_CONSTRAINTS_FAILURE", pr.message, "sertifika zinciri kısıtları sağlanmıyor");
  } else ch.pass("chain", `chain to trust anchor "${pr.path[pr.path.length - 1].subject.text}" valid at ${tChain.toISOString()}`, "güvenilir köke kadar sertifika zinciri geçerli");
  if (m.signingTime && (m.signingTime < cert.notBefore || m.signingTime > cert.notAfter)) {
    ch.indet("signing-time-validity", "OUT_OF_BOUNDS_NO_POE", `the claimed signing time ${m.signingTime.toISOString()} is outside the certificate's validity`, "beyan edilen imza zamanı sertifika geçerlilik süresi dışında");
  }

  // 5b. long-term data: references and values (C, X, X-L, A), then the time-stamps
  longTermChecks(m, pr, ch);
  p4CompleteValues(m, pr, tsEvals, ch);
  ch.list.push(...tsCh.list);

  // 6. revocation of every certificate of the path (grace period by profile)
  if (pr.ok) {
    const basis = poe ?? m.signingTime ?? ctx.at;
    const tRev = new Date(basis.getTime() + GRACE[m.profile]);
    if (GRACE[m.profile] && ctx.at < tRev) ch.indet("grace-period", "TRY_LATER", `the grace period (${GRACE[m.profile] / 3600000} h) after ${basis.toISOString()} has not elapsed`, "kesinleşme süresi dolmadı");
    for (let i = 0; i < pr.path.length - 1; i++) {
      const c = pr.path[i];
      const isSigner = i === 0;
      const rctx = refBound(m, i, sctx);
      const rv = revocationOf(c, pr.path[i + 1], pr.path, rctx, tRev, isSigner && m.profile === "P4" ? "ocsp" : undefined);
      const who = isSigner ? "the signer's certificate" : `CA certificate "${c.subject.text}"`;
      const kim = isSigner ? "imzacı sertifikası" : "alt kök sertifikası";
      if (rv.status === "good") ch.pass(isSigner ? "revocation" : `revocation-ca-${i}`, `${who} is not revoked (${rv.source})`, `${kim} iptal edilmemiş (${rv.source === "crl" ? "SİL" : "OCSP"})`);
      else if (rv.status === "unknown") {
        // P4 wants OCSP for the signer: a CRL that would have answered is a profile violation, not missing data.
        if (isSigner && m.profile === "P4" && revocationOf(c, pr.path[i + 1], pr.path, rctx, tRev, "crl").status !== "unknown") {
          ch.indet("revocation", "SIG_CONSTRAINTS_FAILURE", "profile P4 requires an OCSP response for the signer's certificate; only a CRL is available", "P4 profili imzacı sertifikası için OCSP yanıtı ister; yalnızca SİL var");
        } else ch.indet(isSigner ? "revocation" : `revocation-ca-${i}`, rv.why === "invalid" ? "CERTIFICATE_CHAIN_GENERAL_FAILURE" : "TRY_LATER", `${who}: ${rv.problem}`, `${kim} için geçerli iptal bilgisi yok`);
      } else {
        const when = rv.revokedAt!;
        const id = isSigner ? "revocation" : `revocation-ca-${i}`;
        // Name the source that said "revoked": an assessor must be able to tell which service the verdict rests on.
        const per = rv.source === "crl" ? { en: "per the CRL", tr: "SİL'e göre" } : { en: "per OCSP", tr: "OCSP'ye göre" };
        if (poe && poe < when) ch.pass(id, `${who} was revoked at ${when.toISOString()} (${per.en}), after the time-stamp proves the signature existed (${poe.toISOString()})`, `${kim} imzadan (zaman damgasından) sonra iptal edilmiş (${per.tr})`);
        else if (poe && isSigner) ch.fail(id, "REVOKED", `${who} was revoked at ${when.toISOString()} (${rv.reason}, ${per.en}), before the signature time-stamp`, `${kim} imza zaman damgasından önce iptal edilmiş (${per.tr})`);
        else ch.indet(id, isSigner ? "REVOKED_NO_POE" : "REVOKED_CA_NO_POE", `${who} was revoked at ${when.toISOString()} (${rv.reason}, ${per.en}) and nothing proves the signature existed before`, `${kim} iptal edilmiş (${per.tr}) ve imzanın öncesinde var olduğunu gösteren kanıt yok`);
      }
    }
  }

  // 7. qualified-certificate (NES) checks
  if (ctx.opts.requireQualified !== false) nesChecks(cert, ch);

  // 8. algorithm policy (ETSI TS 119 312; SHA-1 accepted as KAMU SM's scenario 6 expects, except where a profile demands SHA-256)
  const algProblem = algorithmProblem(m, cert, poe ?? m.signingTime ?? ctx.at);
  if (algProblem) ch.indet("algorithms", "CRYPTO_CONSTRAINTS_FAILURE_NO_POE", algProblem.en, algProblem.tr);
  else ch.pass("algorithms", `algorithms acceptable (digest ${m.digestHash}, signature ${m.sigHash})`, "algoritmalar kabul edilebilir");

  // 9. signature policy and Turkish profile rules
  if (m.policy && !m.policy.implied) {
    const known = TR_POLICY_HASH[m.policy.hashOid ?? ""];
    if (!Object.hasOwn(TR_POLICIES, m.policy.oid)) ch.indet("signature-policy", "SIGNATURE_POLICY_NOT_AVAILABLE", `unknown signature policy ${m.policy.oid}`, `bilinmeyen imza politikası ${m.policy.oid}`);
    else if (!known || known !== m.policy.hashHex?.toLowerCase()) ch.indet("signature-policy", "POLICY_PROCESSING_ERROR", `the signature policy hash does not match the policy document (${m.policy.hashHex})`, "imza politikası özet değeri politika belgesiyle uyuşmuyor");
    else ch.pass("signature-policy", `signature policy ${m.policy.oid} (${m.profile}) with the right hash`, `imza politikası ${m.policy.oid} (${m.profile}) doğru özetle`);
  }
  if (m.profile === "P2" || m.profile === "P3" || m.profile === "P4") {
    if (m.digestHash !== "SHA-256" && m.digestHash !== "SHA-384" && m.digestHash !== "SHA-512") ch.indet("profile-hash", "CRYPTO_CONSTRAINTS_FAILURE", `profile ${m.profile} requires SHA-256 or stronger (found ${m.digestHash})`, `${m.profile} profili en az SHA-256 gerektirir`);
    if (m.essVersion !== 2 || m.essHash === "SHA-1") ch.indet("profile-ess", "SIG_CONSTRAINTS_FAILURE", `profile ${m.profile} requires signing-certificate-v2 with SHA-256 (found v${m.essVersion ?? "-"} ${m.essHash ?? ""})`, `${m.profile} profili SHA-256 ile signing-certificate-v2 gerektirir`);
    if (!m.signingTime) ch.indet("profile-signing-time", "SIG_CONSTRAINTS_FAILURE", `profile ${m.profile} requires the signing-time attribute`, `${m.profile} profili imza zamanı özniteliği gerektirir`);
    // A counter-signature is time-stamped through its parent's long-term data, not with its own ES-T.
    if (!sigTsFirst && !isCounter) ch.indet("profile-timestamp", "SIG_CONSTRAINTS_FAILURE", `profile ${m.profile} requires a valid signature time-stamp (ES-T or higher)`, `${m.profile} profili geçerli imza zaman damgası (ES-T veya üstü) gerektirir`);
    else if (sigTsFirst && m.signingTime && Math.abs(sigTsFirst.genTime!.getTime() - m.signingTime.getTime()) > 2 * 3600_000) {
      ch.indet("profile-timestamp", "SIG_CONSTRAINTS_FAILURE", `the signature time-stamp (${sigTsFirst.genTime!.toISOString()}) is more than 2 hours from the signing time (${m.signingTime.toISOString()})`, "imza zaman damgası imza zamanından 2 saatten fazla uzak");
    }
  }

  report.checks = ch.list;
  for (const cs of m.counterSignatures) report.counterSignatures.push(evaluate(cs, sctx, true));
  finish();
  // A failed counter-signature fails the file it belongs to.
  const badCs = report.counterSignatures.find((c) => c.indication !== "TOTAL-PASSED");
  if (badCs && report.indication === "TOTAL-PASSED") {
    ch.add("counter-signature", badCs.indication === "TOTAL-FAILED" ? "failed" : "indeterminate", `counter-signature ${badCs.id}: ${badCs.indication} ${badCs.subIndication ?? ""}`, `seri imza ${badCs.id} geçersiz`, badCs.subIndication);
    finish();
  }
  return report;
}

function hashMatches(ref: { hashOid: string; hashHex: string }, ders: Uint8Array[]): boolean {
  return ders.some((d) => {
    try {
      return toHex(digestByOid(ref.hashOid, d)) === ref.hashHex;
    } catch {
      return false;
    }
  });
}

/**
 * With complete-revocation-references (C and above), certificate i of the path (signer first) is judged by the
 * revocation data its own CrlOcspRef names, not by whatever else the signature happens to carry.
 */
function refBound(m: SigModel, i: number, ctx: Ctx): Ctx {
  const ref = m.revRefs?.[i];
  if (!ref) return ctx;
  const crls = ctx.crls.filter((c) => ref.crlHashes.some((h) => hashMatches(h, [c.der])));
  const ocsps = ctx.ocsps.filter((o) => ref.ocspHashes.some((h) => hashMatches(h, [o.der, fullOcspResponse(o.der)])));
  // When none of the referenced data is at hand (C level, data fetched afresh), judge by what is available.
  if (!crls.length && !ocsps.length) return ctx;
  return { ...ctx, crls, ocsps, allCrls: ctx.crls, bound: true };
}

/** DER OCSPResponse around a BasicOCSPResponse (successful, id-pkix-ocsp-basic): what OCSP references hash. */
function fullOcspResponse(basic: Uint8Array): Uint8Array {
  const basicOid = Uint8Array.of(0x06, 0x09, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x01);
  const rb = tlv(0x30, concat([basicOid, tlv(0x04, basic)]));
  return tlv(0x30, concat([Uint8Array.of(0x0a, 0x01, 0x00), tlv(0xa0, rb)]));
}

function longTermChecks(m: SigModel, pr: PathResult, ch: Checks): void {
  const caCerts = pr.ok ? pr.path.slice(1, -1) : [];
  if (m.certRefs !== undefined || m.revRefs !== undefined) {
    if (!m.certRefs || !m.revRefs) ch.indet("references", "SIG_CONSTRAINTS_FAILURE", `${!m.certRefs ? "complete-certificate-references" : "complete-revocation-references"} is missing (both are required from level C on)`, "sertifika ve iptal referanslarının ikisi de bulunmalı");
    else {
      const known = [...m.certPool, ...(m.certValues ?? []), ...pr.path].map((c) => c.der);
      const badCert = m.certRefs.find((r) => !hashMatches(r, known));
      const missing = caCerts.filter((c) => !m.certRefs!.some((r) => hashMatches(r, [c.der])));
      const revDers = [...m.embeddedCrls.map((c) => c.der), ...m.embeddedOcsps.flatMap((o) => [o.der, fullOcspResponse(o.der)])];
      // A reference to data that is simply absent is missing data (judged by the revocation check); a reference
      // that matches nothing while some value matches no reference is a wrong reference.
      const allRefs = m.revRefs.flatMap((r) => [...r.crlHashes, ...r.ocspHashes]);
      const unmatchedValue = [...m.embeddedCrls.map((c) => [c.der]), ...m.embeddedOcsps.map((o) => [o.der, fullOcspResponse(o.der)])].some((ders) => !allRefs.some((r) => hashMatches(r, ders)));
      const badRev = unmatchedValue ? allRefs.find((r) => revDers.length > 0 && !hashMatches(r, revDers)) : undefined;
      if (badCert) ch.indet("references", "SIG_CONSTRAINTS_FAILURE", "a certificate reference does not match any certificate", "bir sertifika referansı hiçbir sertifikayla eşleşmiyor");
      else if (missing.length) ch.indet("references", "SIG_CONSTRAINTS_FAILURE", `certificate references miss "${missing[0].subject.text}"`, "sertifika referanslarında zincirdeki bir sertifika eksik");
      else if (badRev) ch.indet("references", "SIG_CONSTRAINTS_FAILURE", "a revocation reference does not match the revocation values", "bir iptal referansı iptal değerleriyle eşleşmiyor");
      else ch.pass("references", "certificate and revocation references match", "sertifika ve iptal referansları doğru");
    }
  }
  if (m.certValues !== undefined || m.revocationValueCount !== undefined) {
    if (!m.certValues || m.revocationValueCount === undefined) ch.indet("values", "SIG_CONSTRAINTS_FAILURE", `${!m.certValues ? "certificate-values" : "revocation-values"} is missing (X-L needs both)`, "X-L için sertifika ve iptal değerleri bulunmalı");
    else {
      const missing = caCerts.filter((c) => !m.certValues!.some((v) => v.id === c.id));
      if (missing.length) ch.indet("values", "NO_CERTIFICATE_CHAIN_FOUND", `certificate-values lack "${missing[0].subject.text}": the chain cannot be built from the embedded values`, "sertifika değerlerinde zincirdeki bir sertifika eksik: zincir gömülü değerlerden kurulamıyor");
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
function p4CompleteValues(m: SigModel, pr: PathResult, tsEvals: TsEval[], ch: Checks): void {
  if (m.profile !== "P4" || !m.certValues || ch.list.some((c) => c.id === "values" && c.result !== "passed")) return;
  const values = m.certValues;
  const paths: Array<{ who: string; certs: Cert[]; extra: Cert[] }> = [];
  // the signer's own certificate travels in SignedData.certificates / KeyInfo, not in the values
  if (pr.ok) paths.push({ who: "signer", certs: pr.path.slice(1), extra: [] });
  for (const t of tsEvals) if (t.path && (t.use.kind === "signature" || t.use.kind === "esc")) paths.push({ who: `${t.use.kind} time-stamp TSA`, certs: t.path, extra: t.use.ts?.certs ?? [] });
  for (const p of paths) {
    const miss = p.certs.find((c) => !values.some((v) => v.id === c.id) && !p.extra.some((v) => v.id === c.id));
    if (miss) {
      ch.indet("values-complete", "SIG_CONSTRAINTS_FAILURE", `profile P4: the certificate values lack "${miss.subject.text}" of the ${p.who}'s path (the root included, every certificate must be embedded)`, "P4 profili: sertifika değerlerinde yoldaki bir sertifika (kök dahil) eksik");
      return;
    }
  }
  ch.pass("values-complete", "profile P4: every path certificate, roots included, is in the certificate values", "P4 profili: kökler dahil yol sertifikalarının hepsi sertifika değerlerinde");
}

export function newCtx(opts: ValidateOptions): Ctx {
  return { opts, at: opts.at ?? new Date(), pool: [...(opts.extraCerts ?? []), ...opts.anchors], crls: opts.extraCrls ?? [], ocsps: opts.extraOcsps ?? [] };
}

/** Combine signature reports into the file's result (worst verdict wins; first signature names the file). */
export function combine(file: string, format: Format, reports: SignatureReport[], at: Date, documentType?: DocumentType, fileChecks: ValidationCheck[] = []): ValidationResult {
  const worst = reports.find((r) => r.indication === "TOTAL-FAILED") ?? reports.find((r) => r.indication === "INDETERMINATE");
  const fileVerdict = verdictOf(fileChecks);
  const first = reports[0];
  const v = fileVerdict.indication === "TOTAL-FAILED" ? fileVerdict : worst ? { indication: worst.indication, subIndication: worst.subIndication } : fileVerdict;
  const res: ValidationResult = {
    file,
    format,
    level: first?.level ?? "none",
    profile: first?.profile ?? "none",
    signer: first?.signer,
    indication: v.indication,
    subIndication: v.subIndication,
    checks: [...fileChecks, ...(worst ?? first)?.checks ?? []],
    signatures: reports,
    documentType,
    validationTime: at.toISOString(),
  };
  if (res.indication === "TOTAL-PASSED") delete res.subIndication;
  return res;
}

export function formatFailure(file: string, format: Format | "unknown", message: string, at: Date): ValidationResult {
  return {
    file,
    format,
    level: "none",
    profile: "none",
    indication: "TOTAL-FAILED",
    subIndication: "FORMAT_FAILURE",
    checks: [{ id: "format", result: "failed", subIndication: "FORMAT_FAILURE", reason: { en: message, tr: `biçim hatası: ${message}` } }],
    signatures: [],
    validationTime: at.toISOString(),
  };
}
