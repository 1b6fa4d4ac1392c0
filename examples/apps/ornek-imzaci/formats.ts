// Signature formats the reference application produces: CAdES BES/EPES/T/X-L/A, XAdES BES/T, PAdES
// B-B/B-T/B-LT/B-LTA (the long-term levels in long-term.ts), built
// with the project's signer (harness/sign) around a card Signer: every signature value comes from the card.
// The time-stamp comes from the test PKI's live TSA (RFC 3161 over HTTP on 127.0.0.1).
import { randomBytes } from "node:crypto";
import { children, readInt, readNode, whole } from "../../../harness/asn1/der.ts";
import { httpExchange } from "../../../harness/core/http-get.ts";
import { encodeTsRequest } from "../../../harness/pki/index.ts";
import {
  createCades,
  encodeCades,
  addSignatureTimestamp,
  signatureTimestampImprint,
  turkishPolicy,
  IMPLIED_POLICY,
  xades,
  type HashName,
  type PolicyRef,
  type Signer,
} from "../../../harness/sign/index.ts";
import { addSignatureRevision } from "../../../harness/sign/pades.ts";
import { pdfDate, pdfTextString } from "../../../harness/sign/pdf.ts";
import type { PkiContext } from "./inspect.ts";
import type { FlawId } from "./flaws.ts";
import { CannotExtend, upgradeCades, upgradePades, type Extender } from "./long-term.ts";

export const FORMATS = [
  "cades-bes",
  "cades-epes",
  "cades-t",
  "cades-xl",
  "cades-a",
  "xades-bes",
  "xades-t",
  "pades-b-b",
  "pades-b-t",
  "pades-b-lt",
  "pades-b-lta",
] as const;
export type FormatCode = (typeof FORMATS)[number];

export function isFormat(s: string): s is FormatCode {
  return (FORMATS as readonly string[]).includes(s);
}

export interface SignRequest {
  format: FormatCode;
  /** the exact bytes to sign (what the preview showed) */
  content: Uint8Array;
  mimeType: string;
  fileName: string;
  /** PAdES: the signature field's name (Imza1 for the first signature) */
  fieldName?: string;
  signingTime: Date;
  hash: HashName;
  /** P2/P3/P4: the Turkish signature policy (EPES); cades-epes/-t default to P2 */
  profile?: "P2" | "P3" | "P4";
  /** the certificates to carry: signer first, then its issuers */
  certificates: Uint8Array[];
  withSigningCertificate: boolean;
  withSigningTime: boolean;
  /** false: no content-hints (CAdES) and no MimeType (XAdES): the signature does not say what the document is */
  withDocumentType?: boolean;
  /** the type the signature declares instead of the document's own (a flaw: it does not match the content) */
  declaredMimeType?: string;
  /** the file name goes into content-hints as given, markup and all (a flaw: checklist 3-5) */
  rawNameInAttributes?: boolean;
}

/**
 * The file name as the content-hints description carries it: text only. A name is the user's (or a sender's)
 * to choose, and markup in it would be dynamic content in a signed attribute (checklist 3-5): tags and the
 * characters that start them are left out.
 */
