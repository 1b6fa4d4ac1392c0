// `uyum verify-report`: what an institution asks of a signed report. Is it signed, is the signature valid, who
// signed it and does that chain to a root it trusts, was anything but validation data added after signing, and do
// the software hash values inside agree with KAMU SM's published value and with the application it installed?
// The attachments are read from the signed revision only: what was appended later cannot speak for the report.
//
// Outcomes and exit codes (the first that applies decides the code; every finding is printed):
//   0 ok · 10 unsigned · 11 signature-invalid · 12 modified-after-signing · 13 signer-untrusted
//   14 signature-indeterminate · 15 no-manifest · 16 app-mismatch · 17 published-mismatch · 2 bad input
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { parseCert, pemOrDer, validateBytes } from "../ades/index.ts";
import type { SignatureReport } from "../ades/report.ts";
import { PdfFile } from "../pdf/reader.ts";
import { extractAttachments } from "./attach.ts";
import { diffManifests, hashSoftware, type ManifestDiff, parseManifest } from "./hash.ts";

export const OUTCOME_CODES = {
  ok: 0,
  unsigned: 10,
  "signature-invalid": 11,
  "modified-after-signing": 12,
  "signer-untrusted": 13,
  "signature-indeterminate": 14,
  "no-manifest": 15,
  "app-mismatch": 16,
  "published-mismatch": 17,
} as const;
export type Outcome = keyof typeof OUTCOME_CODES;

export const MANIFEST_NAME = "yazilim.sha256.txt";
export const RESULTS_NAME = "sonuclar.json";

export interface VerifyReportResult {
  outcome: Outcome;
  exitCode: number;
  /** every finding, in order of the checks */
  findings: { outcome: Outcome; message: string }[];
  signature?: {
    indication: string;
    subIndication?: string;
    level: string;
    signer?: string;
    issuer?: string;
    signingTime?: string;
    timestamped: boolean;
  };
  /** objects added after the signed revision that are not validation data (DSS) */
  addedAfterSigning: string[];
  digest?: string;
  files?: number;
  published?: { digest: string; matches: boolean; diff?: ManifestDiff };
  app?: { root: string; digest: string; matches: boolean; diff: ManifestDiff };
}

export interface VerifyReportOptions {
  trust: string[];
  at?: Date;
  app?: string[];
  appRoot?: string;
  /** 64 hex digits, or a file holding either that or a whole manifest */
  published?: string;
  /** also fetch CRL/OCSP from the certificates' loopback URLs (default: only what the report carries, its DSS) */
  fetch?: boolean;
}

const TRUST_CHAIN = new Set([
  "NO_CERTIFICATE_CHAIN_FOUND",
  "CHAIN_CONSTRAINTS_FAILURE",
  "CERTIFICATE_CHAIN_GENERAL_FAILURE",
]);
const MODIFIED = new Set(["HASH_FAILURE"]);

/** The last signature's /ByteRange end: the end of the signed revision. */
function signedRevisionEnd(pdf: Uint8Array): number | undefined {
  const text = Buffer.from(pdf).toString("latin1");
  let end: number | undefined;
  const re = /\/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) end = Number(m[2]) + Number(m[3]);
  return end;
}

/** Objects after the signed revision that are not a DSS, its material, or the catalog gaining /DSS. */
function nonValidationUpdates(pdf: Uint8Array, end: number): string[] {
  const tail = Buffer.from(pdf.subarray(end)).toString("latin1");
  if (!tail.trim()) return [];
  const signed = new PdfFile(pdf.subarray(0, end));
  const rootRef = signed.updateBase().rootRef;
  const norm = (s: string) =>
    s
      .replace(/\/DSS\s*\d+\s+\d+\s+R/, "")
      .replace(/\s+/g, "")
      .replace(/\/(\w+)/g, "/$1 ");
  const before = norm(signed.objectText(rootRef));
  const out: string[] = [];
  const re = /(\d+)\s+(\d+)\s+obj\b([\s\S]*?)endobj/g;
  for (let m = re.exec(tail); m; m = re.exec(tail)) {
    const num = Number(m[1]);
    const body = m[3]!.trim();
    const dict = body.replace(/stream[\s\S]*$/, "");
    const isStream = /\bstream\b/.test(body);
    if (/\/Type\s*\/DSS\b/.test(dict)) continue;
    if (/\/Type\s*\/XRef\b/.test(dict)) continue;
    if (isStream && !/\/(Type|Subtype|Filter\s*\/(?!FlateDecode))/.test(dict)) continue; // certificate/CRL/OCSP bytes
    if (num === rootRef && norm(body) === before) continue;
    out.push(`object ${num}`);
  }
  return out;
}

