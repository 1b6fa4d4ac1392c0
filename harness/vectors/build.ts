// Turning one vector spec into signature bytes: picks the PKI material (chain, revocation data along each
// certificate's own CRL/OCSP pointers, time-stamps), then drives harness/sign for the format and level.
// Everything is a function of the PKI and the spec's times: no clock, no randomness.
import type { Pki, PkiEntity } from "../pki/index.ts";
import { crlAt, makeOcspResponse, makeTimestampToken } from "../pki/index.ts";
import { signerOf } from "../sign/index.ts";
import * as cades from "../sign/cades.ts";
import * as xades from "../sign/xades.ts";
import * as pades from "../sign/pades.ts";
import { flipLast } from "../sign/cades.ts";
import type { Der } from "../asn1/der.ts";
import type { PolicyRef, Signer } from "../sign/common.ts";
import type { Packaging, Profile, SignatureFormat, SignatureLevel } from "./manifest.ts";
import type { TsaFault } from "../pki/index.ts";
import { type HashName } from "../asn1/oids.ts";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export interface SignSpec {
  format: SignatureFormat;
  packaging: Packaging;
  level: SignatureLevel;
  profile: Profile;
  /** the document bytes and its name in the output (detached signatures point at it) */
  document: { bytes: Der; file: string; mediaType: string };
  signer: string;
  hash?: HashName;
  signingTime: Date;
  /** signingTime omitted from the signed attributes (P4_8) */
  noSigningTime?: boolean;
  /** when the signature time-stamp is taken (default signingTime + 5 min) */
  tsTime?: Date;
  policy?: PolicyRef;
  contentHints?: { description?: string; contentType: string };
  /** roles the signer claims (CAdES signer-attributes, 11.7.10-1) */
  claimedRoles?: string[];
  essCert?: "v1" | "v2";
  essCertHash?: HashName;
  fault?: { messageDigest?: boolean; essCertHash?: boolean; signatureValue?: boolean };
  tsa: string;
  tsFault?: TsaFault;
  /** TSA (label) for the ES-X / SigAndRefs time-stamp and the archive time-stamp, when not `tsa` */
  escTsa?: string;
  atsTsa?: string;
  /** hash of the archive time-stamp's imprint (scenario 109: SHA-1) */
  atsHash?: HashName;
  /** the signer certificate's status source: its CRL or its OCSP responder */
  signerRevocation: "crl" | "ocsp";
  /** how CA certificates' status is proven (default: each CA's own scenario, else its CRL) */
  caRevocation?: "crl" | "ocsp";
  /** also embed the CRL that proves a delegated OCSP responder's own status */
  responderStatus?: boolean;
  /** how the TSA certificate's status is proven (default CRL) */
  tsaRevocation?: "crl" | "ocsp";
  /** drop parts after building (refs/values missing) or spoil them (refs wrong) */
  /** tsaRootValue: the signature TSA's root certificate (P4_11); atsTsaRevValue: the archive time-stamp TSA's
   *  revocation data, when that TSA is not the signature TSA (101) */
  omit?: Array<
    | "certRefs"
    | "revRefs"
    | "certValues"
    | "revValues"
    | "caCertValue"
    | "signerRevValue"
    | "tsaRevValue"
    | "tsaRootValue"
    | "atsTsaRevValue"
  >;
  wrongRef?: "cert" | "rev";
  multi?: { kind: "serial" | "parallel"; signer: string };
  /** gather the revocation data at this time instead of after the grace period (a vector verified inside it) */
  revocationAt?: Date;
}

export interface SignResult {
  bytes: Der;
  signatureCount: number;
  labels: string[];
  /** all revocation data for the validation is in the signature */
  embedded: boolean;
  /** a time after which validation with the embedded material is meaningful */
  revocationTime: Date;
}

