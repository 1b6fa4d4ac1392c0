// harness/ades: inspect and validate CAdES, XAdES and PAdES signatures; RFC 5280 path validation.
// `validateBytes` never throws for a bad file: a malformed or hostile input is a FORMAT_FAILURE result, and a
// fault of uyum's own is an "internal-error" outcome, never a verdict on the file.
import { readCades } from "./cades.ts";
import { fetchIssuers, fetchRevocation, type FetchFailure } from "./fetch.ts";
import type { SigModel, Format } from "./model.ts";
import { readPades } from "./pades.ts";
import { newCtx, nowAfterFetch, type ValidateOptions } from "./checks.ts";
import { sniffDocument } from "./document.ts";
import { isInputError, UnsupportedInput } from "./input-error.ts";
import { otherFormat } from "./other-formats.ts";
import { combine, formatFailure, internalError, unsupported, type ValidationResult } from "./report.ts";
import { evaluate } from "./validate.ts";
import type { ValidationCheck } from "./verdict.ts";
import { readXades } from "./xades.ts";
import { pemOrDer } from "./x509.ts";

export { validatePath, buildPaths, type PathOptions, type PathResult } from "./path.ts";
export { parseCert, pemOrDer, type Cert } from "./x509.ts";
export { parseCrl, type Crl } from "./crl.ts";
export { parseOcsp } from "./ocsp.ts";
export { sniffDocument } from "./document.ts";
export type { ValidateOptions } from "./checks.ts";
export type { ValidationResult, SignatureReport, Outcome } from "./report.ts";
export { toEtsiXml } from "./etsi-report.ts";

/** Inputs larger than this are refused before parsing (a FORMAT_FAILURE, not an out-of-memory). */
export const MAX_INPUT = 64 * 1024 * 1024;

export interface ValidateFileOptions extends ValidateOptions {
  detachedContent?: Uint8Array;
  /** Fetch CRL/OCSP from the certificates' URLs (127.0.0.1 / localhost only), with this timeout per request. */
  fetch?: boolean;
  fetchTimeoutMs?: number;
}

export function detectFormat(b: Uint8Array): Format | "unknown" {
  let i = 0;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) i = 3;
  while (i < b.length && i < 4096 && (b[i] === 0x20 || b[i] === 0x0a || b[i] === 0x0d || b[i] === 0x09)) i++;
  if (b[i] === 0x25 && b[i + 1] === 0x50 && b[i + 2] === 0x44 && b[i + 3] === 0x46) return "PAdES";
  if (b[i] === 0x3c) return "XAdES";
  // A zip: an ODF document or ASiC-E container whose META-INF holds XML signatures (read by the XAdES reader).
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return "XAdES";
  if (b[0] === 0x30) return "CAdES";
  // Base64/PEM-wrapped CMS
  return "unknown";
}

function readModels(
  format: Format,
  bytes: Uint8Array,
  o: ValidateFileOptions,
): { models: SigModel[]; problems: string[]; content?: Uint8Array; fileChecks: ValidationCheck[] } {
  if (format === "CAdES") {
    const r = readCades({ bytes, detachedContent: o.detachedContent, extraCerts: o.extraCerts });
    return { models: r.models, problems: r.problems, content: r.content, fileChecks: [] };
  }
  if (format === "XAdES") {
    const r = readXades({ bytes, detachedContent: o.detachedContent, extraCerts: o.extraCerts });
    return { models: r.models, problems: r.problems, content: r.content, fileChecks: r.fileChecks };
  }
  const r = readPades({ bytes, extraCerts: o.extraCerts });
  return { models: r.models, problems: r.problems, content: bytes, fileChecks: r.fileChecks };
}

