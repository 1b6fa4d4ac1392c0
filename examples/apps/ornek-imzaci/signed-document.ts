// A document that is itself an attached CAdES signature (a .p7s carrying the signed content): the agent's window
// previews the content inside it and lists the signatures already on it, each signer by the name in its
// certificate, with its place (parallel, or a counter-signature of another: serial); signing adds a parallel
// signature of the card's signer over the same content (checklist 2.1-7; the CLI's `cosign` does the same on a
// file). What cannot be read as such is said as a warning, never a crash.
import { CMS_OID } from "../../../harness/asn1/oids.ts";
import { parseSignedData, parseSignerInfo, type SignerInfo } from "../../../harness/ades/cms.ts";
import { parseCert } from "../../../harness/ades/index.ts";
import {
  addParallelSigner,
  addSignatureTimestamp,
  encodeCades,
  signatureTimestampImprint,
  type Signer,
} from "../../../harness/sign/index.ts";
import type { Tsa } from "./formats.ts";
import { decodeCades, hasUnsigned, signedAttr } from "./long-term.ts";

/** The media type the EBYS page gives a .p7s file (media-types.ts). */
export const SIGNED_DOCUMENT_TYPE = "application/pkcs7-mime";

export interface ExistingSignature {
  /** 1-based, depth first: a counter-signature follows the signature it signs */
  number: number;
  /** the signer's name: the certificate's common name (its subject when it has none) */
  name: string;
  subject: string;
  issuer: string;
  /** the certificate's serial number, hex */
  serialHex: string;
  /** the number of the signature this one counter-signs (a serial signature); absent: a parallel one */
  counterSignatureOf?: number;
}

export interface SignedDocument {
  /** the signed content inside the signature */
  content: Uint8Array;
  /** what the content looks like, so the window previews it as any document of that type */
  contentMimeType: string;
  signatures: ExistingSignature[];
}

/** Why a signed document cannot be read (tr/en), said in the window as a document warning. */
export class UnreadableSignedDocument extends Error {
  constructor(
    readonly en: string,
    readonly tr: string,
    readonly kind: "format-error" | "cannot-show-whole" = "format-error",
  ) {
    super(`${en} / ${tr}`);
  }
}

const rdn = (c: ReturnType<typeof parseCert>, type: string, of: "subject" | "issuer") =>
  c[of].rdns.flat().find((a) => a.type === type)?.value;

/** The content's type by its first bytes: PDF, XML, text; else bytes the window cannot show. */
function sniff(b: Uint8Array): string {
  const head = Buffer.from(b.subarray(0, 64)).toString("latin1");
  if (head.startsWith("%PDF-")) return "application/pdf";
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(b);
    return /^\uFEFF?\s*<\?xml/.test(text) ? "application/xml" : "text/plain";
  } catch {
    return "application/octet-stream";
  }
}

/** Read an attached CAdES signature: its content and every signature on it (counter-signatures included). */
export function readSignedDocument(bytes: Uint8Array): SignedDocument {
  let sd;
  try {
    sd = parseSignedData(bytes);
  } catch (err) {
    throw new UnreadableSignedDocument(
      `the signed document (CAdES) cannot be read: ${(err as Error).message}`,
      `imzalı belge (CAdES) okunamıyor: ${(err as Error).message}`,
    );
  }
  if (!sd.eContent)
    throw new UnreadableSignedDocument(
      "the signature is detached: the signed document is not in the file, so it cannot be shown",
      "imza ayrık: imzalanan belge dosyada yok, gösterilemiyor",
      "cannot-show-whole",
    );
  const certs = sd.certificates.flatMap((d) => {
    try {
      return [parseCert(d)];
    } catch {
      return [];
    }
  });
  const signatures: ExistingSignature[] = [];
  const add = (si: SignerInfo, of?: number) => {
    const c = certs.find((x) => si.sid.serialHex !== undefined && x.serialHex === si.sid.serialHex);
    const number = signatures.length + 1;
    signatures.push({
      number,
      name: c
        ? (rdn(c, "2.5.4.3", "subject") ?? c.subject.text)
        : "(sertifikası imzada yok / certificate not in the file)",
      subject: c?.subject.text ?? "",
      issuer: c?.issuer.text ?? "",
      serialHex: c?.serialHex ?? si.sid.serialHex ?? "",
      ...(of !== undefined ? { counterSignatureOf: of } : {}),
    });
    for (const a of si.unsignedAttrs.filter((x) => x.type === CMS_OID.counterSignature))
      for (const v of a.values) add(parseSignerInfo(v), number);
  };
  try {
    for (const si of sd.signerInfos) add(si);
  } catch (err) {
    throw new UnreadableSignedDocument(
      `a signature on the document cannot be read: ${(err as Error).message}`,
      `belgedeki bir imza okunamıyor: ${(err as Error).message}`,
    );
  }
  if (signatures.length === 0) throw new UnreadableSignedDocument("the file carries no signature", "dosyada imza yok");
  return { content: sd.eContent, contentMimeType: sniff(sd.eContent), signatures };
}

/**
 * A parallel signature of the card's signer over the signed document's content: the first signer's policy taken
 * over, and a signature time-stamp when the first one has one or a time-stamped format was asked for.
 */
export async function addParallelSignature(
  bytes: Uint8Array,
  o: { signingTime: Date; certificates: Uint8Array[]; timestamp: boolean; tsa?: Tsa },
  withCard: <T>(use: (s: Signer) => T) => T,
): Promise<Uint8Array> {
  const doc = decodeCades(bytes);
  if (doc.signerInfos.some((si) => hasUnsigned(si, CMS_OID.archiveTimestampV2)))
    throw new UnreadableSignedDocument(
      "the signature has an archive time-stamp: a signature added now would break it",
      "arşiv zaman damgalı imzaya imza eklenemez",
    );
  const first = doc.signerInfos[0]!;
  const policy = signedAttr(first, CMS_OID.sigPolicyId);
  const si = withCard((s) =>
    addParallelSigner(
      doc,
      s,
      { hash: first.digestAlg, signingTime: o.signingTime, essCert: "v2", extraSignedAttrs: policy ? [policy] : [] },
      o.certificates,
    ),
  );
  if (o.tsa && (o.timestamp || hasUnsigned(first, CMS_OID.signatureTimeStampToken)))
    addSignatureTimestamp(si, await o.tsa.stamp(signatureTimestampImprint(si, first.digestAlg), first.digestAlg));
  return encodeCades(doc);
}
