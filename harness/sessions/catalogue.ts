// Every session a probe may read: its id, what it makes the application do (tr/en), and the shape of the
// evidence it records. A session runs once per campaign, however many probes read it; sessions are the only
// code that drives an application (through harness/drivers). The probe registry refuses a probe that reads a
// session not listed here.
import type { Text } from "../core/text.ts";
import type { CertFacts } from "../ades/cert-facts.ts";
import type { Inspection } from "../ades/report.ts";
import type { Indication, SubIndication } from "../ades/verdict.ts";
import type { AppVerdict, KeyChoice, ProduceOperation, ProduceRequest } from "../drivers/face.ts";
import type { AgentExposure, ConfirmView, DocumentView, ScreenOutcome } from "../drivers/web/types.ts";
import type { AppAttempt, EvidenceRef, FailedSigning, SignedOutput, TraceEvidence } from "./evidence.ts";
import type { EmbeddedRevocation } from "./embedded-revocation.ts";

/** sign-once: one signature per format/level the profile declares, PIN typed once, the trace of it all. */
export interface SignOnceEvidence {
  outputs: SignedOutput[];
  /** Kinds asked for that produced no signature: what the application did instead. */
  failures?: FailedSigning[];
  /** The CA certificates uyum's own card held besides the signer's (labels; empty: the signer's certificates
   *  only), so a probe knows whether the chain a signature carries could have come from the card; absent with a
   *  vendor's card, whose contents uyum did not write. */
  cardChain?: string[];
  trace: TraceEvidence;
}

/** sign-several: several documents signed in a row, as a user would, to see how often the card asks for the PIN. */
export interface SignSeveralEvidence {
  /** How many signatures the session asked the application for. */
  requested: number;
  outputs: SignedOutput[];
  failures?: FailedSigning[];
  trace: TraceEvidence;
}

/** One vector given to the application's verifier: what a correct verifier says, what the app said, what uyum says. */
export interface VerifierRow {
  /** the vector's id in the manifest of the campaign's vector set */
  vector: string;
  /** KAMU SM scenario number as they write it ("5", "16_1", "39_s", "P4_4") or uyum's class; see `kamusm` */
  scenario: string;
  kamusm: boolean;
  tags: string[];
  format: string;
  packaging: string;
  level: string;
  profile: string;
  validationTime: string;
  expected: { indication: Indication; subIndication?: SubIndication };
  /** the application's verdict as the driver (and the profile's mapping) read it, and its own words */
  app: { verdict: AppVerdict; text: string; ended?: string };
  /** uyum's validator on the same vector at the same time, and the catalogue check ids that did not pass */
  uyum: { indication: Indication; subIndication?: SubIndication; failedChecks: string[] };
  /** where this row's own evidence is (the app's output for it) */
  ref?: EvidenceRef;
}

/** verify-vectors: every vector whose format, packaging, level and profile the application declares, given to its
 *  verifier with the PKI's services at the vector's validation time; the agreement matrix. */
export interface VerifyVectorsEvidence {
  rows: VerifierRow[];
  /** vectors not given to the application, each with why (a format or level it does not declare) */
  notDeclared: { vector: string; scenario: string; reason: Text }[];
  /** whether the driver could tell the application the validation time; if not, it verified at its own "now" */
  timeTold: boolean;
  /** the whole matrix (vector × expected × app × uyum) as stored evidence */
  matrix: EvidenceRef;
  /** why no vector could be given at all (the driver offers no verifier, none is in a declared format) */
  unavailable?: Text;
  /** an --only campaign whose verifier items needed only some vectors: their selectors (agreement probes' vectors
   *  and controls); only the vectors they pick were given or listed. Absent: every declared vector */
  selected?: string[];
}

/** One screen of a screen session, as stored: its DOM text and its screenshot. */
export interface ScreenStepRef {
  step: string;
  page: "app" | "agent-window";
  url: string;
  text: EvidenceRef;
  screenshot: EvidenceRef;
  /** the DOM text inline, for the judges (absent in campaigns stored before it was kept) */
  domText?: string;
}

