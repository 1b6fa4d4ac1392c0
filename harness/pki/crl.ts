// CRLs (RFC 5280 §5), deterministic: contents depend only on the PKI and the given times.
import { entityKey } from "./build.ts";
import { enumerated, explicit, int, seq, tlv, x509Time, type Der } from "../asn1/der.ts";
import { OID } from "../asn1/oids.ts";
import { REASON_CODE, type CrlDef, type CrlFault, type Pki, type RevocationReason } from "./types.ts";
import { ext, keyIdentifier, signTbs } from "./x509.ts";
import { signatureAlgorithm } from "./keys.ts";

export interface RevokedEntry {
  serialHex: string;
  date: Date;
  reason?: RevocationReason;
}
export interface CrlOptions {
  thisUpdate: Date;
  nextUpdate: Date;
  revoked: RevokedEntry[];
  fault?: CrlFault;
  /** for fault wrong-issuer: which CA signs instead (default: the issuer's issuer, else another CA) */
  wrongIssuerLabel?: string;
}

const DAY = 86_400_000;

export function makeCrl(pki: Pki, issuerLabel: string, o: CrlOptions): Uint8Array {
  let signerEntity = pki.get(issuerLabel);
  if (o.fault === "wrong-issuer") {
    const other =
      o.wrongIssuerLabel ??
      (signerEntity.issuerLabel && signerEntity.issuerLabel !== issuerLabel ? signerEntity.issuerLabel : undefined) ??
      [...pki.entities.values()].find((e) => (e.role === "root" || e.role === "subroot") && e.label !== issuerLabel)
        ?.label;
    if (!other) throw new Error(`makeCrl: no other CA to act as the wrong issuer of ${issuerLabel}'s CRL`);
    signerEntity = pki.get(other);
  }
  let { thisUpdate, nextUpdate } = o;
  if (o.fault === "expired") {
    // the same window, moved so that it ended a day before the requested thisUpdate
    const span = nextUpdate.getTime() - thisUpdate.getTime();
    nextUpdate = new Date(thisUpdate.getTime() - DAY);
    thisUpdate = new Date(nextUpdate.getTime() - span);
  }
  const key = entityKey(signerEntity);
  const entries = [...o.revoked]
    .sort((a, b) => a.date.getTime() - b.date.getTime() || a.serialHex.localeCompare(b.serialHex))
    .map((r) =>
      // RFC 5280 5.3.1: the reasonCode extension is left out rather than carry "unspecified"
      seq(
        int(r.serialHex),
        x509Time(r.date),
        r.reason && r.reason !== "unspecified" && seq(ext(OID.crlReason, false, enumerated(REASON_CODE[r.reason]))),
      ),
    );
  const tbs: Der = seq(
    int(1),
    signatureAlgorithm(key.algorithm, "SHA-256"),
    signerEntity.subjectDer,
    x509Time(thisUpdate),
    x509Time(nextUpdate),
    entries.length > 0 && seq(...entries),
    explicit(
      0,
      seq(
        ext(OID.authorityKeyIdentifier, false, seq(tlv(0x80, keyIdentifier(key)))),
        ext(OID.crlNumber, false, int(Math.floor(thisUpdate.getTime() / 1000))),
      ),
    ),
  );
  return signTbs(tbs, key, o.fault === "forged-signature");
}

/** The revoked entries a CA's CRL lists at `at` (revocations dated at or before `at`, via "crl"). */
export function revokedFor(pki: Pki, issuerLabel: string, at: Date): RevokedEntry[] {
  const out: RevokedEntry[] = [];
  for (const e of pki.entities.values()) {
    if (e.issuerLabel !== issuerLabel || !e.revocation || !e.revocation.via.includes("crl")) continue;
    if (e.revocation.date.getTime() > at.getTime()) continue;
    out.push({ serialHex: e.serialHex, date: e.revocation.date, reason: e.revocation.reason });
  }
  return out;
}

/** A declared CRL as published at `at`: thisUpdate = at, nextUpdate = at + validity, with the def's fault. */
export function crlAt(
  pki: Pki,
  def: CrlDef,
  at: Date,
  extra: { fault?: CrlFault; stale?: boolean; issuedAt?: Date } = {},
): Uint8Array {
  const span = def.validityHours * 3_600_000;
  let thisUpdate = at;
  // "stale": published long ago, past nextUpdate (or at `issuedAt`, listing only what was revoked by then)
  if (extra.stale) thisUpdate = extra.issuedAt ?? new Date(at.getTime() - 2 * span);
  return makeCrl(pki, def.issuerLabel, {
    thisUpdate,
    nextUpdate: new Date(thisUpdate.getTime() + span),
    revoked: revokedFor(pki, def.issuerLabel, extra.issuedAt && extra.stale ? thisUpdate : at),
    fault: extra.fault ?? def.fault,
  });
}
