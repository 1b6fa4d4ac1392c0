// What every session is given: where to store evidence, the profile, the card and its PIN, the campaign's PKI,
// the application's faces (drivers/face.ts), and a progress line. Sessions never know which driver signs.
import type { CardInfo } from "../card/index.ts";
import type { ApplicationFaces } from "../drivers/face.ts";
import type { AppProfile } from "../profile/types.ts";
import type { EvidenceKind, EvidenceRef } from "./evidence.ts";

export interface EvidenceSink {
  put(kind: EvidenceKind, bytes: Uint8Array | string, ext: string): EvidenceRef;
}

export interface SessionContext {
  evidence: EvidenceSink;
  profile: AppProfile;
  card: CardInfo;
  /** PEM of the campaign PKI's root: the trust anchor signatures are validated against */
  rootPem: string;
  /** what the profile's driver lets a session do with the application (drivers/open.ts) */
  app: ApplicationFaces;
  progress(line: string): void;
  /** a directory the session may write its working files in (removed after the run); absent: it makes its own */
  workDir?: string;
}
