// What the agent's window shows before signing: the document as it will be signed (a preview of exactly the
// bytes to be hashed, with warnings for what cannot be shown whole, format errors and dynamic content), the
// chosen certificate's information, and the certificate check with the chain and live CRL/OCSP before signing.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { DOMParser } from "@xmldom/xmldom";
import { buildPaths, parseCert, validatePath, type Cert } from "../../../harness/ades/index.ts";
import { Checks } from "../../../harness/ades/checks.ts";
import { fetchIssuers, fetchRevocation } from "../../../harness/ades/fetch.ts";
import { readZip } from "../../../harness/ades/xml/package.ts";
import { nesChecks } from "../../../harness/ades/qualified.ts";
import { QC } from "../../../harness/asn1/oids.ts";
import { AgentError } from "./card.ts";
import type { FlawId } from "./flaws.ts";
import { askOcsp, judgeOcspAnswer, ocspUrlsOf, takeOcspRevokedOnly } from "./ocsp-check.ts";

export type DocumentWarning = "empty" | "cannot-show-whole" | "format-error" | "dynamic-content";

export interface Preview {
  /** the text shown to the signer */
  text: string;
  /** SHA-256 of the bytes the preview was made from, hex */
  sha256: string;
  size: number;
  warnings: { kind: DocumentWarning; tr: string; en: string }[];
}

export const sha256Hex = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

const PDF_ACTIVE = /\/(JavaScript|JS|Launch|EmbeddedFile|EmbeddedFiles|RichMedia|XFA)\b/;
const XML_ACTIVE = /<(script|xsl:script|msxsl:script)\b|<\?xml-stylesheet|javascript:/i;

/** A zip package (an EYP-like one, an Office Open XML document): its parts are shown, never the zip as text. */
const isPackage = (mimeType: string) => /zip|officedocument/.test(mimeType);

