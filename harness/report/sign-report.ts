// Signing the report: PAdES B-T (harness/sign's signPdf with a time-stamp from an RFC 3161 TSA), B-LT when the
// revocation data of the signer's chain is reachable (a /DSS with certificates, CRLs and OCSP responses). The key is
// the assessor's: on a PKCS#11 token (the virtual card or a real card's module) or in a PKCS#12 file. The PIN or
// password comes from a file descriptor or the environment, never from the command line, and is never printed.
import { spawnSync } from "node:child_process";
import { createPrivateKey, sign as nodeSign, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import pkcs11js from "pkcs11js";
import { children, int, parseDer, readInt, seq } from "../asn1/der.ts";
import { type CardInfo, withCardSession } from "../card/index.ts";
import { encodeTsRequest } from "../pki/index.ts";
import {
  addDss,
  addSignatureTimestamp,
  createCades,
  digest,
  encodeCades,
  signatureTimestampImprint,
  type HashName,
  type KeyAlgorithm,
  type Signer,
} from "../sign/index.ts";
import { addSignatureRevision } from "../sign/pades.ts";
import { pdfDate, pdfTextString } from "../sign/pdf.ts";
import { pemToDer } from "../sign/common.ts";

/** A problem with the signing material the user gave (wrong PIN, no key, TSA refused): said as such. */
export class SigningError extends Error {}

export interface ReportSigning {
  signer: Signer;
  /** certificates to carry in the CMS: the signer's first, then its issuers */
  certificates: Uint8Array[];
}

/** The PIN from `--pin-fd N` or $UYUM_PIN (trailing newline dropped); undefined when neither is given. */
export function secretFromFdOrEnv(fd: string | undefined, env = "UYUM_PIN"): string | undefined {
  if (fd !== undefined) {
    const n = Number(fd);
    if (!Number.isInteger(n) || n < 0) throw new SigningError(`--pin-fd ${fd}: give a file descriptor number`);
    try {
      return readFileSync(n, "utf8").replace(/\r?\n$/, "");
    } catch (e) {
      throw new SigningError(`--pin-fd ${fd}: cannot read (${(e as NodeJS.ErrnoException).code ?? "error"})`);
    }
  }
  return process.env[env] || undefined;
}

function p11Attr(p11: pkcs11js.PKCS11, session: pkcs11js.Handle, h: pkcs11js.Handle, type: number): Buffer {
  return p11.C_GetAttributeValue(session, h, [{ type }])[0]!.value as Buffer;
}

/** ECDSA raw r||s (PKCS#11) → DER Ecdsa-Sig-Value (what CMS carries). */
function ecdsaDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  const big = (b: Uint8Array) => BigInt(`0x${Buffer.from(b).toString("hex") || "0"}`);
  return seq(int(big(raw.subarray(0, half))), int(big(raw.subarray(half))));
}

/**
 * Runs fn with a Signer over a card's private key (logged in with the PIN for this session only), and the
 * certificates found on the token (the key's own first).
 */
