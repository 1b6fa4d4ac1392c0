// What every session is given: where to store evidence, the profile, the card and its PIN, the campaign's PKI,
// the application's faces (drivers/face.ts), and a progress line. Sessions never know which driver signs.
import type { CardInfo } from "../card/index.ts";
import type { ApplicationFaces } from "../drivers/face.ts";
import type { Pki, Services } from "../pki/index.ts";
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
  /** the campaign PKI (its directory, its live services, their fault switch and their clock), for sessions that
   *  provoke the application with other certificates, with services down, or later in time (upgrade-grace); absent
   *  where a caller has no live PKI */
  pki?: {
    dir: string;
    baseUrl: string;
    pki: Pki;
    services: Pick<Services, "setFault" | "clearFaults"> & Partial<Pick<Services, "clock">>;
  };
  /** the vectors verify-vectors gives when the campaign's selection (--only) needs only some: the selectors of the
   *  agreement probes planned, and the test that picks a vector; absent: every declared vector */
  vectorSelection?: { selectors: string[]; picks(v: { scenario: string; tags?: string[] }): boolean };
  /** a directory of the run's own, outside the campaign directory (cards of a session's own, documents) */
  workDir?: string;
  /** the application opened again on another card (a session's own), same PKI and driver */
  openWith?(card: CardInfo, workDir: string): Promise<ApplicationFaces>;
}