/** window-review, cancel-at-warning, idle-timeout: one signing walked through the page and the agent's window. */
export interface ScreenSessionEvidence {
  kind: { format: string; level: string };
  fileName: string;
  /** the document given to the page, and its SHA-256 */
  document: EvidenceRef;
  documentSha256: string;
  /** the document as text (the screen sessions sign a text document) */
  documentText: string;
  steps: ScreenStepRef[];
  /** what the window's document step showed; null when it showed none */
  documentView: DocumentView | null;
  /** what the window showed right before the card (absent: it never got there) */
  confirmView?: ConfirmView;
  cancelled?: boolean;
  idledMs?: number;
  /** the idle timeout the profile declares (idle-timeout) */
  idleTimeoutMs?: number;
  outcome: ScreenOutcome;
  signature?: EvidenceRef;
  /** the signature's signing certificate, as uyum read it from the signature */
  signer?: { subject: string; issuer: string; serialHex: string; notBefore: string; notAfter: string };
  /** OIDs of the signed attributes of the signature's first signer */
  signedAttributes?: string[];
  /** SHA-256 of the content the signature carries (CAdES with content inside): the bytes actually signed */
  signedContentSha256?: string;
  /** the pages' HTTP exchanges, PIN masked */
  exchanges: EvidenceRef;
  /** requests of the application's page whose raw text carried the PIN (it left the agent's window) */
  pinInPage: { method: string; url: string }[];
  trace: TraceEvidence;
  ms: number;
}

/** window-signed-document: a document already signed by someone not on the card (an attached CAdES-BES uyum made)
 *  given to the signing window; `document` is that signature file, `documentText` the signed content inside it. */
export interface SignedDocumentEvidence extends ScreenSessionEvidence {
  given: {
    /** the attached CAdES-BES given to the window (the same bytes as `document`) */
    signature: EvidenceRef;
    /** the test PKI entity that signed it (not on the card) */
    label: string;
    /** its signers, as uyum reads them from the file: the names the window must show */
    signers: { name: string; subject: string; serialHex: string }[];
  };
}

/** What uyum knows of a vector a verifier should show: each signature (depth first) and the signed text. */
export interface ShownFacts {
  signatures: {
    /** 1-based number of the signature this one countersigns (serial signatures) */
    counterSignatureOf?: number;
    cert?: CertFacts;
    signingTime?: string;
    policy?: string;
    timestamps: { kind: string; genTime?: string }[];
  }[];
  /** the signed document as text, when it is text (never for a PDF) */
  contentText?: string;
  detached: boolean;
}

/** One vector given to the application's verification page. */
export interface VerifyScreenRow {
  vector: string;
  scenario: string;
  tags: string[];
  format: string;
  packaging: string;
  level: string;
  validationTime: string;
  expected: { indication: Indication; subIndication?: SubIndication };
  /** uyum's validator on the same file at the same time */
  uyum: { indication: Indication; subIndication?: SubIndication };
  facts: ShownFacts;
  app: {
    verdict: AppVerdict;
    text: string;
    /** what the page could be given: the detached document, the reference time, an extra root */
    took: { detached: boolean; time: boolean; trust: boolean };
    error?: string;
  };
  /** the page after verifying: DOM text (also inline, for the judges) and screenshot */
  screen?: { text: EvidenceRef; screenshot: EvidenceRef; domText: string };
  /** the report the page let the user save */
  report?: { name: string; ref: EvidenceRef; text: string };
}

/** verify-screens: chosen vectors given to the application's verification page, each screen kept. */
export interface VerifyScreensEvidence {
  rows: VerifyScreenRow[];
  notDeclared: { vector: string; scenario: string; reason: Text }[];
  /** why nothing could be given (no verification page, no declared vector) */
  unavailable?: Text;
}

/** agent-exposure: the agent's listeners, its answer to a foreign origin, a replayed signed request. */
export type AgentExposureEvidence = { observed: false } | { observed: true; exposure: AgentExposure; ref: EvidenceRef };

// ---- wrong-pin-once ----
export interface WrongPinOnceEvidence {
  /** the kind asked for (the profile's first) */
  requested?: { format: string; level: string };
  wrong?: AppAttempt;
  right?: AppAttempt;
  /** PIN tries the card had left after the wrong PIN (the card's own counter) */
  triesLeftAfterWrong?: number;
  pinMaxTries: number;
  trace: TraceEvidence;
}
// ---- wrong-pin-until-locked ----
export interface WrongPinUntilLockedEvidence {
  requested?: { format: string; level: string };
  /** the wrong-PIN attempts, in order, until the card's counter reached zero */
  wrong: AppAttempt[];
  /** the card locked (its tries left reached 0) after this many wrong attempts; absent if it never did */
  lockedAfter?: number;
  /** the right PIN, given once the card was locked */
  afterLock?: AppAttempt;
  pinMaxTries: number;
  /** "own-card": a card provisioned for this session only (the campaign's card is untouched); "assessor-card": the
   *  profile's real card, locked with the assessor's leave (card.mayLock) and unblocked with the PUK afterwards */
  card: "own-card" | "assessor-card";
  trace: TraceEvidence;
}
// ---- card-removed ----
export interface CardRemovedEvidence {
  requested?: { format: string; level: string };
  /** what was done to the card, in words */
  fault: string;
  attempt?: AppAttempt;
  trace: TraceEvidence;
}
// ---- bad-documents ----
/** What is wrong with a document of bad-documents: dynamic content, a format error, nothing in it (0 bytes), a
 *  part a text viewer cannot show (a picture), a type the profile does not allow (restrictsDocumentTypes), or a
 *  file name with markup in it (which a signed attribute may carry: 3-5). */