export function previewDocument(bytes: Uint8Array, mimeType: string): Preview {
  mimeType = mimeType.split(";")[0]!.trim().toLowerCase(); // "text/plain; charset=utf-8" is text/plain
  const warnings: Preview["warnings"] = [];
  const warn = (kind: DocumentWarning, en: string, tr: string) => warnings.push({ kind, en, tr });
  let text = "";
  const latin = Buffer.from(bytes).toString("latin1");
  if (bytes.length === 0) {
    warn("empty", "the document is empty: there is nothing to sign", "belge boş: imzalanacak bir şey yok");
    return { text, sha256: sha256Hex(bytes), size: 0, warnings };
  }
  if (mimeType === "application/pdf") {
    if (!latin.startsWith("%PDF-") || !/%%EOF\s*$/.test(latin))
      warn(
        "format-error",
        "the PDF is damaged (no %PDF- header or no %%EOF)",
        "PDF bozuk (%PDF- başlığı veya %%EOF yok)",
      );
    if (PDF_ACTIVE.test(latin))
      warn(
        "dynamic-content",
        "the PDF carries dynamic content (JavaScript, launch actions or embedded files)",
        "PDF dinamik içerik taşıyor (JavaScript, başlatma eylemi veya gömülü dosya)",
      );
    try {
      text = execFileSync("pdftotext", ["-enc", "UTF-8", "-layout", "-", "-"], {
        input: Buffer.from(bytes),
        encoding: "utf8",
        stdio: ["pipe", "pipe", "pipe"],
        maxBuffer: 32 * 1024 * 1024,
      });
    } catch (err) {
      const e = err as { stderr?: string };
      if (!warnings.some((w) => w.kind === "format-error"))
        warn(
          "format-error",
          `the PDF cannot be read: ${(e.stderr ?? "").trim().split("\n")[0]}`,
          `PDF okunamıyor: ${(e.stderr ?? "").trim().split("\n")[0]}`,
        );
    }
  } else if (!isPackage(mimeType) && (mimeType === "text/plain" || mimeType === "text/html" || /xml/.test(mimeType))) {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      text = latin;
      warn("format-error", "the text is not valid UTF-8", "metin geçerli UTF-8 değil");
    }
    if (/xml/.test(mimeType)) {
      const errors: string[] = [];
      if (/<!DOCTYPE/i.test(text)) errors.push("DOCTYPE is not allowed");
      else
        try {
          new DOMParser({
            onError: (level: string, msg: string) => {
              if (level !== "warning") errors.push(msg);
            },
          }).parseFromString(text, "application/xml");
        } catch (err) {
          errors.push((err as Error).message); // xmldom throws on a fatal error
        }
      if (errors.length)
        warn("format-error", `the XML is not well-formed: ${errors[0]}`, `XML iyi biçimli değil: ${errors[0]}`);
      if (XML_ACTIVE.test(text))
        warn("dynamic-content", "the XML carries scripts or style sheets", "XML betik veya stil sayfası taşıyor");
    }
    if (mimeType === "text/html" && XML_ACTIVE.test(text))
      warn("dynamic-content", "the HTML carries scripts", "HTML betik taşıyor");
  } else if (isPackage(mimeType)) {
    // an EYP-like package: the list of its parts, then each part shown as its own kind is
    let parts: Map<string, Uint8Array> | undefined;
    try {
      parts = readZip(bytes);
    } catch (err) {
      warn(
        "format-error",
        `the package cannot be read: ${(err as Error).message}`,
        `paket okunamıyor: ${(err as Error).message}`,
      );
    }
    if (parts) {
      const lines = [`Paket içeriği / package contents (${parts.size}):`];
      for (const [name, b] of parts) lines.push(`  ${name}  ${b.length} B  sha256:${sha256Hex(b).slice(0, 16)}…`);
      const hidden: string[] = [];
      for (const [name, b] of parts) {
        const type = /\.pdf$/i.test(name)
          ? "application/pdf"
          : /\.(xml|rels)$/i.test(name) || name === "[Content_Types].xml"
            ? "application/xml"
            : /\.txt$/i.test(name)
              ? "text/plain"
              : undefined;
        if (!type) {
          hidden.push(name);
          continue;
        }
        const part = previewDocument(b, type);
        lines.push("", `── ${name} ──`, part.text);
        for (const w of part.warnings) warn(w.kind, `${name}: ${w.en}`, `${name}: ${w.tr}`);
      }
      text = lines.join("\n");
      if (hidden.length)
        warn(
          "cannot-show-whole",
          `parts of the package cannot be shown here: ${hidden.join(", ")}`,
          `paketin bazı parçaları burada gösterilemiyor: ${hidden.join(", ")}`,
        );
    }
    if (latin.includes("vbaProject.bin"))
      warn("dynamic-content", "the package carries macros (vbaProject.bin)", "paket makro taşıyor (vbaProject.bin)");
  } else {
    warn(
      "cannot-show-whole",
      `a ${mimeType} document cannot be shown whole here`,
      `${mimeType} türündeki belge burada bütünüyle gösterilemiyor`,
    );
    if (latin.includes("vbaProject.bin"))
      warn("dynamic-content", "the package carries macros (vbaProject.bin)", "paket makro taşıyor (vbaProject.bin)");
  }
  return { text, sha256: sha256Hex(bytes), size: bytes.length, warnings };
}

/** The warning kinds each flaw keeps quiet about (flaws.yaml). */
const HIDDEN_BY_FLAW: Partial<Record<FlawId, DocumentWarning>> = {
  "no-dynamic-warning": "dynamic-content",
  "no-format-warning": "format-error",
  "no-whole-warning": "cannot-show-whole",
  "empty-document-signed": "empty",
};

/**
 * What a face says about a document before signing, and whether it refuses it. An empty document and one with
 * dynamic content are never signed (checklist 1.3-1, 8-3, 8-4). The agent's window shows the rest and leaves the
 * signer the choice; a command line or a server API, where nobody sees the document before the card signs, refuses
 * whatever it would warn about, except that it cannot show the document whole (it shows nothing).
 */