function readPublished(spec: string): { digest: string; files?: Map<string, string> } {
  if (/^[0-9a-fA-F]{64}$/.test(spec.trim())) return { digest: spec.trim().toLowerCase() };
  if (!existsSync(spec) || !statSync(spec).isFile())
    throw new VerifyInputError(`--published ${spec}: give a 64-hex SHA-256 digest or a file holding one or a manifest`);
  const text = readFileSync(spec, "utf8");
  const first = /^([0-9a-fA-F]{64})(\s+-?)?\s*$/.exec(text.trim());
  if (first) return { digest: first[1]!.toLowerCase() };
  try {
    return { digest: createHash("sha256").update(text).digest("hex"), files: parseManifest(text) };
  } catch (e) {
    throw new VerifyInputError(`--published ${spec}: neither a digest nor a manifest (${(e as Error).message})`);
  }
}

/** The user's input cannot be read as asked (not a PDF, a missing trust file): exit 2, not a verdict. */
export class VerifyInputError extends Error {}

function worst(sigs: SignatureReport[]): SignatureReport | undefined {
  return (
    sigs.find((s) => s.indication === "TOTAL-FAILED") ?? sigs.find((s) => s.indication === "INDETERMINATE") ?? sigs[0]
  );
}

export async function verifyReport(file: string, o: VerifyReportOptions): Promise<VerifyReportResult> {
  let pdf: Uint8Array;
  try {
    pdf = new Uint8Array(readFileSync(file));
  } catch (e) {
    throw new VerifyInputError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
  if (Buffer.from(pdf.subarray(0, 1024)).toString("latin1").indexOf("%PDF-") < 0)
    throw new VerifyInputError(`${file}: not a PDF`);
  const anchors = o.trust.flatMap((t) => {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(t);
    } catch {
      throw new VerifyInputError(`--trust ${t}: cannot read`);
    }
    try {
      return pemOrDer(bytes).map((d) => parseCert(d));
    } catch (e) {
      throw new VerifyInputError(`--trust ${t}: not a certificate (${(e as Error).message})`);
    }
  });
  const findings: VerifyReportResult["findings"] = [];
  const res: VerifyReportResult = { outcome: "ok", exitCode: 0, findings, addedAfterSigning: [] };
  const say = (outcome: Outcome, message: string) => findings.push({ outcome, message });

  const end = signedRevisionEnd(pdf);
  if (end === undefined || end > pdf.length) {
    say("unsigned", "the report carries no signature");
    return decide(res);
  }
  const v = await validateBytes(file, pdf, { anchors, at: o.at, fetch: o.fetch ?? false, fetchTimeoutMs: 3000 });
  const sig = worst(v.signatures);
  if (!sig) {
    say("signature-invalid", `no readable signature: ${v.subIndication ?? v.indication}`);
    return decide(res);
  }
  res.signature = {
    indication: sig.indication,
    subIndication: sig.subIndication,
    level: sig.level,
    signer: sig.signer?.subject,
    issuer: sig.signer?.issuer,
    signingTime: sig.bestSignatureTime ?? sig.signingTime,
    timestamped: sig.timestamps.some((t) => t.ok),
  };
  const sub = sig.subIndication ?? "";
  const why = sig.checks
    .filter((c) => c.result === "failed" || c.result === "indeterminate")
    .map((c) => `${c.id}: ${c.reason?.en ?? ""}`)
    .join("; ");
  if (sig.indication === "TOTAL-FAILED" && MODIFIED.has(sub))
    say("modified-after-signing", `the signed bytes changed after signing (${sub}${why ? `; ${why}` : ""})`);
  else if (sig.indication === "TOTAL-FAILED") say("signature-invalid", `${sub}${why ? `: ${why}` : ""}`);
  else if (sig.indication === "INDETERMINATE" && (TRUST_CHAIN.has(sub) || !anchors.length))
    say(
      "signer-untrusted",
      anchors.length
        ? `the signer's certificate does not chain to a given --trust root (${sub})`
        : "no --trust root given: the signer cannot be trusted",
    );
  else if (sig.indication === "INDETERMINATE") say("signature-indeterminate", `${sub}${why ? `: ${why}` : ""}`);

  res.addedAfterSigning = nonValidationUpdates(pdf, end);
  if (res.addedAfterSigning.length)
    say(
      "modified-after-signing",
      `changed after signing (not validation data): ${res.addedAfterSigning.join(", ")}; the signed revision ends at byte ${end}`,
    );

  // the hash values, from the signed revision only
  let attachments: Map<string, Uint8Array>;
  try {
    attachments = extractAttachments(pdf.subarray(0, end));
  } catch {
    attachments = new Map();
  }
  const manifestBytes = attachments.get(MANIFEST_NAME);
  if (!manifestBytes) {
    say("no-manifest", `the signed report has no attached ${MANIFEST_NAME}`);
    return decide(res);
  }
  const manifest = Buffer.from(manifestBytes).toString("utf8");
  let reportFiles: Map<string, string>;
  try {
    reportFiles = parseManifest(manifest);
  } catch (e) {
    say("no-manifest", `${MANIFEST_NAME} is not a manifest: ${(e as Error).message}`);
    return decide(res);
  }
  res.digest = createHash("sha256").update(manifestBytes).digest("hex");
  res.files = reportFiles.size;
  const resultsBytes = attachments.get(RESULTS_NAME);
  if (resultsBytes) {
    try {
      const named = (JSON.parse(Buffer.from(resultsBytes).toString("utf8")) as { software?: { digest?: string } })
        .software?.digest;
      if (named && named !== res.digest)
        say("no-manifest", `${RESULTS_NAME} names digest ${named}, the attached manifest hashes to ${res.digest}`);
    } catch {
      say("no-manifest", `${RESULTS_NAME} is not JSON`);
    }
  }

  if (o.published !== undefined) {
    const p = readPublished(o.published);
    const matches = p.digest === res.digest;
    res.published = { digest: p.digest, matches, diff: p.files ? diffManifests(p.files, reportFiles) : undefined };
    if (!matches) say("published-mismatch", `published digest ${p.digest} ≠ the report's ${res.digest}`);
  }
  if (o.app?.length) {
    const h = await hashSoftware(o.app, { root: o.appRoot });
    const diff = diffManifests(reportFiles, parseManifest(h.manifest));
    const matches = h.digest === res.digest;
    res.app = { root: h.root, digest: h.digest, matches, diff };
    if (!matches)
      say(
        "app-mismatch",
        `the installed files (${h.root}) hash to ${h.digest}, the report's to ${res.digest}: ` +
          [
            diff.changed.length ? `changed: ${diff.changed.join(", ")}` : "",
            diff.missing.length ? `missing: ${diff.missing.join(", ")}` : "",
            diff.extra.length ? `extra: ${diff.extra.join(", ")}` : "",
          ]
            .filter(Boolean)
            .join("; "),
      );
  }
  return decide(res);
}