export type BadDocumentKind =
  "dynamic-content" | "malformed" | "empty" | "cannot-show-whole" | "disallowed-type" | "markup-name";
export interface BadDocumentRow {
  id: string;
  kind: BadDocumentKind;
  /** the file name the application was given, when it is the point of the row (markup-name) */
  fileName?: string;
  mediaType: string;
  description: Text;
  document: EvidenceRef;
  attempt: AppAttempt;
}
export interface BadDocumentsEvidence {
  requested?: { format: string; level: string };
  rows: BadDocumentRow[];
  trace: TraceEvidence;
}
// ---- signing-side ----
export interface SigningSideRow {
  /** KAMU SM's id: "QCA1_3", "QCA2", "QCB" */
  kamusm: string;
  pkiLabel: string;
  expected: "sign" | "refuse";
  /** why a conformant application signs or refuses (the scenario) */
  reason: Text;
  outsideApiScope?: boolean;
  attempt: AppAttempt;
}
export interface SigningSideEvidence {
  requested?: { format: string; level: string };
  rows: SigningSideRow[];
  /** scenarios the campaign PKI has no certificate for */
  missing: string[];
  card: "own-card";
  trace: TraceEvidence;
}
// ---- services-down ----
export type ServiceDown = "tsa" | "revocation";
export interface ServicesDownCase {
  down: ServiceDown;
  /** the services made to answer 503 */
  targets: string[];
  attempt: AppAttempt;
}
export interface ServicesDownEvidence {
  cases: ServicesDownCase[];
  /** cases not run, each with why (no T-level kind declared) */
  skipped: { down: ServiceDown; why: string }[];
  trace: TraceEvidence;
}

// ---- several-keys ----
/** One key of the card, with the certificate stored under its label. */
export interface CardKeyRow {
  label: string;
  /** CKA_ID, hex */
  id: string;
  subject: string;
  serialHex: string;
}
/** One signing with a chosen key. */
export interface KeyChoiceRow {
  /** the label of the key the application was asked to sign with */
  chosen: string;
  /** how the driver told the application (or why it could not) */
  choice?: KeyChoice;
  attempt: AppAttempt;
  /** the keys the card's trace shows C_Sign used during this signing (label, CKA_ID, trace seq), in order */
  signedWith: { label?: string; id?: string; seq: number }[];
}
export interface SeveralKeysEvidence {
  requested?: { format: string; level: string };
  /** the keys (and certificates) on the card */
  keys: CardKeyRow[];
  /** one signing per chosen key, two different keys: an application that always takes the same key (the card's
   *  first, its last, …) signs at least one of them with another */
  rows: KeyChoiceRow[];
  /** why nothing was asked (fewer than two keys on the card, no signing face) */
  skipped?: string;
  trace: TraceEvidence;
}

// ---- pin-each-access ----
/** One signing of pin-each-access: the PIN the driver handed over, what the app did, its span of the trace. */
export interface PinEachAccessRow {
  pin: "right" | "wrong";
  attempt: AppAttempt;
  /** the trace seq of this signing's first and last call (absent: the card saw no call) */
  traceFrom?: number;
  traceTo?: number;
}
export interface PinEachAccessEvidence {
  requested?: { format: string; level: string };
  /** right PIN, wrong PIN, right PIN, for three documents */
  rows: PinEachAccessRow[];
  trace: TraceEvidence;
}
// ---- multi-application ----
/** One token (application) of the session's card, and the slot the card lists it in. */
export interface CardApplicationRow {
  label: string;
  /** the slot id the card's module gives this token (the trace's C_OpenSession slot) */
  slot: number;
  /** the signature application the app must select, or another application of the card */
  role: "signing" | "other";
  /** CKA_LABEL of its keys */
  keys: string[];
}
export interface MultiApplicationEvidence {
  requested?: { format: string; level: string };
  /** the card's tokens in the order the card lists them: another application first */
  applications: CardApplicationRow[];
  attempt?: AppAttempt;
  /** why nothing was asked (no signing face, the PKI has too few keys for two applications) */
  skipped?: string;
  card: "own-card";
  trace: TraceEvidence;
}
// ---- change-pin ----
export interface ChangePinEvidence {
  /** how the driver changes the PIN (the profile's template), or absent: the profile names none */
  offered?: { how: string };
  attempt?: AppAttempt;
  /** whether the card took the new PIN afterwards, and the old one no more (uyum's own login, not traced) */
  newPinWorks?: boolean;
  oldPinWorks?: boolean;
  card: "own-card";
  trace: TraceEvidence;
}

