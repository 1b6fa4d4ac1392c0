// Certificate revocation lists, decoded once (cached by hash): issuer, times, entries, scope (IDP), delta.
import { memoByDigest } from "./memo.ts";
import { algId, type AlgId } from "./algs.ts";
import {
  children,
  content,
  expect,
  isCtx,
  parseDer,
  readBool,
  readOid,
  readTime,
  seqOf,
  TAG,
  toHex,
  whole,
  type Node,
} from "../asn1/der.ts";
import {
  parseDpName,
  parseGeneralNames,
  parseName,
  reasonMask,
  signatureOctets,
  type GeneralName,
  type Name,
} from "./x509.ts";

export const REASONS = [
  "unspecified",
  "keyCompromise",
  "cACompromise",
  "affiliationChanged",
  "superseded",
  "cessationOfOperation",
  "certificateHold",
  "(7)",
  "removeFromCRL",
  "privilegeWithdrawn",
  "aACompromise",
];

export interface CrlEntry {
  serialHex: string;
  date: Date;
  reason?: number;
  /** Issuer of the revoked certificate (indirect CRLs); the CRL issuer when absent. */
  issuerKey: string;
}

export interface Crl {
  der: Uint8Array;
  id: string;
  tbs: Uint8Array;
  sigAlg: AlgId;
  sigValue: Uint8Array;
  issuer: Name;
  thisUpdate: Date;
  nextUpdate?: Date;
  entries: CrlEntry[];
  bySerial: Map<string, CrlEntry[]>;
  crlNumber?: bigint;
  deltaBase?: bigint;
  akiKeyId?: string;
  idp?: {
    fullName?: GeneralName[];
    relativeName?: Node;
    onlyUser: boolean;
    onlyCA: boolean;
    onlyAttr: boolean;
    onlySomeReasons?: number;
    indirect: boolean;
    der: string;
  };
  /** Critical CRL or entry extensions we do not know: the CRL must not be used. */
  unknownCritical: string[];
}

const KNOWN_CRL_EXT = new Set([
  "2.5.29.35",
  "2.5.29.20",
  "2.5.29.27",
  "2.5.29.28",
  "2.5.29.46",
  "1.3.6.1.5.5.7.1.1",
  "2.5.29.60",
]);
const KNOWN_ENTRY_EXT = new Set(["2.5.29.21", "2.5.29.24", "2.5.29.29", "2.5.29.23"]);

export const parseCrl: (der: Uint8Array) => Crl = memoByDigest(5000, (der, id) => decodeCrl(der, id));

function bigOf(n: Node): bigint {
  const c = content(n);
  return c.length ? BigInt("0x" + toHex(c)) : 0n;
}

function decodeCrl(der: Uint8Array, id: string): Crl {
  const root = parseDer(der, "CRL");
  const [tbsN, sigAlgN, sigN] = seqOf(root, "CertificateList");
  const f = seqOf(tbsN, "tbsCertList");
  let i = 0;
  if (f[0]?.tag === TAG.INTEGER) i++;
  i++; // signature
  const issuer = parseName(f[i++]);
  const thisUpdate = readTime(f[i++], "thisUpdate");
  let nextUpdate: Date | undefined;
  if (f[i] && (f[i].tag === TAG.UTCTIME || f[i].tag === TAG.GENTIME)) nextUpdate = readTime(f[i++], "nextUpdate");
  const crl: Crl = {
    der,
    id,
    tbs: whole(tbsN),
    sigAlg: algId(sigAlgN, "CRL signatureAlgorithm"),
    sigValue: signatureOctets(sigN, "CRL signatureValue"),
    issuer,
    thisUpdate,
    nextUpdate,
    entries: [],
    bySerial: new Map(),
    unknownCritical: [],
  };
  if (f[i] && f[i].tag === TAG.SEQUENCE) {
    let certIssuer = issuer.key;
    for (const e of seqOf(f[i++], "revokedCertificates")) {
      const ef = seqOf(e, "revoked entry");
      const entry: CrlEntry = {
        serialHex: toHex(content(expect(ef[0], TAG.INTEGER, "userCertificate"))),
        date: readTime(ef[1], "revocationDate"),
        issuerKey: certIssuer,
      };
      if (ef[2]) {
        for (const x of seqOf(ef[2], "crlEntryExtensions")) {
          const xc = seqOf(x, "Extension");
          const xo = readOid(xc[0]);
          const crit = xc.length === 3 && readBool(xc[1]);
          const v = parseDer(content(xc[xc.length - 1]));
          if (xo === "2.5.29.21") entry.reason = content(v)[0];
          else if (xo === "2.5.29.29") {
            const dn = parseGeneralNames(v).find((g) => g.type === "dn");
            if (dn && dn.type === "dn") certIssuer = dn.name.key;
            entry.issuerKey = certIssuer;
          }
          if (crit && !KNOWN_ENTRY_EXT.has(xo)) crl.unknownCritical.push(xo);
        }
      }
      crl.entries.push(entry);
      const list = crl.bySerial.get(entry.serialHex);
      if (list) list.push(entry);
      else crl.bySerial.set(entry.serialHex, [entry]);
    }
  }
  if (f[i] && isCtx(f[i], 0)) {
    for (const x of seqOf(children(f[i])[0], "crlExtensions")) {
      const xc = seqOf(x, "Extension");
      const xo = readOid(xc[0]);
      const crit = xc.length === 3 && readBool(xc[1]);
      const raw = content(expect(xc[xc.length - 1], TAG.OCTET_STRING, "CRL extension"));
      const v = parseDer(raw);
      if (xo === "2.5.29.20") crl.crlNumber = bigOf(v);
      else if (xo === "2.5.29.27") crl.deltaBase = bigOf(v);
      else if (xo === "2.5.29.35") {
        for (const y of seqOf(v, "AKI")) if (isCtx(y, 0)) crl.akiKeyId = toHex(content(y));
      } else if (xo === "2.5.29.28") {
        const idp: NonNullable<Crl["idp"]> = {
          onlyUser: false,
          onlyCA: false,
          onlyAttr: false,
          indirect: false,
          der: toHex(raw),
        };
        for (const y of seqOf(v, "IssuingDistributionPoint")) {
          if (y.tagNumber === 0) Object.assign(idp, parseDpName(children(y)[0]));
          else if (y.tagNumber === 1) idp.onlyUser = content(y)[0] !== 0;
          else if (y.tagNumber === 2) idp.onlyCA = content(y)[0] !== 0;
          else if (y.tagNumber === 3) idp.onlySomeReasons = reasonMask(y);
          else if (y.tagNumber === 4) idp.indirect = content(y)[0] !== 0;
          else if (y.tagNumber === 5) idp.onlyAttr = content(y)[0] !== 0;
        }
        crl.idp = idp;
      }
      if (crit && !KNOWN_CRL_EXT.has(xo)) crl.unknownCritical.push(xo);
    }
  }
  return crl;
}
