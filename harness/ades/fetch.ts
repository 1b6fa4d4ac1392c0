// Live revocation data: CRLs from a certificate's distribution points and OCSP from its AIA, fetched only
// from loopback addresses (the harness never reaches outside 127.0.0.1), each with a timeout.
import { createHash } from "node:crypto";
import { parseCrl, type Crl } from "./crl.ts";
import { concat, tlv } from "../asn1/der.ts";
import { HttpFailure, httpExchange } from "../core/http-get.ts";
import { parseOcsp, spkiKeyBits, type BasicOcsp } from "./ocsp.ts";
import { parseSignedData } from "./cms.ts";
import { parseCert, pemOrDer, type Cert } from "./x509.ts";

export function isLoopbackUrl(u: string): boolean {
  try {
    const url = new URL(u);
    return url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  } catch {
    return false;
  }
}

/**
 * DER OCSPRequest for one certificate (CertID with SHA-1, as RFC 6960 responders expect), with the nonce
 * extension (RFC 8954: extnValue OCTET STRING { nonce }) when one is given.
 */
export function ocspRequest(cert: Cert, issuer: Cert, nonce?: Uint8Array): Uint8Array {
  const sha1 = (b: Uint8Array) => new Uint8Array(createHash("sha1").update(b).digest());
  const algo = tlv(0x30, concat([Uint8Array.of(0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a), Uint8Array.of(0x05, 0x00)]));
  const serial = tlv(0x02, new Uint8Array(Buffer.from(cert.serialHex, "hex")));
  const certId = tlv(
    0x30,
    concat([algo, tlv(0x04, sha1(cert.issuer.der)), tlv(0x04, sha1(spkiKeyBits(issuer))), serial]),
  );
  const request = tlv(0x30, certId);
  const requestList = tlv(0x30, request);
  if (!nonce) return tlv(0x30, tlv(0x30, requestList));
  const nonceOid = Uint8Array.of(0x06, 0x09, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x02);
  const extension = tlv(0x30, concat([nonceOid, tlv(0x04, tlv(0x04, nonce))]));
  return tlv(0x30, tlv(0x30, concat([requestList, tlv(0xa2, tlv(0x30, extension))])));
}

/** One live request that gave nothing usable: the URL and what went wrong, for the result's reason. */
export interface FetchFailure {
  url: string;
  what: "CRL" | "OCSP" | "issuer certificate";
  problem: string;
}

type Got = { bytes: Uint8Array } | { problem: string };
type Request = { method: string; headers: Record<string, string>; body: Uint8Array };

async function get(url: string, timeoutMs: number, init?: Request): Promise<Got> {
  try {
    const r = await httpExchange(url, { ...init, timeoutMs });
    if (r.status < 200 || r.status > 299) return { problem: `HTTP ${r.status} ${r.statusText}`.trim() };
    return { bytes: r.bytes };
  } catch (e) {
    if (e instanceof HttpFailure)
      return { problem: e.code === "TIMEOUT" || e.code === "TOO_LARGE" ? e.message : e.code };
    return { problem: (e as Error).message };
  }
}

/** Fetch a URL and read it; each failure (transport or content) is recorded with its URL. */
async function fetchAs<T>(
  url: string,
  what: FetchFailure["what"],
  timeoutMs: number,
  read: (b: Uint8Array) => T,
  failures: FetchFailure[],
  init?: Request,
): Promise<T | undefined> {
  const got = await get(url, timeoutMs, init);
  if ("problem" in got) {
    failures.push({ url, what, problem: got.problem });
    return undefined;
  }
  try {
    return read(got.bytes);
  } catch (e) {
    failures.push({ url, what, problem: `unreadable ${what}: ${(e as Error).message}` });
    return undefined;
  }
}

/** Certificates from a caIssuers answer: DER or PEM certificate(s), or a certs-only CMS (RFC 5280 §4.2.2.1). */
function readIssuerCerts(b: Uint8Array): Cert[] {
  const ders = pemOrDer(b);
  const out: Cert[] = [];
  for (const d of ders) {
    try {
      out.push(parseCert(d));
    } catch (e) {
      const sd = parseSignedData(d);
      if (!sd.certificates.length) throw e;
      out.push(...sd.certificates.map((c) => parseCert(c)));
    }
  }
  return out;
}

/**
 * Fetch missing issuer certificates from AIA caIssuers (loopback only), a few levels up: a signature that carries
 * only its signer's certificate (openssl cms's default) can still build its chain to a trust anchor.
 */
export async function fetchIssuers(
  certs: Cert[],
  pool: Cert[],
  timeoutMs: number,
  failures: FetchFailure[],
): Promise<Cert[]> {
  const known = new Map<string, Cert>();
  for (const c of [...certs, ...pool]) known.set(c.id, c);
  const fetched: Cert[] = [];
  const tried = new Set<string>();
  let frontier = certs;
  for (let depth = 0; depth < 5 && frontier.length; depth++) {
    const next: Cert[] = [];
    for (const c of frontier) {
      if (c.subject.key === c.issuer.key) continue;
      if ([...known.values()].some((i) => i.subject.key === c.issuer.key && i.id !== c.id)) continue;
      for (const u of c.caIssuerUrls.filter(isLoopbackUrl)) {
        if (tried.has(u)) continue;
        tried.add(u);
        for (const got of (await fetchAs(u, "issuer certificate", timeoutMs, readIssuerCerts, failures)) ?? []) {
          if (known.has(got.id)) continue;
          known.set(got.id, got);
          fetched.push(got);
          next.push(got);
        }
      }
    }
    frontier = next;
  }
  return fetched;
}

/** Fetch what the certificates point at; each failure is recorded with its URL (see FetchFailure). */
export async function fetchRevocation(
  certs: Cert[],
  extra: Cert[],
  timeoutMs: number,
  failures: FetchFailure[] = [],
): Promise<{ crls: Crl[]; ocsps: BasicOcsp[] }> {
  const uniq = new Map<string, Cert>();
  for (const c of [...certs, ...extra]) uniq.set(c.id, c);
  const all = [...uniq.values()];
  const crlUrls = new Set<string>();
  const jobs: Promise<void>[] = [];
  const crls: Crl[] = [];
  const ocsps: BasicOcsp[] = [];
  for (const c of all) {
    for (const dp of c.crlDistributionPoints ?? [])
      for (const g of dp.fullName ?? []) if (g.type === "uri" && isLoopbackUrl(g.value)) crlUrls.add(g.value);
    const issuer = all.find((i) => i.subject.key === c.issuer.key && i.id !== c.id);
    if (issuer) {
      for (const u of c.ocspUrls.filter(isLoopbackUrl)) {
        const init = {
          method: "POST",
          headers: { "content-type": "application/ocsp-request" },
          body: ocspRequest(c, issuer),
        };
        jobs.push(fetchAs(u, "OCSP", timeoutMs, parseOcsp, failures, init).then((o) => void (o && ocsps.push(o))));
      }
    }
  }
  for (const u of crlUrls)
    jobs.push(fetchAs(u, "CRL", timeoutMs, parseCrl, failures).then((c) => void (c && crls.push(c))));
  await Promise.all(jobs);
  return { crls, ocsps };
}