function decide(res: VerifyReportResult): VerifyReportResult {
  const order = Object.keys(OUTCOME_CODES) as Outcome[];
  const first = order.find((o) => o !== "ok" && res.findings.some((f) => f.outcome === o));
  res.outcome = first ?? "ok";
  res.exitCode = OUTCOME_CODES[res.outcome];
  return res;
}

export function formatVerifyReport(file: string, r: VerifyReportResult): string {
  const lines = [`report: ${file}`];
  if (r.signature) {
    const s = r.signature;
    lines.push(
      `signature: ${s.indication}${s.subIndication ? `/${s.subIndication}` : ""} (PAdES ${s.level}${s.timestamped ? ", time-stamped" : ""})`,
      `signer: ${s.signer ?? "?"}${s.issuer ? ` (issued by ${s.issuer})` : ""}`,
    );
    if (s.signingTime) lines.push(`signed at: ${s.signingTime}`);
  }
  if (r.digest) lines.push(`software digest in the report: ${r.digest} (${r.files} files)`);
  if (r.published)
    lines.push(`published digest: ${r.published.digest} — ${r.published.matches ? "matches" : "DIFFERS"}`);
  if (r.app) {
    lines.push(`installed application (${r.app.root}): ${r.app.digest} — ${r.app.matches ? "matches" : "DIFFERS"}`);
    for (const p of r.app.diff.changed) lines.push(`  changed: ${p}`);
    for (const p of r.app.diff.missing) lines.push(`  missing: ${p}`);
    for (const p of r.app.diff.extra) lines.push(`  extra:   ${p}`);
  }
  for (const f of r.findings) lines.push(`${f.outcome}: ${f.message}`);
  lines.push(`outcome: ${r.outcome} (exit ${r.exitCode})`);
  return lines.join("\n") + "\n";
}