export function withCardSigner<T>(
  card: CardInfo,
  keyLabel: string | undefined,
  pin: string,
  fn: (s: ReportSigning) => T,
): T {
  const label = keyLabel ?? card.keys[0]?.label;
  if (!label) throw new SigningError(`card ${card.dir}: no key on record; give --key`);
  return withCardSession(card, ({ p11, session }) => {
    try {
      p11.C_Login(session, pkcs11js.CKU_USER, pin);
    } catch (e) {
      const rv = /^CKR_[A-Z_]+/.exec((e as Error).message)?.[0] ?? "error";
      throw new SigningError(`card ${card.dir}: login refused (${rv})`);
    }
    try {
      const find = (cls: number, extra: pkcs11js.Template = []) => {
        p11.C_FindObjectsInit(session, [{ type: pkcs11js.CKA_CLASS, value: cls }, ...extra]);
        try {
          return p11.C_FindObjects(session, 64);
        } finally {
          p11.C_FindObjectsFinal(session);
        }
      };
      const keys = find(pkcs11js.CKO_PRIVATE_KEY, [{ type: pkcs11js.CKA_LABEL, value: label }]);
      if (keys.length !== 1)
        throw new SigningError(`card ${card.dir}: ${keys.length} private keys labelled "${label}" (give --key)`);
      const key = keys[0]!;
      const keyType = p11Attr(p11, session, key, pkcs11js.CKA_KEY_TYPE).readUInt32LE(0);
      const keyAlgorithm: KeyAlgorithm = keyType === pkcs11js.CKK_EC ? "ecdsa-p256" : "rsa-2048";
      const certs = find(pkcs11js.CKO_CERTIFICATE).map((h) => ({
        label: p11Attr(p11, session, h, pkcs11js.CKA_LABEL).toString("utf8"),
        der: new Uint8Array(p11Attr(p11, session, h, pkcs11js.CKA_VALUE)),
      }));
      const own = certs.find((c) => c.label === label);
      if (!own) throw new SigningError(`card ${card.dir}: no certificate labelled "${label}" beside its key`);
      const signer: Signer = {
        label,
        certDer: own.der,
        keyAlgorithm,
        sign(data: Uint8Array, hash: HashName) {
          if (keyAlgorithm === "rsa-2048") {
            const mech = { "SHA-256": 0x40, "SHA-384": 0x41, "SHA-512": 0x42, "SHA-1": 0x06 }[hash];
            p11.C_SignInit(session, { mechanism: mech }, key);
            return new Uint8Array(p11.C_Sign(session, Buffer.from(data), Buffer.alloc(1024)));
          }
          // the card signs the digest (CKM_ECDSA): hashing on the card is optional in PKCS#11
          p11.C_SignInit(session, { mechanism: pkcs11js.CKM_ECDSA }, key);
          return ecdsaDer(p11.C_Sign(session, Buffer.from(digest(hash, data)), Buffer.alloc(256)));
        },
      };
      return fn({ signer, certificates: [own.der, ...certs.filter((c) => c !== own).map((c) => c.der)] });
    } finally {
      p11.C_Logout(session);
    }
  });
}

/** A PKCS#12 file's key and certificates (openssl reads it; the password goes through its environment). */
export function p12Signing(file: string, password: string): ReportSigning {
  const r = spawnSync("openssl", ["pkcs12", "-in", file, "-nodes", "-passin", "env:UYUM_P12_PASSWORD"], {
    env: { ...process.env, UYUM_P12_PASSWORD: password },
    encoding: "utf8",
  });
  if (r.status !== 0)
    throw new SigningError(`${file}: openssl cannot open the PKCS#12 (${r.stderr.trim().split("\n")[0] ?? "error"})`);
  const keyPem = /-----BEGIN (?:ENCRYPTED )?PRIVATE KEY-----[\s\S]+?-----END (?:ENCRYPTED )?PRIVATE KEY-----/.exec(
    r.stdout,
  )?.[0];
  const certPems = r.stdout.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (!keyPem || !certPems.length) throw new SigningError(`${file}: the PKCS#12 holds no key and certificate`);
  const key = createPrivateKey(keyPem);
  const keyAlgorithm: KeyAlgorithm = key.asymmetricKeyType === "ec" ? "ecdsa-p256" : "rsa-2048";
  const certs = certPems.map((p) => pemToDer(p));
  // openssl prints the key's own certificate first when it has a localKeyID; else pick the one whose key matches
  const own = certs.find((c) => new X509Certificate(Buffer.from(c)).checkPrivateKey(key)) ?? certs[0]!;
  const signer: Signer = {
    label: file,
    certDer: own,
    keyAlgorithm,
    sign: (data, hash) =>
      new Uint8Array(
        nodeSign(
          hash.replace("-", "").toLowerCase(),
          data,
          keyAlgorithm === "rsa-2048" ? key : { key, dsaEncoding: "der" },
        ),
      ),
  };
  return { signer, certificates: [own, ...certs.filter((c) => c !== own)] };
}

/** An RFC 3161 time-stamp token for (imprint, hash) from the TSA at url. */
export async function fetchTimestamp(url: string, imprint: Uint8Array, hash: HashName): Promise<Uint8Array> {
  const req = encodeTsRequest({ hash, imprint, certReq: true, nonce: digest("SHA-256", imprint).subarray(0, 8) });
  let resp: Uint8Array;
  try {
    const r = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/timestamp-query" },
      body: Buffer.from(req),
      signal: AbortSignal.timeout(30_000),
    });
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    resp = new Uint8Array(await r.arrayBuffer());
  } catch (e) {
    throw new SigningError(`time-stamp authority ${url}: ${(e as Error).message}`);
  }
  let status: bigint;
  let token: Uint8Array | undefined;
  try {
    const top = children(parseDer(resp, "TimeStampResp"));
    status = readInt(children(top[0]!)[0], "PKIStatus");
    const t = top[1];
    token = t ? resp.subarray(t.start, t.end) : undefined;
  } catch (e) {
    throw new SigningError(`time-stamp authority ${url}: not a TimeStampResp (${(e as Error).message})`);
  }
  if (status > 1n || !token) throw new SigningError(`time-stamp authority ${url}: refused (status ${status})`);
  return token;
}

