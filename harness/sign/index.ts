// Signature creation (CAdES, XAdES, PAdES) for vectors, probes and the report: deterministic, signing through
// a `Signer` (the PKI's signRaw via `pkiSigner`, or anything else that returns PKCS#1 v1.5 / DER ECDSA bytes,
// e.g. a PKCS#11 token).
import type { Pki, PkiEntity } from "../pki/index.ts";
import { signRaw } from "../pki/index.ts";
import type { Signer } from "./common.ts";

export type { Signer, PolicyRef } from "./common.ts";
export { turkishPolicy, IMPLIED_POLICY, TR_POLICY, certFields } from "./common.ts";
// The hash and key vocabulary is defined once, in asn1/oids.ts and pki/keys.ts; the signer API passes it on.
export { digest, type HashName } from "../asn1/oids.ts";
export type { KeyAlgorithm } from "../pki/keys.ts";
export {
  createCades,
  signerAttributes,
  encodeCades,
  addParallelSigner,
  addCounterSignature,
  addSignatureTimestamp,
  signatureTimestampImprint,
  addCompleteReferences,
  addEscTimestamp,
  escTimestampImprint,
  addValues,
  addArchiveTimestampV2,
  archiveTimestampV2Imprint,
  ocspRevocationInfoChoice,
  OID as CADES_OID,
  type CadesDocument,
  type CadesSignerInfo,
  type CadesOptions,
} from "./cades.ts";
export * as xades from "./xades.ts";
export { signPdf, addDss, addDocumentTimestamp, signatureContents, type PadesOptions } from "./pades.ts";

/** A Signer backed by a test-PKI entity's key (deterministic). */
export function pkiSigner(entity: PkiEntity): Signer {
  return {
    label: entity.label,
    certDer: entity.certDer,
    keyAlgorithm: entity.keyAlgorithm,
    sign: (d, h) => signRaw(entity, d, h),
  };
}

/** The Signer of the test-PKI entity `label` (its certificate and deterministic key). */
export const signerOf = (pki: Pki, label: string): Signer => pkiSigner(pki.get(label));
