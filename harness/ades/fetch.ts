// Live revocation data: CRLs from a certificate's distribution points and OCSP from its AIA, fetched only
// from loopback addresses (the harness never reaches outside 127.0.0.1), each with a timeout.
import { createHash } from "node:crypto";
import { parseCrl, type Crl } from "./crl.ts";
import { concat, tlv } from "../asn1/der.ts";
import { parseOcsp, spkiKeyBits, type BasicOcsp } from "./ocsp.ts";
import { type Cert } from "./x509.ts";

export function isLoopbackUrl(u: string): boolean {
  try {
    const url = new URL(u);
    return url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  } catch {
    return false;
  }
}

/** DER OCSPRequest for one certificate (CertID with SHA-1, as RFC 6960 responders expect). */
export function ocspRequest(cert: Cert, issuer: Cert): Uint8Array {
  const sha1 = (b: Uint8Array) => new Uint8Array(createHash("sha1").update(b).digest());
  const algo = tlv(0x30, concat([Uint8Array.of(0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a), Uint8Array.of(0x05, 0x00)]));
  const serial = tlv(0x02, new Uint8Array(Buffer.from(cert.serialHex, "hex")));
  const certId = tlv(
    0x30,
    concat([algo, tlv(0x04, sha1(cert.issuer.der)), tlv(0x04, sha1(spkiKeyBits(issuer))), serial]),
  );
  const request = tlv(0x30, certId);
  return tlv(0x30, tlv(0x30, tlv(0x30, request)));
}

async function get(url: string, timeoutMs: number, init?: RequestInit): Promise<Uint8Array | undefined> {
  try {
    const r = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    if (!r.ok) return undefined;
    const buf = new Uint8Array(await r.arrayBuffer());
    return buf.length > 16 * 1024 * 1024 ? undefined : buf;
  } catch {
    return undefined;
  }
}

/** Fetch what the certificates point at; failures are silent here and show up as "no revocation data". */
export async function fetchRevocation(
  certs: Cert[],
  extra: Cert[],
  timeoutMs: number,
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
        jobs.push(
          get(u, timeoutMs, {
            method: "POST",
            headers: { "content-type": "application/ocsp-request" },
            body: Buffer.from(ocspRequest(c, issuer)),
          }).then((b) => {
            if (!b) return;
            try {
              ocsps.push(parseOcsp(b));
            } catch {
              /* an unusable response is as good as none */
            }
          }),
        );
      }
    }
  }
  for (const u of crlUrls) {
    jobs.push(
      get(u, timeoutMs).then((b) => {
        if (!b) return;
        try {
          crls.push(parseCrl(b));
        } catch {
          /* idem */
        }
      }),
    );
  }
  await Promise.all(jobs);
  return { crls, ocsps };
}