/** Runs fn with the signing material open (a card session is open only inside). */
export type SignWith = <T>(fn: (s: ReportSigning) => T) => T;

export interface SignOptions {
  signingTime: Date;
  tsaUrl?: string;
  /** B-LT: validation material of the signer's and the TSA's chains (no CRL or OCSP: stay B-T) */
  ltv?: { certs: Uint8Array[]; crls: Uint8Array[]; ocspResponses: Uint8Array[] };
  reason?: string;
  location?: string;
}

/**
 * PAdES B-T (B-LT with ltv) over the report. Two passes over the same incremental update: the first gives the
 * bytes to sign (they do not depend on the signature), the CMS is made and time-stamped (the TSA answers
 * asynchronously, the card is not held meanwhile), the second writes it; the signed bytes must be identical.
 */
export async function signReport(pdf: Uint8Array, signWith: SignWith, o: SignOptions): Promise<Uint8Array> {
  const hash: HashName = "SHA-256";
  let entries = `/Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached/M${pdfDate(o.signingTime)}`;
  if (o.reason) entries += `/Reason${pdfTextString(o.reason)}`;
  if (o.location) entries += `/Location${pdfTextString(o.location)}`;
  const revision = { sigDictEntries: entries, fieldName: "Degerlendirici", contentsBytes: 40_000 };
  let toSign: Uint8Array | undefined;
  addSignatureRevision(pdf, {
    ...revision,
    make: (b) => {
      toSign = b.slice();
      return new Uint8Array(0);
    },
  });
  const doc = signWith((s) =>
    createCades(s.signer, { hash, content: toSign!, detached: true, certificates: s.certificates }),
  );
  if (o.tsaUrl) {
    const si = doc.signerInfos[0]!;
    addSignatureTimestamp(si, await fetchTimestamp(o.tsaUrl, signatureTimestampImprint(si, hash), hash));
  }
  const cms = encodeCades(doc);
  let signed = addSignatureRevision(pdf, {
    ...revision,
    make: (b) => {
      if (Buffer.compare(Buffer.from(b), Buffer.from(toSign!)) !== 0)
        throw new Error("report signing: the signed bytes changed between the two passes");
      return cms;
    },
  });
  if (o.ltv && (o.ltv.crls.length || o.ltv.ocspResponses.length)) signed = addDss(signed, { ...o.ltv, vri: true });
  return signed;
}

/**
 * B-LT material for the given certificates: each one's CRL (from its distribution point, loopback only) and the
 * certificates themselves. `rewrite` maps the URL prefix the certificates name to where the services really run
 * (a test PKI served on an ephemeral port; an empty `from` rewrites every loopback origin). Unreachable CRLs are
 * left out: the report then stays B-T.
 */
export async function collectLtv(
  certDers: Uint8Array[],
  o: { rewrite?: { from: string; to: string }; timeoutMs?: number } = {},
): Promise<{ certs: Uint8Array[]; crls: Uint8Array[]; ocspResponses: Uint8Array[]; unreachable: string[] }> {
  const { parseCert } = await import("../ades/index.ts");
  const urls = new Set<string>();
  for (const der of certDers) {
    const c = parseCert(der);
    for (const dp of c.crlDistributionPoints ?? [])
      for (const g of dp.fullName ?? [])
        if (g.type === "uri" && /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(g.value)) urls.add(g.value);
  }
  const crls: Uint8Array[] = [];
  const unreachable: string[] = [];
  for (const u of urls) {
    let real = u;
    if (o.rewrite?.from && u.startsWith(o.rewrite.from)) real = o.rewrite.to + u.slice(o.rewrite.from.length);
    else if (o.rewrite && !o.rewrite.from) real = o.rewrite.to + new URL(u).pathname; // any loopback origin
    try {
      const r = await fetch(real, { signal: AbortSignal.timeout(o.timeoutMs ?? 5000) });
      if (!r.ok) throw new Error(String(r.status));
      crls.push(new Uint8Array(await r.arrayBuffer()));
    } catch {
      unreachable.push(u);
    }
  }
  return { certs: certDers, crls, ocspResponses: [], unreachable };
}
