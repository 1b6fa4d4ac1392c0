// The whole-document flow of Örnek İmzacı's HTTP face, for a server that holds the card itself (a signing server
// with the reader attached, remote signing): the document and the signer's PIN come in one request, the server logs
// in to its card, checks the certificate as the CLI does, signs, and answers with the signature.
//   POST /api/v1/sign {document, mimeType?, fileName?, format, certificate? (the key's label), pin}
//        → {fileName, signature, certificate}
// The PIN is used for C_Login and forgotten: never logged, never echoed. Refusals are the CLI's codes (wrong PIN with
// the tries left, a locked PIN, the check before signing), as JSON {error: {code, message}}.
import { AgentError, Card } from "./card.ts";
import type { FlawId } from "./flaws.ts";
import {
  carriedCertificates,
  documentTypeSwitches,
  produceSignature,
  tsaClient,
  type FormatCode,
  type Signed,
} from "./formats.ts";
import { checkerFor, firstThatPasses } from "./inspect.ts";
import type { AppPki } from "./pki-context.ts";

export interface WholeDocumentRequest {
  content: Uint8Array;
  mimeType: string;
  fileName: string;
  format: FormatCode;
  /** the certificate's label on the card; else the first that passes the check before signing */
  certificate?: string;
  pin: string;
}

/** Signs on the server's card; throws AgentError (the refusal) as the CLI would. */
export async function signWholeDocument(
  card: { module: string; tokenLabel?: string },
  pki: AppPki,
  r: WholeDocumentRequest,
  flaw?: FlawId,
): Promise<Signed & { certificateLabel: string }> {
  const c = new Card(card.module, card.tokenLabel);
  try {
    const now = await pki.now();
    const check = checkerFor(now, pki, flaw);
    const certs = c.certificates();
    let cert = r.certificate !== undefined ? certs.find((x) => x.label === r.certificate) : undefined;
    if (r.certificate !== undefined && !cert)
      throw new AgentError(
        "BAD_REQUEST",
        `certificate ${r.certificate}: not on the card; it has ${certs.map((x) => x.label).join(", ")}`,
      );
    if (cert) await check(cert.der);
    else cert = await firstThatPasses(certs, check);
    const chosen = cert;
    const signed = await produceSignature(
      {
        format: r.format,
        content: r.content,
        mimeType: r.mimeType,
        fileName: r.fileName,
        signingTime: now,
        hash: flaw === "sha1" ? "SHA-1" : "SHA-256",
        certificates: carriedCertificates(flaw, pki.chainOf(chosen.der, now)),
        withSigningCertificate: flaw !== "no-signing-certificate",
        withSigningTime: flaw !== "no-signing-time",
        ...documentTypeSwitches(flaw),
      },
      (use) => c.withSigner(chosen, r.pin, use),
      tsaClient(pki.tsaUrl, flaw === "tsa-token-unchecked" ? undefined : pki),
    );
    return { ...signed, certificateLabel: chosen.label };
  } catch (err) {
    const e = err instanceof AgentError ? err : c.translate(err);
    if (e.code === "PIN_INCORRECT" && e.detail.finalTry)
      throw new AgentError(e.code, `${e.message} (1 try left / 1 deneme hakkı kaldı)`, e.detail);
    throw e;
  } finally {
    c.close();
  }
}