// ---- certificate-changed ----
export interface CardCertificateRow {
  label: string;
  subject: string;
  serialHex: string;
}
export interface CertificateChangedEvidence {
  requested?: { format: string; level: string };
  /** the card's certificate at the first signing, and the one of the renewed card at the second */
  before?: CardCertificateRow;
  after?: CardCertificateRow;
  first?: AppAttempt;
  second?: AppAttempt;
  /** certificate values read from the card (C_GetAttributeValue CKA_VALUE) during each signing */
  certificateReads?: { first: number; second: number };
  /** the last trace seq before the card was renewed */
  renewedAfterSeq?: number;
  skipped?: string;
  card: "own-card";
  trace: TraceEvidence;
}
// ---- verify-degraded ----
/** A state of the PKI's services while the application verifies (harness/pki fault injection). */
export type DegradedCondition =
  | "services-up"
  | "crl-down"
  | "ocsp-down"
  | "revocation-down"
  | "revocation-slow"
  | "crl-stale"
  | "ocsp-stale"
  | "tsa-down"
  | "all-down";

/** One valid vector verified under one condition: what the app said, how long it took, what uyum says then. */
export interface DegradedRow {
  vector: string;
  scenario: string;
  format: string;
  level: string;
  profile: string;
  /** where the vector's revocation data is: fetched from the services ("live") or inside the file ("embedded") */
  revocationSource: "live" | "embedded";
  condition: DegradedCondition;
  /** the faults in force, as "target: fault" */
  faults: string[];
  /** true when the condition leaves no usable revocation data reachable (whatever a verifier does) */
  deprives: boolean;
  /** revocation-slow: how many held-back answers the services still sent while the condition ran (a verifier
   *  that waited long enough had its data; with 0 none had) */
  lateAnswers?: number;
  validationTime: string;
  app: { verdict: AppVerdict; text: string; ended?: string; elapsedMs: number };
  /** uyum's validator on the same bytes, same time, same services (its own fetch timeout) */
  uyum: { indication: Indication; subIndication?: SubIndication; failedChecks: string[] };
  ref?: EvidenceRef;
}

/** verify-degraded: valid vectors given to the application's verifier with the revocation services down, slow or
 *  stale and the TSA down; the matrix (vector × condition × app × uyum). */
export interface VerifyDegradedEvidence {
  rows: DegradedRow[];
  /** the delay of the "revocation-slow" condition */
  slowDelayMs: number;
  timeTold: boolean;
  matrix: EvidenceRef;
  /** why nothing could be given (no verifying face, no valid vector in a declared kind) */
  unavailable?: Text;
}

// ---- bad-timestamps ----
/** What the campaign's TSA was made to answer with: a good token (the control), or a bad one. */
export type TimestampFault = "none" | "forged-signature" | "wrong-imprint" | "untrusted-tsa" | "expired-tsa";
export interface BadTimestampCase {
  fault: TimestampFault;
  /** the fault, in words */
  description: Text;
  attempt: AppAttempt;
}
export interface BadTimestampsEvidence {
  /** the control (fault "none") first, then one case per bad token, each with a time-stamped kind in turn */
  cases: BadTimestampCase[];
  /** faults not tried, each with why (the PKI has no such TSA) */
  notTried: { fault: TimestampFault; why: string }[];
  /** why nothing ran (the profile declares no time-stamped level) */
  skipped?: string;
  trace: TraceEvidence;
}

/** uyum's validator on one output, in short (the whole report is stored beside it). */
export interface ValidationSummary {
  indication: Indication;
  subIndication?: SubIndication;
  level: string;
  signatures: number;
  failedChecks: string[];
}