export function chainOf(pki: Pki, label: string): PkiEntity[] {
  const out: PkiEntity[] = [];
  let e: PkiEntity | undefined = pki.get(label);
  while (e && out.length < 10) {
    out.push(e);
    e = e.issuerLabel && e.issuerLabel !== e.label ? pki.get(e.issuerLabel) : undefined;
  }
  return out;
}

interface Material {
  certs: Der[];
  crls: Der[];
  ocsps: Der[];
  /** per path certificate (non-root), what was used */
  perCert: Array<{ crls: Der[]; ocspResponses: Der[] }>;
  labels: string[];
}

/** Revocation data for every non-root certificate of `label`'s path, following each certificate's own
 *  CRL / OCSP pointers (so a scenario certificate that points at a faulty CRL gets the faulty CRL). */
function revocationMaterial(
  pki: Pki,
  label: string,
  at: Date,
  first: "crl" | "ocsp",
  caPref?: "crl" | "ocsp",
  responderStatus = false,
): Material {
  const m: Material = { certs: [], crls: [], ocsps: [], perCert: [], labels: [] };
  const chain = chainOf(pki, label);
  chain.forEach((e, i) => {
    if (i === chain.length - 1 && !e.issuerLabel) return; // the trust anchor
    // the signer follows the scenario; a CA certificate follows its own scenario tag ("…ocsp…" → OCSP), else its CRL
    const own =
      e.scenario?.includes("ocsp") && e.ocspLabel
        ? "ocsp"
        : e.scenario?.includes("crl") && e.crlLabel
          ? "crl"
          : undefined;
    const use = i === 0 ? first : (own ?? caPref ?? (e.crlLabel ? "crl" : "ocsp"));
    const entry = { crls: [] as Der[], ocspResponses: [] as Der[] };
    if (use === "crl" && e.crlLabel) {
      const def = pki.crls.get(e.crlLabel)!;
      const crl = crlAt(pki, def, at);
      entry.crls.push(crl);
      if (!m.crls.some((c) => Buffer.compare(c, crl) === 0)) m.crls.push(crl);
      m.labels.push(def.label);
    } else if (e.ocspLabel) {
      const def = pki.ocspResponders.get(e.ocspLabel)!;
      const rev =
        e.revocation && e.revocation.via.includes("ocsp") && e.revocation.date.getTime() <= at.getTime()
          ? e.revocation
          : undefined;
      const resp = makeOcspResponse(pki, {
        certLabel: e.label,
        responderLabel: def.signerLabel,
        status: rev ? "revoked" : "good",
        revokedAt: rev?.date,
        revocationReason: rev?.reason,
        producedAt: at,
        thisUpdate: at,
        nextUpdate: new Date(at.getTime() + def.validityHours * HOUR),
        fault: def.fault,
      });
      entry.ocspResponses.push(resp);
      m.ocsps.push(resp);
      m.labels.push(def.label);
      const signer = pki.get(def.signerLabel);
      if (signer.label !== e.issuerLabel) {
        m.certs.push(signer.certDer);
        m.labels.push(signer.label);
        // the delegated responder's own status (its issuer's CRL), only when asked: that CRL usually covers
        // the certificate in question too and would mask a faulty OCSP response
        if (responderStatus && signer.crlLabel) {
          const rcrl = crlAt(pki, pki.crls.get(signer.crlLabel)!, at);
          if (!m.crls.some((c) => Buffer.compare(c, rcrl) === 0)) m.crls.push(rcrl);
          entry.crls.push(rcrl);
        }
      }
    } else if (e.crlLabel) {
      const crl = crlAt(pki, pki.crls.get(e.crlLabel)!, at);
      entry.crls.push(crl);
      m.crls.push(crl);
    }
    m.perCert.push(entry);
  });
  return m;
}

function uniq(list: Der[]): Der[] {
  const out: Der[] = [];
  for (const b of list) if (!out.some((x) => Buffer.compare(x, b) === 0)) out.push(b);
  return out;
}

