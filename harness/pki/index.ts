// The test PKI's public API: what other concerns (sign, card, ades, vectors) import. Names may be added, the
// ones here stay; pki.json, the on-disk index, is read and written only by store.ts.
export type {
  KeyAlgorithm,
  Role,
  PkiEntity,
  Pki,
  PkiConfig,
  HashName,
  CrlDef,
  OcspResponderDef,
  TsaDef,
  Revocation,
  CrlFault,
  OcspFault,
  TsaFault,
} from "./types.ts";
export { loadPkiConfig, checkPkiConfig, DEFAULT_PKI_CONFIG } from "./config.ts";
export { buildPki, signRaw, entityKey } from "./build.ts";
export { writePki, readPki, readPkiJson, pkiIndex, type PkiJson, type PkiJsonEntity } from "./store.ts";
export { makeCrl, crlAt, revokedFor, type CrlOptions, type RevokedEntry } from "./crl.ts";
export { toPem, fromPem } from "./x509.ts";
export {
  makeOcspResponse,
  parseOcspRequest,
  encodeOcspResponse,
  encodeOcspRequest,
  certIdFor,
  type CertId,
  type OcspResponseOptions,
  type OcspCertStatus,
} from "./ocsp.ts";
export { makeTimestampToken, parseTsRequest, encodeTsRequest, type TimestampOptions } from "./tsp.ts";
export {
  startServices,
  startPkiServices,
  type Services,
  type ServiceOptions,
  type ServiceFault,
  type FaultSetting,
  type ServiceKind,
} from "./server.ts";
export { SettableClock, type Clock } from "./clock.ts";