export function documentWarnings(
  bytes: Uint8Array,
  mimeType: string,
  face: "window" | "unseen",
  flaw?: FlawId,
): { preview: Preview; warnings: Preview["warnings"]; refuse: Preview["warnings"] } {
  const preview = previewDocument(bytes, mimeType);
  const hidden = flaw ? HIDDEN_BY_FLAW[flaw] : undefined;
  let warnings = preview.warnings.filter((w) => w.kind !== hidden);
  if (face === "unseen") warnings = warnings.filter((w) => w.kind !== "cannot-show-whole");
  const refuse =
    face === "unseen" ? warnings : warnings.filter((w) => w.kind === "dynamic-content" || w.kind === "empty");
  return { preview, warnings, refuse };
}

export interface CertificateInfo {
  subject: string;
  commonName: string;
  /** T.C. kimlik numarası: the subject's serialNumber attribute */
  tckn?: string;
  issuer: string;
  /** the certificate's serial number (hex) */
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  qualified: boolean;
  /** what makes it non-qualified, when it is not */
  notQualifiedBecause: string[];
  /** QcLimitValue / usage restriction, shown as the certificate states them */
  usageLimits: string[];
  sha256: string;
}

const rdn = (c: Cert, type: string, of: "subject" | "issuer" = "subject") =>
  c[of].rdns.flat().find((a) => a.type === type)?.value;

export function certificateInfo(der: Uint8Array): CertificateInfo {
  const c = parseCert(der);
  const ch = new Checks();
  nesChecks(c, ch);
  const notQualified = ch.list
    .filter((x) => x.result !== "passed" && x.id !== "nes-usage-restriction" && x.id !== "nes-monetary-limit")
    .map((x) => x.reason.en);
  const limits: string[] = [];
  for (const q of c.qcStatements ?? []) {
    if (q.oid === QC.etsiLimit)
      limits.push(`QcLimitValue (${q.oid}): ${limitText(q.info?.src.subarray(q.info.start, q.info.end))}`);
    if (q.oid === QC.btkUsageRestriction || q.oid === QC.btkUsageRestriction2)
      limits.push(`kullanım kısıtı / usage restriction (${q.oid})`);
  }
  return {
    subject: c.subject.text,
    commonName: rdn(c, "2.5.4.3") ?? c.subject.text,
    tckn: rdn(c, "2.5.4.5"),
    issuer: c.issuer.text,
    serialNumber: c.serialHex,
    notBefore: c.notBefore.toISOString(),
    notAfter: c.notAfter.toISOString(),
    qualified: notQualified.length === 0,
    notQualifiedBecause: notQualified,
    usageLimits: limits,
    sha256: sha256Hex(der),
  };
}

/** QcLimitValue ::= SEQUENCE { currency, amount INTEGER, exponent INTEGER }: best effort, printable digits. */
function limitText(b: Uint8Array | undefined): string {
  if (!b) return "?";
  const hex = Buffer.from(b).toString("hex");
  return hex.length > 64 ? hex.slice(0, 64) + "…" : hex;
}

export interface PkiContext {
  anchors: Cert[];
  intermediates: Cert[];
}

export interface CheckOptions {
  revocation: boolean;
  validity: boolean;
  qualified: boolean;
  /** judge each OCSP answer (signature, responder, freshness, CertID, nonce); false: only a "revoked" counts */
  judgeOcsp: boolean;
}

/** The check's switches for the good application and for each flawed variant that weakens it. */
export const checkOptionsFor = (flaw: FlawId | undefined): CheckOptions => ({
  revocation: flaw !== "no-revocation-check",
  validity: flaw !== "expired-cert",
  qualified: flaw !== "non-qualified-cert",
  judgeOcsp: flaw !== "ocsp-response-unchecked",
});

/**
 * The check before signing: validity at `now`, NES profile, chain to a trusted root (sub-roots it does not know
 * fetched over AIA), revocation of every certificate of the chain from the live CRLs (current and properly
 * signed) and from the live OCSP responder each one names, whose answer is judged (ocsp-check.ts). Throws the
 * refusal as an AgentError naming the reason.
 */
