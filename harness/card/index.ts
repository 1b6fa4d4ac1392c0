// harness/card's public API, for probes, suites and the campaign: provision a virtual card, set its faults,
// read its trace and ask it questions, find PC/SC readers, wrap a vendor module.
export {
  provisionCard,
  loadCard,
  cardEnvFor,
  tokenOf,
  tokensOf,
  type CardInfo,
  type CardKey,
  type CardToken,
  type ProvisionOptions,
} from "./provision.ts";
export { setFaults, readFaults, readCardState, type CardFaults, type TokenFaults, type CardState } from "./faults.ts";
export {
  withCardSession,
  withCardEnv,
  unlockCard,
  findPrivateKey,
  ckrName,
  NoTokenError,
  SoPinLockedError,
  CKU_SO,
  CKU_USER,
  type CardSession,
} from "./p11.ts";
export {
  readTrace,
  traceMark,
  parseTrace,
  formatEvent,
  signatures,
  authorisations,
  pinPolicy,
  loginBeforeEachSign,
  certificatesReadFromCard,
  whichKeySigned,
  reactionTo,
  type TraceEvent,
  type TraceMark,
  type PinPolicy,
  type PinMode,
  type KeyUse,
  type CertificateRead,
  type ReactionReport,
  type Reaction,
  type SignAuthorisation,
} from "./trace.ts";
export {
  listReaders,
  physicalReaders,
  watchReaders,
  configureVendorModule,
  startVirtualReader,
  virtualReaderUnavailable,
  type Reader,
  type ReaderEvent,
  type VirtualReader,
  type VendorOptions,
} from "./pcsc.ts";
export { INTERPOSER_PATH, SOFTHSM_MODULE, ensureInterposer } from "./paths.ts";
export { openRealCard, findReader, type RealCardOptions } from "./real-card.ts";