/** Validate one file's bytes. Never throws for bad input. */
export async function validateBytes(
  file: string,
  bytes: Uint8Array,
  o: ValidateFileOptions,
): Promise<ValidationResult> {
  // Validation is CPU work in one stretch; giving the event loop a turn first keeps a process that validates
  // many files in a row (a sweep, a campaign with its PKI services in the same process) answering its timers,
  // sockets and messages between files.
  await new Promise((resolve) => setImmediate(resolve));
  const ctx = newCtx(o);
  if (bytes.length > MAX_INPUT)
    return formatFailure(
      file,
      "unknown",
      `input is ${bytes.length} bytes, larger than the ${MAX_INPUT}-byte limit`,
      ctx.at,
    );
  // PEM-wrapped CMS ("-----BEGIN PKCS7/CMS-----") is read as its DER.
  if (bytes[0] === 0x2d && Buffer.from(bytes.subarray(0, 40)).toString("latin1").startsWith("-----BEGIN")) {
    const der = pemOrDer(bytes)[0];
    if (der?.length) bytes = der;
  }
  const format = detectFormat(bytes);
  if (format === "unknown") return formatFailure(file, format, "not a CMS (DER), XML or PDF signature file", ctx.at);
  const other = otherFormat(bytes);
  if (other) return unsupported(file, format, other, ctx.at);
  try {
    const { models, problems, content, fileChecks } = readModels(format, bytes, o);
    if (problems.length || !models.length)
      return formatFailure(file, format, problems.join("; ") || "no signature found", ctx.at);
    if (o.fetch) {
      const timeout = o.fetchTimeoutMs ?? 3000;
      const failures: FetchFailure[] = (ctx.fetchFailures = []);
      // Issuers first (AIA caIssuers), so their CRLs/OCSP are fetched too and the chain can be built.
      ctx.pool.push(...(await fetchIssuers(models.flatMap(allCerts), ctx.pool, timeout, failures)));
      const got = await fetchRevocation(models.flatMap(allCerts), [...ctx.pool], timeout, failures);
      ctx.crls.push(...got.crls);
      ctx.ocsps.push(...got.ocsps);
      nowAfterFetch(ctx);
    }
    const reports = models.map((m) => evaluate(m, ctx));
    const docType = content ? sniffDocument(content) : undefined;
    const checks = [...fileChecks, ...documentChecks(models[0], docType)];
    return combine(file, format, reports, ctx.at, docType, checks);
  } catch (e) {
    // Only a reader's complaint about the input is a verdict on the file; anything else is uyum's own fault.
    if (isInputError(e)) return formatFailure(file, format, e.message, ctx.at);
    if (e instanceof UnsupportedInput) return unsupported(file, format, e.what, ctx.at);
    return internalError(file, format, e, ctx.at);
  }
}

function allCerts(m: SigModel): import("./x509.ts").Cert[] {
  return [...m.certPool, ...(m.signerCert ? [m.signerCert] : []), ...m.counterSignatures.flatMap(allCerts)];
}

/** The signed document itself: active content (macros, scripts) and content-hints that lie about the type. */
function documentChecks(m: SigModel | undefined, dt: ReturnType<typeof sniffDocument> | undefined): ValidationCheck[] {
  if (!m || !dt) return [];
  const out: ValidationCheck[] = [];
  if (dt.activeContent) {
    out.push({
      id: "document-type",
      result: "failed",
      subIndication: "SIG_CONSTRAINTS_FAILURE",
      reason: {
        en: `the signed document carries active content: ${dt.note}`,
        tr: `imzalı belgede etkin içerik var (makro/betik): ${dt.note}`,
      },
    });
  }
  const mime = m.contentHints?.match(/^[a-z]+\/[a-z0-9.+-]+/i)?.[0];
  if (mime && dt.mediaType !== "application/octet-stream" && !sameFamily(mime, dt.mediaType)) {
    out.push({
      id: "content-hints",
      result: "failed",
      subIndication: "SIG_CONSTRAINTS_FAILURE",
      reason: {
        en: `content-hints says ${mime} but the signed document is ${dt.mediaType}`,
        tr: `content-hints ${mime} diyor, imzalı belge ise ${dt.mediaType}`,
      },
    });
  }
  return out;
}

function sameFamily(a: string, b: string): boolean {
  a = a.toLowerCase();
  b = b.toLowerCase();
  if (a === b) return true;
  if (a.includes("xml") && b.includes("xml")) return true;
  if (
    b.startsWith("application/vnd.openxmlformats") &&
    (a.includes("openxmlformats") || a.includes("msword") || a.includes("officedocument"))
  )
    return true;
  if (a.startsWith("text/") && b === "application/octet-stream") return true;
  return false;
}
export { certFacts, signerCertOf, type CertFacts } from "./cert-facts.ts";