const levelRank: Record<string, number> = {
  BES: 0,
  EPES: 0,
  "B-B": 0,
  T: 1,
  "B-T": 1,
  C: 2,
  "X-Type1": 3,
  "X-L": 4,
  "B-LT": 4,
  A: 5,
  "B-LTA": 5,
};

export class VectorBuilder {
  private tsSerial = 1000;
  constructor(readonly pki: Pki) {}

  timestamp(imprint: Der, hash: HashName, at: Date, tsa: string, fault?: TsaFault): Der {
    return makeTimestampToken(this.pki, {
      tsaLabel: tsa,
      messageImprint: imprint,
      hash,
      genTime: at,
      serial: this.tsSerial++,
      fault,
    });
  }

  build(s: SignSpec): SignResult {
    const pki = this.pki;
    const rank = levelRank[s.level] ?? 0;
    const hash = s.hash ?? "SHA-256";
    const tsTime = s.tsTime ?? new Date(s.signingTime.getTime() + 5 * MIN);
    // revocation data is gathered after the grace period (1 day) following the time-stamp
    // ... and never before a revocation in the signer's path (so "revoked" shows in the embedded data)
    const lastRevocation = Math.max(
      0,
      ...[...chainOf(pki, s.signer), ...(s.multi ? chainOf(pki, s.multi.signer) : [])].map((e) =>
        e.revocation ? e.revocation.date.getTime() + HOUR : 0,
      ),
    );
    const revAt = s.revocationAt ?? new Date(Math.max(tsTime.getTime() + DAY + HOUR, lastRevocation));
    const escAt = new Date(revAt.getTime() + 10 * MIN);
    const atsAt = new Date(revAt.getTime() + 20 * MIN);
    const signer = signerOf(pki, s.signer);
    const chain = chainOf(pki, s.signer);
    const tsaCertLabel = pki.tsas.get(s.tsa)?.certLabel ?? s.tsa;
    const signerMat = revocationMaterial(pki, s.signer, revAt, s.signerRevocation, s.caRevocation, s.responderStatus);
    const tsaMat = revocationMaterial(pki, tsaCertLabel, revAt, s.tsaRevocation ?? "crl", s.caRevocation);
    // an archive time-stamp from another TSA: its path and revocation data go into the values too (A only)
    const atsCertLabel = rank >= 5 && s.atsTsa ? (pki.tsas.get(s.atsTsa)?.certLabel ?? s.atsTsa) : undefined;
    const atsMat =
      atsCertLabel && atsCertLabel !== tsaCertLabel
        ? revocationMaterial(pki, atsCertLabel, revAt, "crl", s.caRevocation)
        : undefined;
    const atsChain = atsMat ? chainOf(pki, atsCertLabel!).map((e) => e.certDer) : [];
    const labels = [s.signer, ...chain.slice(1).map((e) => e.label), ...signerMat.labels];
    if (rank >= 1) labels.push(s.tsa, ...tsaMat.labels);
    if (rank >= 3 && s.escTsa) labels.push(s.escTsa);
    if (rank >= 5 && s.atsTsa) labels.push(s.atsTsa);
    if (atsMat) labels.push(...atsMat.labels);
    const intermediates = chain.slice(1, -1).map((e) => e.certDer);
    const caCerts = chain.slice(1).map((e) => e.certDer);
    const tsaChain = chainOf(pki, tsaCertLabel).map((e) => e.certDer);
    const second = s.multi ? signerOf(pki, s.multi.signer) : undefined;
    if (s.multi) labels.push(s.multi.signer);
    const secondChain = s.multi ? chainOf(pki, s.multi.signer) : [];
    const secondMat = s.multi
      ? revocationMaterial(pki, s.multi.signer, revAt, s.signerRevocation, s.caRevocation)
      : undefined;

    // values and refs: the signer's path + its revocation responders + the TSA path
    // (the archive TSA's material is appended last, so vectors without one keep their exact bytes)
    const allCerts = uniq([
      ...caCerts,
      ...signerMat.certs,
      ...(rank >= 1 ? tsaChain : []),
      ...(secondMat ? [...secondChain.slice(1).map((e) => e.certDer), ...secondMat.certs] : []),
      ...atsChain,
      ...(atsMat?.certs ?? []),
    ]);
    const allCrls = uniq([
      ...signerMat.crls,
      ...(rank >= 1 ? tsaMat.crls : []),
      ...(secondMat?.crls ?? []),
      ...(atsMat?.crls ?? []),
    ]);
    const allOcsps = uniq([
      ...signerMat.ocsps,
      ...(rank >= 1 ? tsaMat.ocsps : []),
      ...(secondMat?.ocsps ?? []),
      ...(atsMat?.ocsps ?? []),
    ]);
    const omit = new Set(s.omit ?? []);
    const tsaRoot = tsaChain.at(-1);
    const inSignerPath = (c: Der) => caCerts.some((x) => Buffer.compare(x, c) === 0);
    const valueCerts = allCerts
      .filter((c) => !(omit.has("caCertValue") && intermediates.some((x) => Buffer.compare(x, c) === 0)))
      .filter((c) => !(omit.has("tsaRootValue") && tsaRoot && Buffer.compare(c, tsaRoot) === 0 && !inSignerPath(c)));
    let valueCrls = allCrls;
    let valueOcsps = allOcsps;
    if (omit.has("signerRevValue")) {
      const first = signerMat.perCert[0]!;
      valueCrls = valueCrls.filter((c) => !first.crls.some((x) => Buffer.compare(x, c) === 0));
      valueOcsps = valueOcsps.filter((c) => !first.ocspResponses.some((x) => Buffer.compare(x, c) === 0));
    }
    if (omit.has("tsaRevValue")) {
      const keep = (c: Der, own: Der[]) =>
        !tsaMat.crls.concat(tsaMat.ocsps).some((x) => Buffer.compare(x, c) === 0) ||
        own.some((x) => Buffer.compare(x, c) === 0);
      valueCrls = valueCrls.filter((c) => keep(c, signerMat.crls));
      valueOcsps = valueOcsps.filter((c) => keep(c, signerMat.ocsps));
    }
    if (omit.has("atsTsaRevValue") && atsMat) {
      const keep = (c: Der, own: Der[]) =>
        !atsMat.crls.concat(atsMat.ocsps).some((x) => Buffer.compare(x, c) === 0) ||
        own.some((x) => Buffer.compare(x, c) === 0);
      valueCrls = valueCrls.filter((c) => keep(c, [...signerMat.crls, ...tsaMat.crls]));
      valueOcsps = valueOcsps.filter((c) => keep(c, [...signerMat.ocsps, ...tsaMat.ocsps]));
    }
    const refCerts = s.wrongRef === "cert" ? caCerts.map((c, i) => (i === 0 ? flipLast(c) : c)) : caCerts;
    const refRev =
      s.wrongRef === "rev"
        ? signerMat.perCert.map((p, i) =>
            i === 0 ? { crls: p.crls.map(flipLast), ocspResponses: p.ocspResponses.map(flipLast) } : p,
          )
        : signerMat.perCert;
    const tsHash: HashName = hash === "SHA-1" ? "SHA-256" : hash;
    const ts = (imprint: Der, at: Date, fault?: TsaFault, tsa = s.tsa, h: HashName = tsHash) =>
      this.timestamp(imprint, h, at, tsa, fault);
    const escTs = (imprint: Der) => ts(imprint, escAt, undefined, s.escTsa ?? s.tsa);
    const atsHash = s.atsHash ?? tsHash;
    const atsTs = (imprint: Der) => ts(imprint, atsAt, undefined, s.atsTsa ?? s.tsa, atsHash);

    const embeddedBase = s.format === "CAdES" || rank >= 4;
    const common = {
      hash,
      policy: s.policy,
      essCert: s.essCert,
      essCertHash: s.essCertHash,
      fault: s.fault,
      signingTime: s.noSigningTime ? undefined : s.signingTime,
    };

    if (s.format === "CAdES") {
      // BES..X type 1 carry the validation data in SignedData.certificates/crls; X-L and A in the CAdES attributes
      const crlsField =
        rank < 4
          ? [
              ...signerMat.crls,
              ...signerMat.ocsps.map(cades.ocspRevocationInfoChoice),
              ...(rank >= 1 ? [...tsaMat.crls, ...tsaMat.ocsps.map(cades.ocspRevocationInfoChoice)] : []),
            ]
          : [];
      const doc = cades.createCades(signer, {
        ...common,
        contentHints: s.contentHints,
        ...(s.claimedRoles ? { extraSignedAttrs: [cades.signerAttributes(s.claimedRoles)] } : {}),
        content: s.document.bytes,
        detached: s.packaging === "detached",
        // from C on the references name the whole path, so the trust anchor travels too
        certificates:
          rank < 4
            ? uniq([
                signer.certDer,
                ...(rank >= 2 ? caCerts : intermediates),
                ...signerMat.certs,
                ...(rank >= 1 ? tsaMat.certs : []),
              ])
            : [signer.certDer, ...intermediates],
        crls: uniq(crlsField),
      });
      const si = doc.signerInfos[0]!;
      if (second && s.multi) {
        // a counter-signature is a plain BES over the parent's signature value: it gets no time-stamp or values
        // of its own, so it does not claim the parent's profile policy either
        const opts = { hash, signingTime: s.signingTime, policy: s.multi.kind === "parallel" ? s.policy : undefined };
        const certs = [second.certDer, ...secondChain.slice(1, -1).map((e) => e.certDer)];
        if (s.multi.kind === "parallel") cades.addParallelSigner(doc, second, opts, certs);
        else cades.addCounterSignature(doc, si, second, opts, certs);
        if (rank < 4)
          doc.crls = uniq([...doc.crls, ...secondMat!.crls, ...secondMat!.ocsps.map(cades.ocspRevocationInfoChoice)]);
      }
      for (const target of doc.signerInfos) {
        if (rank >= 1)
          cades.addSignatureTimestamp(target, ts(cades.signatureTimestampImprint(target, tsHash), tsTime, s.tsFault));
        if (rank >= 2) {
          if (!omit.has("certRefs") || !omit.has("revRefs")) {
            cades.addCompleteReferences(target, refCerts, refRev);
            if (omit.has("certRefs")) cades.removeUnsignedAttr(target, cades.OID.completeCertificateRefs);
            if (omit.has("revRefs")) cades.removeUnsignedAttr(target, cades.OID.completeRevocationRefs);
          }
        }
        if (rank >= 3) cades.addEscTimestamp(target, escTs(cades.escTimestampImprint(target, tsHash)));
        if (rank >= 4) {
          cades.addValues(target, valueCerts, valueCrls, valueOcsps);
          if (omit.has("certValues")) cades.removeUnsignedAttr(target, cades.OID.certValues);
          if (omit.has("revValues")) cades.removeUnsignedAttr(target, cades.OID.revocationValues);
        }
      }
      if (rank >= 5)
        doc.signerInfos.forEach((t, i) =>
          cades.addArchiveTimestampV2(t, atsTs(cades.archiveTimestampV2Imprint(doc, i, atsHash))),
        );
      return {
        bytes: cades.encodeCades(doc),
        signatureCount: 1 + (s.multi ? 1 : 0),
        labels: [...new Set(labels)],
        embedded: embeddedBase,
        revocationTime: revAt,
      };
    }

    if (s.format === "XAdES") {
      const make = (who: Signer, whoChain: PkiEntity[], id: string) => {
        const x = xades.createXades(who, {
          ...common,
          packaging: s.packaging as xades.XadesPackaging,
          content: s.document.bytes,
          detachedUri: s.document.file,
          mimeType: s.document.mediaType,
          keyInfoCerts: [who.certDer, ...whoChain.slice(1, -1).map((e) => e.certDer)],
          id,
        });
        if (second && s.multi?.kind === "serial" && id === "Signature-1")
          xades.addCounterSignature(x, second, {
            hash,
            signingTime: s.signingTime,
            mimeType: "text/xml",
            id: "CounterSignature-1",
            keyInfoCerts: [second.certDer, ...secondChain.slice(1, -1).map((e) => e.certDer)],
          });
        if (rank >= 1)
          xades.addSignatureTimestamp(x, ts(xades.signatureTimestampImprint(x, tsHash), tsTime, s.tsFault));
        if (rank >= 2) {
          xades.addCompleteReferences(x, refCerts, {
            crls: refRev.flatMap((r) => r.crls),
            ocspResponses: refRev.flatMap((r) => r.ocspResponses),
          });
          if (omit.has("certRefs")) xades.removeUnsigned(x, "CompleteCertificateRefs");
          if (omit.has("revRefs")) xades.removeUnsigned(x, "CompleteRevocationRefs");
        }
        if (rank >= 3) xades.addSigAndRefsTimestamp(x, escTs(xades.sigAndRefsTimestampImprint(x, tsHash)));
        if (rank >= 4) {
          xades.addValues(x, valueCerts, valueCrls, valueOcsps);
          if (omit.has("certValues")) xades.removeUnsigned(x, "CertificateValues");
          if (omit.has("revValues")) xades.removeUnsigned(x, "RevocationValues");
        }
        if (rank >= 5) xades.addArchiveTimestamp(x, atsTs(xades.archiveTimestampImprint(x, atsHash)));
        return x;
      };
      const first = make(signer, chain, "Signature-1");
      if (second && s.multi?.kind === "parallel") {
        // parallel: two detached signatures over the same file, side by side in one container
        const other = make(second, secondChain, "Signature-2");
        const body = (x: xades.XadesSignature) => xades.serializeXades(x).replace(/^<\?xml[^>]*>\n/, "");
        const text = `<?xml version="1.0" encoding="UTF-8"?>\n<uyum:Imzalar xmlns:uyum="urn:uyum:imzalar">${body(first)}${body(other)}</uyum:Imzalar>`;
        return {
          bytes: new TextEncoder().encode(text),
          signatureCount: 2,
          labels: [...new Set(labels)],
          embedded: embeddedBase,
          revocationTime: revAt,
        };
      }
      return {
        bytes: new TextEncoder().encode(xades.serializeXades(first)),
        signatureCount: s.multi ? 2 : 1,
        labels: [...new Set(labels)],
        embedded: embeddedBase,
        revocationTime: revAt,
      };
    }

    // PAdES
    let pdf = pades.signPdf(s.document.bytes, signer, {
      ...common,
      signingTime: s.signingTime,
      certificates: [signer.certDer, ...intermediates],
      timestamp: rank >= 1 ? (imprint) => ts(imprint, tsTime, s.tsFault) : undefined,
      reason: "Onaylıyorum",
      location: "Ankara",
    });
    let count = 1;
    if (second) {
      pdf = pades.signPdf(pdf, second, {
        hash,
        signingTime: new Date(s.signingTime.getTime() + MIN),
        certificates: [second.certDer, ...secondChain.slice(1, -1).map((e) => e.certDer)],
        fieldName: "Imza2",
        timestamp: rank >= 1 ? (imprint) => ts(imprint, tsTime) : undefined,
      });
      count++;
    }
    if (rank >= 4)
      pdf = pades.addDss(pdf, { certs: valueCerts, crls: valueCrls, ocspResponses: valueOcsps, vri: true });
    if (rank >= 5) {
      pdf = pades.addDocumentTimestamp(pdf, (imprint) => atsTs(imprint), { hash: atsHash });
      count++;
    }
    return {
      bytes: pdf,
      signatureCount: count,
      labels: [...new Set(labels)],
      embedded: rank >= 4,
      revocationTime: revAt,
    };
  }
}