/** One thing the application was asked to make: its own first signature ("sign"), or an operation on one. */
export interface ProducedStep {
  operation: ProduceOperation | "sign";
  format: string;
  /** the level asked for (upgrade) or signed (sign) */
  to?: string;
  /** the level of the signature it was given ("document" for the first signature) */
  from: string;
  input?: EvidenceRef;
  /** how the command ended when it failed or wrote nothing */
  ended?: string;
  stdout?: EvidenceRef;
  stderr?: EvidenceRef;
  output?: EvidenceRef;
  /** with live revocation from the campaign PKI */
  validation?: ValidationSummary;
  /** on the signature's own embedded data alone (long-term levels) */
  offline?: ValidationSummary;
  report?: EvidenceRef;
  /** what the output carries for later verifications (its first signature, as uyum's validator read it) */
  embedded?: Pick<Inspection, "certificateValues" | "revocationValues" | "certificateRefs" | "revocationRefs">;
  archiveTimestampsBefore?: number;
  archiveTimestampsAfter?: number;
}

/** upgrade, add-signatures, archive-renewal: what the profile offers and each step the session took. */
export interface ProduceSessionEvidence {
  offered: ProduceRequest[];
  steps: ProducedStep[];
}

/** One request to take the base signature to the long-term level, inside or after its profile's grace period. */
export interface GraceUpgradeAttempt {
  when: "in-grace" | "after-grace";
  /** the services' clock when the application was asked (the time it can fetch revocation data for) */
  askedAt: string;
  step: ProducedStep;
  /** the revocation data the output carries for the signer's certificate (none: the output embeds none) */
  signerRevocation?: EmbeddedRevocation[];
}

/** upgrade-grace: a Turkish-profile signature taken to X-L / B-LT at once and again after its grace period. */
export interface UpgradeGraceEvidence {
  /** the profile's upgrade to the long-term level; absent: the application declares none */
  offered?: ProduceRequest;
  base?: ProducedStep;
  /** the base signature's profile as uyum's validator reads it (P2, P3, P4) */
  profile?: string;
  /** its best signature time (the signature time-stamp, else the signing-time): where the grace period starts */
  signatureTime?: string;
  /** the profile's grace period (harness/ades GRACE) */
  graceMs: number;
  attempts: GraceUpgradeAttempt[];
  /** why nothing was asked (no signature in a Turkish profile to start from) */
  skipped?: Text;
}

/** Evidence by session id: the one map that types what `given.<session>` holds in a probe. */
export interface SessionEvidence {
  "sign-once": SignOnceEvidence;
  "sign-several": SignSeveralEvidence;
  "verify-vectors": VerifyVectorsEvidence;
  "window-review": ScreenSessionEvidence;
  "window-review-xml": ScreenSessionEvidence;
  "window-signed-document": SignedDocumentEvidence;
  "cancel-at-warning": ScreenSessionEvidence;
  "idle-timeout": ScreenSessionEvidence;
  "agent-exposure": AgentExposureEvidence;
  "wrong-pin-once": WrongPinOnceEvidence;
  "wrong-pin-until-locked": WrongPinUntilLockedEvidence;
  "card-removed": CardRemovedEvidence;
  "bad-documents": BadDocumentsEvidence;
  "signing-side": SigningSideEvidence;
  "services-down": ServicesDownEvidence;
  "several-keys": SeveralKeysEvidence;
  "verify-degraded": VerifyDegradedEvidence;
  "verify-screens": VerifyScreensEvidence;
  "bad-timestamps": BadTimestampsEvidence;
  "pin-each-access": PinEachAccessEvidence;
  "multi-application": MultiApplicationEvidence;
  "change-pin": ChangePinEvidence;
  "certificate-changed": CertificateChangedEvidence;
  upgrade: ProduceSessionEvidence;
  "add-signatures": ProduceSessionEvidence;
  "archive-renewal": ProduceSessionEvidence;
  "upgrade-grace": UpgradeGraceEvidence;
}

/** Sessions only a driver with a screen can run: with another driver their items are not assessed, saying so. */
export const SCREEN_SESSIONS: ReadonlySet<SessionId> = new Set<SessionId>([
  "window-review",
  "window-review-xml",
  "window-signed-document",
  "cancel-at-warning",
  "idle-timeout",
  "agent-exposure",
  "verify-screens",
]);

export type SessionId = keyof SessionEvidence;

