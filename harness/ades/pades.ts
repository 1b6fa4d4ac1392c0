// PAdES (EN 319 142) reader: finds every signature dictionary (/ByteRange + /Contents), checks the byte
// ranges cover the whole revision except exactly the /Contents hex string, reads the CMS inside as a detached
// CAdES over the ranges, collects the /DSS (certificates, CRLs, OCSP responses) and document time-stamps.
// Works on the file as latin1 text so offsets stay exact; object streams and xref streams are not parsed.
import { inflateSync } from "node:zlib";
import { readCades } from "./cades.ts";
import { parseCrl, type Crl } from "./crl.ts";
import { concat, parseDer } from "../asn1/der.ts";
import type { Level, SigModel } from "./model.ts";
import { parseOcsp, type BasicOcsp } from "./ocsp.ts";
import { imprintMatches, parseTimestamp } from "./signer.ts";
import type { ValidationCheck } from "./verdict.ts";
import { parseCert, type Cert } from "./x509.ts";

interface SigField {
  byteRange: [number, number, number, number];
  contents: Uint8Array;
  subFilter: string;
  isDocTimestamp: boolean;
  /** End offset of the revision this signature signs. */
  end: number;
}

function latin1(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("latin1");
}

/** Body text of indirect object `num` (the last definition wins: incremental updates). */
function objectText(text: string, num: number): string | undefined {
  const re = new RegExp(`(?:^|[\\r\\n\\s])${num}\\s+0\\s+obj\\b`, "g");
  let last: number | undefined;
  for (let m; (m = re.exec(text)); ) last = m.index + m[0].length;
  if (last === undefined) return undefined;
  const end = text.indexOf("endobj", last);
  return end < 0 ? undefined : text.slice(last, end);
}

function streamData(text: string, num: number): Uint8Array | undefined {
  const body = objectText(text, num);
  if (!body) return undefined;
  const s = body.indexOf("stream");
  if (s < 0) return undefined;
  let start = s + "stream".length;
  if (body[start] === "\r") start++;
  if (body[start] === "\n") start++;
  const lenM = body.slice(0, s).match(/\/Length\s+(\d+)(\s+0\s+R)?/);
  let data: string;
  if (lenM && !lenM[2]) data = body.slice(start, start + Number(lenM[1]));
  else data = body.slice(start, body.lastIndexOf("endstream")).replace(/\r?\n$/, "");
  let bytes = new Uint8Array(Buffer.from(data, "latin1"));
  if (/\/Filter\s*\/FlateDecode/.test(body.slice(0, s))) bytes = new Uint8Array(inflateSync(bytes, { maxOutputLength: 16 * 1024 * 1024 }));
  return bytes;
}

function refList(dict: string, key: string): number[] {
  const m = dict.match(new RegExp(`/${key}\\s*\\[([^\\]]*)\\]`));
  if (!m) return [];
  return [...m[1].matchAll(/(\d+)\s+0\s+R/g)].map((x) => Number(x[1]));
}

function findFields(bytes: Uint8Array, text: string, problems: string[]): SigField[] {
  const out: SigField[] = [];
  const re = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  for (let m; (m = re.exec(text)); ) {
    const br = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] as [number, number, number, number];
    const objStart = text.lastIndexOf("obj", m.index);
    const objEnd = text.indexOf("endobj", m.index);
    const dict = text.slice(objStart, objEnd < 0 ? text.length : objEnd);
    const subFilter = dict.match(/\/SubFilter\s*\/([A-Za-z0-9.]+)/)?.[1] ?? "";
    const isDocTimestamp = /\/Type\s*\/DocTimeStamp/.test(dict) || subFilter === "ETSI.RFC3161";
    const [a, b, c, d] = br;
    if (a !== 0 || b <= 0 || c <= b || c + d > bytes.length) {
      problems.push(`/ByteRange [${br.join(" ")}] does not describe the file (${bytes.length} bytes)`);
      continue;
    }
    // The gap must be exactly the /Contents hex string: "<" at b, ">" at c-1, hex in between.
    if (text[b] !== "<" || text[c - 1] !== ">" || !/^[0-9A-Fa-f\s]*$/.test(text.slice(b + 1, c - 1))) {
      problems.push(`/ByteRange [${br.join(" ")}] leaves out more than the /Contents value (the signed ranges do not cover the revision)`);
      continue;
    }
    const hex = text.slice(b + 1, c - 1).replace(/\s+/g, "");
    out.push({ byteRange: br, contents: new Uint8Array(Buffer.from(hex.length % 2 ? hex + "0" : hex, "hex")), subFilter, isDocTimestamp, end: c + d });
  }
  return out;
}