export async function checkBeforeSigning(der: Uint8Array, now: Date, pki: PkiContext, o: CheckOptions): Promise<void> {
  const started = Date.now();
  const c = parseCert(der);
  if (o.validity && (now < c.notBefore || now > c.notAfter))
    throw new AgentError(
      "CERT_EXPIRED",
      `the certificate is not valid now (${c.notBefore.toISOString()} – ${c.notAfter.toISOString()}) / sertifika geçerlilik süresi dışında`,
    );
  if (o.qualified) {
    const info = certificateInfo(der);
    if (!info.qualified)
      throw new AgentError(
        "CERT_NOT_QUALIFIED",
        `not a qualified (NES) certificate: ${info.notQualifiedBecause.join("; ")} / nitelikli sertifika değil`,
      );
  }
  if (!o.revocation) return;
  // a sub-root the application was not configured with is fetched from the certificate's AIA (caIssuers)
  const fetched = await fetchIssuers([c], [...pki.intermediates, ...pki.anchors], 10_000, []);
  const intermediates = [...pki.intermediates, ...fetched.filter((x) => x.subject.key !== x.issuer.key)];
  // the expired-cert flaw skips the validity check; its path check then looks at a time the certificate covered
  const pathAt = o.validity || (now >= c.notBefore && now <= c.notAfter) ? now : new Date(c.notAfter.getTime() - 1000);
  // the CRLs of the chain's own distribution points only: a current CRL fetched for another sub-root of the same
  // root must not stand in for the one this sub-root names (KAMU SM QCA5/QCA6)
  const chain = [...new Set(buildPaths(c, { at: pathAt, anchors: pki.anchors, intermediates }).flat())];
  const { crls } = await fetchRevocation(chain.length ? chain : [c], [], 10_000);
  const r = validatePath(c, {
    at: pathAt,
    anchors: pki.anchors,
    intermediates,
    crls,
    revocation: "require",
  });
  if (!r.ok) {
    if (r.kind === "revoked")
      throw new AgentError("CERT_REVOKED", `the certificate is revoked (${r.message}) / sertifika iptal edilmiş`);
    if (r.kind === "no-revinfo" || r.kind === "stale-revinfo")
      throw new AgentError("REVOCATION_UNKNOWN", `revocation status unknown: ${r.message} / iptal durumu bilinmiyor`);
    throw new AgentError(
      "CERT_UNTRUSTED",
      `the certificate chain is not trusted: ${r.message} / sertifika zinciri güvenilmez`,
    );
  }
  // OCSP beside the CRL: each certificate's own AIA responder, live, asked with a nonce
  for (let i = 0; i + 1 < r.path.length; i++) {
    const cert = r.path[i]!;
    const issuer = r.path[i + 1]!;
    for (const url of ocspUrlsOf(cert)) {
      const asked = await askOcsp(url, cert, issuer);
      // the services' clock ticks while we ask: judge at the check's time plus what has elapsed since
      const at = new Date(now.getTime() + (Date.now() - started));
      if (o.judgeOcsp)
        judgeOcspAnswer({ asked, cert, issuer, path: r.path, at, anchors: pki.anchors, intermediates, crls });
      else takeOcspRevokedOnly(asked, cert, issuer, pathAt);
    }
  }
}

/** The check before signing as every signing face runs it (the revoked-cert flaw lets a revoked certificate by). */
export const checkerFor =
  (now: Date, pki: PkiContext, flaw: FlawId | undefined) =>
  async (der: Uint8Array): Promise<void> => {
    try {
      await checkBeforeSigning(der, now, pki, checkOptionsFor(flaw));
    } catch (err) {
      if (!(flaw === "revoked-cert" && err instanceof AgentError && err.code === "CERT_REVOKED")) throw err;
    }
  };

/** No certificate asked for: the first on the card that passes the check; the first refusal when none does. */
export async function firstThatPasses<C extends { der: Uint8Array }>(
  certs: C[],
  check: (der: Uint8Array) => Promise<void>,
): Promise<C> {
  let firstRefusal: unknown;
  for (const c of certs) {
    try {
      await check(c.der);
      return c;
    } catch (err) {
      firstRefusal ??= err;
    }
  }
  throw firstRefusal ?? new AgentError("NO_CARD", "no certificate on the card");
}