export const attributeText = (name: string) =>
  name
    .replace(/<[^>]*>/g, "")
    .replace(/[<>"'&]/g, "")
    .trim();

/** What a flawed variant changes in the signature's document-type information (good app: nothing). */
export function documentTypeSwitches(
  flaw: FlawId | undefined,
): Pick<SignRequest, "withDocumentType" | "declaredMimeType" | "rawNameInAttributes"> {
  if (flaw === "no-document-type") return { withDocumentType: false };
  if (flaw === "wrong-document-type") return { declaredMimeType: "image/jpeg" };
  if (flaw === "attribute-markup") return { rawNameInAttributes: true };
  return {};
}

/** The certificates a signature carries: the signer's and its issuers' (a flawed variant: the signer's alone). */
export const carriedCertificates = (flaw: FlawId | undefined, chain: Uint8Array[]): Uint8Array[] =>
  flaw === "signer-cert-only" ? chain.slice(0, 1) : chain;

export interface Tsa {
  url: string;
  /** RFC 3161 token for (imprint, hash) */
  stamp(imprint: Uint8Array, hash: HashName): Promise<Uint8Array>;
}

const EKU_TIMESTAMPING = "1.3.6.1.5.5.7.3.8";
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const sameInteger = (a: string, b: string) => BigInt(`0x${a || "0"}`) === BigInt(`0x${b || "0"}`);

/**
 * The checks on a time-stamp token before it goes into a signature (CWA 14171 11.7.7, as the reference app reads
 * it): it answers this request (imprint, nonce), its signature verifies with the TSA's certificate, that
 * certificate is for time-stamping, valid at the token's time, and chains to a trusted root. Throws why not.
 */
export async function checkTimestampToken(
  token: Uint8Array,
  asked: { imprint: Uint8Array; nonce: Uint8Array },
  trust: PkiContext,
): Promise<void> {
  const bad = (en: string, tr: string) =>
    new Error(`the time-stamp token is not valid: ${en} / zaman damgası geçersiz: ${tr}`);
  // loaded here, not at start-up: a command that never time-stamps does not pay for the validator's parts
  const [{ parseDer }, { validatePath }, { parseTimestamp }] = await Promise.all([
    import("../../../harness/asn1/der-read.ts"),
    import("../../../harness/ades/index.ts"),
    import("../../../harness/ades/signer.ts"),
  ]);
  let ts;
  try {
    ts = parseTimestamp(token, [], (b) => parseDer(b, "TSTInfo"));
  } catch (e) {
    throw bad(`unreadable (${(e as Error).message})`, "okunamadı");
  }
  if (ts.tst.imprint !== hex(asked.imprint))
    throw bad("its message imprint is not the signature's", "özet değeri imzanınki değil");
  if (ts.tst.nonce === undefined || !sameInteger(ts.tst.nonce, hex(asked.nonce)))
    throw bad("its nonce is not the request's", "nonce isteğinki değil");
  const tsa = ts.signer.cert;
  if (!tsa) throw bad("the TSA's certificate is not in it", "ZD sertifikası yok");
  if (!ts.signer.signatureOk || ts.signer.messageDigestOk === false)
    throw bad("its signature does not verify", "imzası doğrulanmıyor");
  if (!tsa.extKeyUsage?.includes(EKU_TIMESTAMPING))
    throw bad(
      "the TSA's certificate is not for time-stamping (no id-kp-timeStamping)",
      "ZD sertifikasında timeStamping kullanımı yok",
    );
  const g = ts.tst.genTime;
  if (g < tsa.notBefore || g > tsa.notAfter)
    throw bad(
      `the TSA's certificate is not valid at ${g.toISOString()}`,
      "ZD sertifikası damga zamanında geçerli değil",
    );
  const path = validatePath(tsa, {
    at: g,
    anchors: trust.anchors,
    intermediates: [...trust.intermediates, ...ts.certs],
    revocation: "off",
  });
  if (!path.ok)
    throw bad(
      `the TSA's certificate does not chain to a trusted root (${path.message})`,
      "ZD sertifikası güvenilir bir köke zincirlenmiyor",
    );
}

/** A TSA client: TimeStampReq over HTTP, the granted token out of the TimeStampResp; with `trust`, the token is
 *  checked (checkTimestampToken) before it is used. */
export function tsaClient(url: string, trust?: PkiContext): Tsa {
  return {
    url,
    async stamp(imprint, hash) {
      const nonce = randomBytes(8);
      const body = encodeTsRequest({ hash, imprint, nonce, certReq: true });
      const r = await httpExchange(url, {
        method: "POST",
        headers: { "content-type": "application/timestamp-query" },
        body,
        timeoutMs: 15_000,
      }).catch((err: Error) => {
        throw new Error(`time-stamp server ${url}: ${err.message}`);
      });
      if (r.status < 200 || r.status > 299) throw new Error(`time-stamp server ${url}: HTTP ${r.status}`);
      const resp = readNode(r.bytes);
      const [status, token] = children(resp);
      const code = readInt(children(status!)[0]);
      if ((code !== 0n && code !== 1n) || !token)
        throw new Error(`time-stamp server ${url}: refused (PKIStatus ${code})`);
      if (trust) await checkTimestampToken(whole(token), { imprint, nonce }, trust);
      return whole(token);
    },
  };
}

export const needsTimestamp = (f: FormatCode) => !/-(bes|epes|b-b)$/.test(f);

/** What answers for the signer's certificate in long-term data: P4 asks for OCSP, the others take the CRL. */
export const signerRevocationFor = (profile: SignRequest["profile"]) => (profile === "P4" ? "ocsp" : "crl");

function policyOf(r: SignRequest): PolicyRef | undefined {
  if (r.profile) return turkishPolicy(r.profile);
  // P2 asks for a time-stamp: an EPES without one names the policy as implied by context
  if (r.format === "cades-epes") return IMPLIED_POLICY;
  if (r.format === "cades-t") return turkishPolicy("P2");
  // a long-term CAdES without a named profile is P4: OCSP answers at once, where P3's CRL needs the grace period
  if (r.format === "cades-xl" || r.format === "cades-a") return turkishPolicy("P4");
  return undefined;
}

export interface Signed {
  bytes: Uint8Array;
  /** file name of the output */
  fileName: string;
  mimeType: string;
  /** CAdES/XAdES detached: no (content inside); PAdES: the signed PDF */
  detached: boolean;
}

/**
 * Signs in two phases so that the card session is as short as possible: `withCard` runs the synchronous part
 * that needs the key (one C_Sign), then the time-stamp is fetched after the card is released.
 */
export async function produceSignature(
  r: SignRequest,
  withCard: <T>(use: (s: Signer) => T) => T,
  tsa?: Tsa,
  longTerm?: { pki: PkiContext; now: () => Promise<Date> },
): Promise<Signed> {
  const policy = policyOf(r);
  const profile = r.profile ?? (r.format === "cades-xl" || r.format === "cades-a" ? "P4" : undefined);
  const isLongTerm = /-(xl|a|b-lt|b-lta)$/.test(r.format);
  if (isLongTerm && !longTerm) throw new Error(`${r.format} needs the PKI's revocation services`);
  if (isLongTerm && profile === "P3" && r.format.startsWith("cades"))
    throw new CannotExtend(
      `${r.format} with P3: the CRL must be issued after the ${"24-hour"} grace period that follows the signature; ` +
        "sign cades-t now and `upgrade --to XL` after it / P3 için SİL imzadan 24 saat sonra yayımlanmış olmalı: " +
        "şimdi cades-t imzalayın, süre dolunca `upgrade --to XL` yapın",
    );
  const extender = (): Extender => ({
    pki: longTerm!.pki,
    now: longTerm!.now,
    tsa: tsa!,
    signerRevocation: signerRevocationFor(profile),
  });
  const essCert = r.withSigningCertificate ? ("v2" as const) : ("none" as const);
  if (needsTimestamp(r.format) && !tsa) throw new Error(`${r.format} needs a time-stamp server (--tsa URL)`);
  if (r.format.startsWith("cades")) {
    const doc = withCard((s) =>
      createCades(s, {
        content: r.content,
        certificates: r.certificates,
        hash: r.hash,
        signingTime: r.withSigningTime ? r.signingTime : undefined,
        policy,
        essCert,
        ...(r.withDocumentType === false
          ? {}
          : {
              contentHints: {
                description: r.declaredMimeType ?? (r.rawNameInAttributes ? r.fileName : attributeText(r.fileName)),
                contentType: "1.2.840.113549.1.7.1",
              },
            }),
      }),
    );
    if (r.format === "cades-t") {
      const si = doc.signerInfos[0]!;
      addSignatureTimestamp(si, await tsa!.stamp(signatureTimestampImprint(si, r.hash), r.hash));
    }
    if (r.format === "cades-xl") await upgradeCades(doc, "XL", extender());
    if (r.format === "cades-a") await upgradeCades(doc, "A", extender());
    return {
      bytes: encodeCades(doc),
      fileName: `${r.fileName}.p7s`,
      mimeType: "application/pkcs7-signature",
      detached: false,
    };
  }
  if (r.format.startsWith("xades")) {
    const isXml = /xml/.test(r.mimeType);
    const sig = withCard((s) =>
      xades.createXades(s, {
        packaging: isXml ? "enveloped" : "enveloping",
        content: r.content,
        mimeType: r.declaredMimeType ?? r.mimeType,
        withMimeType: r.withDocumentType !== false,
        hash: r.hash,
        signingTime: r.withSigningTime ? r.signingTime : undefined,
        policy,
        keyInfoCerts: r.certificates,
      }),
    );
    if (r.format === "xades-t")
      xades.addSignatureTimestamp(sig, await tsa!.stamp(xades.signatureTimestampImprint(sig, r.hash), r.hash));
    return {
      bytes: new TextEncoder().encode(xades.serializeXades(sig)),
      fileName: `${r.fileName.replace(/\.xml$/i, "")}.xades.xml`,
      mimeType: "application/xml",
      detached: false,
    };
  }
  // PAdES: the byte ranges are fixed by a first pass, the CMS is made over them, then written in a second pass
  if (r.mimeType !== "application/pdf") throw new Error(`${r.format} signs PDF documents only, not ${r.mimeType}`);
  let entries = `/Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached/M${pdfDate(r.signingTime)}`;
  entries += `/Reason${pdfTextString("Onaylıyorum")}`;
  const contentsBytes = 24_000;
  let signedBytes: Uint8Array | undefined;
  const revision = (make: (signed: Uint8Array) => Uint8Array) =>
    addSignatureRevision(r.content, {
      sigDictEntries: entries,
      fieldName: r.fieldName ?? "Imza1",
      contentsBytes,
      make,
    });
  revision((signed) => {
    signedBytes = Uint8Array.from(signed);
    return new Uint8Array(0);
  });
  const doc = withCard((s) =>
    createCades(s, {
      content: signedBytes!,
      detached: true,
      certificates: r.certificates,
      hash: r.hash,
      policy,
      essCert,
    }),
  );
  if (r.format !== "pades-b-b") {
    const si = doc.signerInfos[0]!;
    addSignatureTimestamp(si, await tsa!.stamp(signatureTimestampImprint(si, r.hash), r.hash));
  }
  const cms = encodeCades(doc);
  let out = revision((signed) => {
    if (Buffer.compare(Buffer.from(signed), Buffer.from(signedBytes!)) !== 0)
      throw new Error("PAdES: the byte ranges changed between the two passes");
    return cms;
  });
  if (r.format === "pades-b-lt") out = await upgradePades(out, "LT", extender());
  if (r.format === "pades-b-lta") out = await upgradePades(out, "LTA", extender());
  return {
    bytes: out,
    fileName: r.fileName.replace(/\.pdf$/i, "") + "-imzali.pdf",
    mimeType: "application/pdf",
    detached: false,
  };
}