export function readPades(input: { bytes: Uint8Array; extraCerts?: Cert[] }): { models: SigModel[]; problems: string[]; fileChecks: ValidationCheck[] } {
  const bytes = input.bytes;
  const text = latin1(bytes);
  const problems: string[] = [];
  if (!text.includes("%%EOF")) return { models: [], problems: ["PDF has no %%EOF (truncated)"], fileChecks: [] };
  const fields = findFields(bytes, text, problems);
  if (problems.length) return { models: [], problems, fileChecks: [] };
  if (!fields.length) return { models: [], problems: ["the PDF carries no signature (/ByteRange)"], fileChecks: [] };

  // DSS: the latest catalog's /DSS dictionary.
  const dssCerts: Cert[] = [];
  const dssCrls: Crl[] = [];
  const dssOcsps: BasicOcsp[] = [];
  const dssRefs = [...text.matchAll(/\/DSS\s+(\d+)\s+0\s+R/g)];
  const dssNum = dssRefs.length ? Number(dssRefs[dssRefs.length - 1][1]) : undefined;
  if (dssNum !== undefined) {
    const dss = objectText(text, dssNum) ?? "";
    for (const n of refList(dss, "Certs")) {
      const d = streamData(text, n);
      if (d) dssCerts.push(parseCert(d));
    }
    for (const n of refList(dss, "CRLs")) {
      const d = streamData(text, n);
      if (d) dssCrls.push(parseCrl(d));
    }
    for (const n of refList(dss, "OCSPs")) {
      const d = streamData(text, n);
      if (d) dssOcsps.push(parseOcsp(d));
    }
  }
  const dssAt = dssRefs.length ? dssRefs[dssRefs.length - 1].index! : -1;

  const models: SigModel[] = [];
  const docTs = fields.filter((f) => f.isDocTimestamp);
  let k = 0;
  for (const f of fields) {
    if (f.isDocTimestamp) continue;
    const [a, b, c, d] = f.byteRange;
    const signed = concat([bytes.subarray(a, a + b), bytes.subarray(c, c + d)]);
    const r = readCades({ bytes: f.contents, detachedContent: signed, extraCerts: input.extraCerts, idPrefix: `S${++k}.` });
    if (r.problems.length || !r.models.length) {
      problems.push(`signature ${k}: ${r.problems.join("; ") || "no SignerInfo"}`);
      continue;
    }
    if (!/^(ETSI\.CAdES\.detached|adbe\.pkcs7\.detached)$/.test(f.subFilter)) problems.push(`signature ${k}: /SubFilter ${f.subFilter || "(none)"} is not ETSI.CAdES.detached`);
    for (const m of r.models) {
      m.format = "PAdES";
      m.profile = "none";
      m.signedContent = bytes.subarray(0, f.end);
      m.embeddedCrls.push(...dssCrls);
      m.embeddedOcsps.push(...dssOcsps);
      m.certPool.push(...dssCerts);
      // Document time-stamps after this signature prove its existence (LTA).
      for (const t of docTs) {
        if (t.byteRange[1] <= f.byteRange[1]) continue;
        const [ta, tb, tc, td] = t.byteRange;
        const tsData = concat([bytes.subarray(ta, ta + tb), bytes.subarray(tc, tc + td)]);
        try {
          const ts = parseTimestamp(t.contents, m.certPool, (x) => parseDer(x, "TSTInfo"));
          m.timestamps.push({ kind: "document", ts, imprintOk: imprintMatches(ts, tsData) });
          m.certPool.push(...ts.certs);
        } catch (e) {
          m.timestamps.push({ kind: "document", imprintOk: false, problem: `document time-stamp unreadable: ${(e as Error).message}` });
        }
      }
      let level: Level = "B-B";
      if (m.timestamps.some((t) => t.kind === "signature")) level = "B-T";
      if (dssNum !== undefined && dssAt > f.end - 1) level = "B-LT";
      if (docTs.some((t) => t.byteRange[1] > f.byteRange[1])) level = "B-LTA";
      m.level = level;
      // PAdES puts the long-term material in the DSS, not in CAdES certificate/revocation values.
      m.certValues = undefined;
      m.revocationValueCount = undefined;
      models.push(m);
    }
  }
  return { models, problems, fileChecks: [] };
}