export const SESSIONS: Record<SessionId, { what: Text }> = {
  "sign-once": {
    what: {
      tr: "Profilin bildirdiği her biçim ve seviye için bir belge bir kez imzalanır; erişim verisi bir kez girilir.",
      en: "A document is signed once for each format and level the profile declares; the PIN is entered once.",
    },
  },
  "sign-several": {
    what: {
      tr: "Bir kullanıcı gibi art arda birkaç belge imzalanır; kartın erişim verisini ne sıklıkla istediği izlenir.",
      en: "Several documents are signed in a row, as a user would, watching how often the card asks for the PIN.",
    },
  },
  "verify-vectors": {
    what: {
      tr: "Uygulamanın doğrulayıcısına, bildirdiği biçimlerdeki her test imzası (KAMU SM senaryoları) kendi doğrulama zamanında verilir; kararı beklenenle ve uyum'un kararıyla karşılaştırılır.",
      en: "The application's verifier is given every test signature (KAMU SM scenarios) in the formats it declares, at the vector's validation time; its verdict is compared with the expected one and with uyum's.",
    },
  },
  "window-review": {
    what: {
      tr: "Belge, uygulamanın sayfası ve imza ajanının kendi penceresi üzerinden bir kez imzalanır; her adımın ekranı (metin ve ekran görüntüsü), sayfanın HTTP alışverişleri ve kartın izi saklanır.",
      en: "A document is signed once through the application's page and the signer agent's own window; every step's screen (text and screenshot), the page's HTTP exchanges and the card's trace are kept.",
    },
  },
  "window-review-xml": {
    what: {
      tr: "Bir XML belgesi (öznitelikte para birimi, CDATA içinde açılı ayraçlar) imza penceresinde karta kadar gösterilir, sonra vazgeçilir; pencerenin XML'i nasıl gösterdiği saklanır.",
      en: "An XML document (the currency in an attribute, angle brackets in a CDATA section) is shown in the signing window up to the card, then cancelled; how the window shows the XML is kept.",
    },
  },
  "window-signed-document": {
    what: {
      tr: "Kartta olmayan bir imzacının (test PKI'den geçerli bir NES) önceden imzaladığı bir belge (içerikli CAdES-BES, uyum'un imzası) imza penceresine verilir, karta kadar gösterilir, sonra vazgeçilir; pencerenin belgeyi ve üzerindeki imzaları nasıl gösterdiği saklanır.",
      en: "A document already signed by a signer who is not on the card (a valid NES of the test PKI; an attached CAdES-BES made by uyum) is given to the signing window, shown up to the card, then cancelled; how the window shows the document and the signatures on it is kept.",
    },
  },
  "cancel-at-warning": {
    what: {
      tr: "İmzacı, nitelikli imza uyarısının gösterildiği adımda vazgeçer; imza atılmadığı ve kartta C_Sign çağrılmadığı izlenir.",
      en: "The signer cancels at the step showing the qualified-signature warning; no signature and no C_Sign on the card are expected.",
    },
  },
  "idle-timeout": {
    what: {
      tr: "İmzacı, imza penceresini profilin bildirdiği zaman aşımından uzun süre boş bırakır, sonra imzalamayı dener.",
      en: "The signer leaves the signing window idle longer than the timeout the profile declares, then tries to sign.",
    },
  },
  "agent-exposure": {
    what: {
      tr: "İmza ajanının makinedeki açıklığı: dinlediği adresler, yabancı bir kaynağın (Origin) isteğine yanıtı, imzalı bir isteğin yeniden gönderilmesi.",
      en: "The signer agent's exposure on the machine: the addresses it listens on, its answer to a foreign Origin, a signed request sent again.",
    },
  },
  "wrong-pin-once": {
    what: {
      tr: "Bir belge önce hatalı erişim verisiyle (PIN), sonra doğrusuyla imzalatılır; uygulamanın ne dediği ve kartın izi kaydedilir.",
      en: "A document is signed first with a wrong PIN, then with the right one; what the application says and the card's trace are recorded.",
    },
  },
  "wrong-pin-until-locked": {
    what: {
      tr: "Oturuma ait bir kartta, kart PIN'i bloke edene dek hatalı PIN verilir, sonra doğru PIN; uygulamanın blokeyi bildirip bildirmediği ve giriş denemeyi sürdürüp sürdürmediği izlenir.",
      en: "On a card of the session's own, wrong PINs are given until the card locks the PIN, then the right one; whether the application says the PIN is locked and whether it keeps logging in is watched.",
    },
  },
  "card-removed": {
    what: {
      tr: "İmza sırasında kart okuyucudan çıkarılır (C_Sign'da CKR_DEVICE_REMOVED); uygulamanın mesajla hata verip vermediği, imza yazıp yazmadığı, takılıp takılmadığı kaydedilir.",
      en: "The card leaves the reader while signing (CKR_DEVICE_REMOVED at C_Sign); whether the application fails with a message, writes a signature, or hangs is recorded.",
    },
  },
  "bad-documents": {
    what: {
      tr: "Dinamik içerikli (betikli HTML, gömülü dosyalı PDF, makrolu Word) ve bozuk (kesik PDF, iyi biçimli olmayan XML) belgeler imzalatılır; uygulamanın reddedip reddetmediği veya uyarıp uyarmadığı kaydedilir.",
      en: "Documents with dynamic content (HTML with a script, a PDF with an embedded file, a Word file with a macro) and malformed ones (a truncated PDF, XML that is not well-formed) are given to sign; whether the application refuses or warns is recorded.",
    },
  },
  "signing-side": {
    what: {
      tr: "KAMU SM'nin imza tarafı sertifika senaryoları (süresi dolmuş, iptal edilmiş, nitelikli olmayan, sahte imzalı, SİL/OCSP sorunlu…) oturuma ait bir kartta; uygulamaya her sertifikayla bir kez imzalatılır, PKI servisleri canlı.",
      en: "KAMU SM's signing-side certificate scenarios (expired, revoked, not qualified, forged, CRL/OCSP problems…) on a card of the session's own; the application is asked to sign once with each certificate, the PKI's services live.",
    },
  },
  "services-down": {
    what: {
      tr: "İmza sırasında zaman damgası servisi, sonra SİL ve OCSP servisleri yanıt vermez (503); uygulamanın hata verip vermediği veya sahip olmadığı bir zaman damgasını iddia eden bir imza yazıp yazmadığı kaydedilir.",
      en: "While signing, the time-stamp service, then the CRL and OCSP services are down (503); whether the application fails or writes a signature claiming a time-stamp it does not have is recorded.",
    },
  },
  "several-keys": {
    what: {
      tr: "Kartta birden çok imza anahtarı (ve sertifikası) varken uygulamadan ilki olmayan bir anahtarla imzalaması istenir; kartın izinde C_Sign'ın hangi anahtarı kullandığı ve imzanın hangi sertifikayı andığı kaydedilir.",
      en: "With several signing keys (and certificates) on the card, the application is asked to sign with one that is not the first; which key C_Sign used (the card's trace) and which certificate the signature names are recorded.",
    },
  },
  "verify-degraded": {
    what: {
      tr: "Geçerli test imzaları uygulamanın doğrulayıcısına SİL ve OCSP servisleri kapalı, yavaş ya da bayat yanıt verirken ve zaman damgası servisi kapalıyken verilir; iptal bilgisi alınamadığında imzaya geçerli denip denmediği ve nedeninin söylenip söylenmediği kaydedilir.",
      en: "Valid test signatures are given to the application's verifier while the CRL and OCSP services are down, slow or stale and the time-stamp service is down; whether it calls a signature valid for want of revocation data, and whether it says why, is recorded.",
    },
  },
  "verify-screens": {
    what: {
      tr: "Seçilmiş test imzaları (iyi CAdES/XAdES/PAdES, ayrık, zaman damgalı, seri ve paralel imzalı, iptal edilmiş, para limitli ve kullanım kısıtlı sertifikalı) uygulamanın doğrulama sayfasına verilir; her sonucun ekranı (metin ve ekran görüntüsü) ve sayfanın kaydettirdiği rapor saklanır.",
      en: "Chosen test signatures (good CAdES/XAdES/PAdES, detached, time-stamped, serial and parallel, revoked, with a monetary limit and with a usage restriction) are given to the application's verification page; each result's screen (text and screenshot) and the report the page lets the user save are kept.",
    },
  },
  "bad-timestamps": {
    what: {
      tr: "Kampanyanın zaman damgası sunucusu önce geçerli, sonra hatalı belirteçler döndürür (sahte imzalı, yanlış özetli, güvenilmeyen köke zincirlenen ZD, süresi dolmuş ZD sertifikası) ve uygulamadan zaman damgalı seviyede imza istenir; uygulamanın belirteci denetleyip reddetmesi beklenir, yazdığı her imza uyum'un doğrulayıcısıyla doğrulanır.",
      en: "The campaign's time-stamp server answers first with a good token, then with bad ones (forged signature, wrong imprint, a TSA chained to an untrusted root, an expired TSA certificate) while the application signs at a time-stamped level; it is expected to check the token and refuse, and any signature it writes is validated by uyum's validator.",
    },
  },
  upgrade: {
    what: {
      tr: "Uygulamanın kendi BES / B-B imzası, profildeki yükseltme komutlarıyla sırayla T, X-L, A / B-LT, B-LTA seviyelerine yükseltilir; her çıktı uyum'un doğrulayıcısıyla (canlı iptal verisiyle ve yalnızca gömülü veriyle) doğrulanır, seviyesi kaydedilir.",
      en: "The application's own BES / B-B signature is upgraded step by step with the profile's upgrade commands to T, X-L, A / B-LT, B-LTA; each output is validated by uyum's validator (with live revocation, and on its embedded data alone) and its level recorded.",
    },
  },
  "upgrade-grace": {
    what: {
      tr: "Uygulamanın Türk profilli (P2/P3/P4) imzası, profildeki X-L / B-LT yükseltme komutuyla önce hemen (ertelenme süresi içinde), sonra servislerin saati ertelenme süresinin ötesine alınıp yeni SİL yayımlandıktan sonra yükseltilir; her çıktının imzacı sertifikası için gömdüğü SİL/OCSP'nin yayım zamanı kaydedilir.",
      en: "The application's Turkish-profile (P2/P3/P4) signature is upgraded with the profile's X-L / B-LT command at once (inside the grace period), then again with the services' clock moved past the grace period and a new CRL published; when each output's embedded CRL/OCSP for the signer's certificate was issued is recorded.",
    },
  },
  "add-signatures": {
    what: {
      tr: "Uygulamanın kendi imzasına, profildeki komutlarla paralel ve seri (karşı) imza eklenir; her çıktı uyum'un doğrulayıcısıyla doğrulanır.",
      en: "A parallel and a serial (counter) signature are added to the application's own signature with the profile's commands; each output is validated by uyum's validator.",
    },
  },
  "archive-renewal": {
    what: {
      tr: "Uygulamanın A / B-LTA seviyesindeki imzasına yeni bir arşiv zaman damgası ekletilir; çıktı canlı ve yalnızca gömülü veriyle doğrulanır, arşiv zaman damgası sayısı karşılaştırılır.",
      en: "The application adds a new archive time-stamp to its A / B-LTA signature; the output is validated live and on its embedded data alone, and its archive time-stamps counted.",
    },
  },
  "pin-each-access": {
    what: {
      tr: "Uygulama doğru PIN ile bir belge imzalar, sonraki belge için ona hatalı PIN verilir, sonra yine doğrusu; kartın izinde hatalı PIN'in karta ulaşıp ulaşmadığı (CKR_PIN_INCORRECT) ya da kartın kullanıcının vermediği bir PIN'le açılıp açılmadığı izlenir.",
      en: "The application signs a document with the right PIN, is handed a wrong PIN for the next one, then the right one again; the card's trace shows whether the wrong PIN reached the card (CKR_PIN_INCORRECT) or the card was opened with a PIN the user did not give.",
    },
  },
  "multi-application": {
    what: {
      tr: "Oturuma ait kartta imza uygulamasından önce listelenen başka bir uygulama (ayrı bir jeton, kendi anahtarı ve sertifikasıyla) bulunur; uygulamaya bir kez imzalatılır, kartın izinde hangi uygulamada oturum açıp imzaladığı izlenir.",
      en: "The session's own card lists another application (a token of its own, with its own key and certificate) before the signing one; the application signs once and the card's trace shows which application it logged into and signed with.",
    },
  },
  "change-pin": {
    what: {
      tr: "Oturuma ait kartta uygulamanın PIN değiştirme komutu eski ve yeni PIN ile (standart girdiden) çalıştırılır; kartın izinde C_SetPIN ve ardından yeni PIN'in kabul edildiği denetlenir.",
      en: "On a card of the session's own, the application's PIN-change command runs with the old and the new PIN (on standard input); the card's trace is searched for C_SetPIN, and the new PIN is checked to open the card.",
    },
  },
  "certificate-changed": {
    what: {
      tr: "Oturuma ait kartla bir kez imzalanır; sonra kart, aynı jeton adı, PIN ve anahtar kimliğiyle başka bir anahtar ve sertifika taşıyan bir kartla değiştirilir (yenilenmiş kart) ve yeniden imzalanır; uygulamanın karttan sertifikayı ne sıklıkla okuduğu ve ikinci imzanın hangi sertifikayı andığı kaydedilir.",
      en: "A document is signed with a card of the session's own; then the card is replaced by one with the same token label, PIN and key id holding another key and certificate (a renewed card) and another document is signed; how often the application read the certificate from the card and which certificate the second signature names are recorded.",
    },
  },
};

export function isSessionId(id: string): id is SessionId {
  return Object.hasOwn(SESSIONS, id);
}
