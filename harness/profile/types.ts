// The app profile: what an assessor or vendor writes to describe one application (see app-profile.schema.json).
import type { Capabilities } from "./capabilities.ts";

export type Answer = string | { selected?: number[]; text?: string; note?: string };

export interface AppProfile {
  app: { name: string; version: string; vendor?: string };
  assesses: ("creation" | "verification")[];
  software?: string[];
  driver?: { kind: "web" | "cli" | "http" | "agent"; settings?: Record<string, unknown> };
  /** the signer's card: absent, a fresh virtual card; pkcs11, the assessor's own card behind its vendor module */
  card?: RealCard;
  /** flawed variants: their data file (relative to the profile) and the switch selecting one */
  variants?: { file: string; env?: string; flag?: string };
  capabilities?: Capabilities;
  answers?: Record<string, Answer>;
  declarations?: Record<string, { accepted: boolean; statement?: string; selected?: number[] }>;
  /** Where it was read from (as displayed), for messages and reports. */
  file: string;
}

/** The assessor's own card in a PC/SC reader, through its vendor's PKCS#11 module (app-profile.schema.json). */
export interface RealCard {
  kind: "pkcs11";
  /** the vendor module as resolved against the profile's directory (loadProfile makes it absolute) */
  module: string;
  token?: string;
  reader?: string;
  mayLock?: boolean;
  puk?: { env: string };
  removalTimeoutSeconds?: number;
  /** the root CA of the card's certificates (PEM), made absolute by loadProfile */
  trustAnchor?: string;
}
