// Certificate revocation lists, decoded once (cached by hash): issuer, times, entries, scope (IDP), delta.
import { createHash } from "node:crypto";
import { algId, type AlgId } from "./algs.ts";
import { bitString, octetBits, bool, bytes, children, content, CTX, expect, hex, intHex, oid, parseDer, seq, T, time, type Node } from "./der.ts";
import { parseDpName, parseGeneralNames, parseName, reasonMask, type GeneralName, type Name } from "./x509.ts";

export const REASONS = ["unspecified", "keyCompromise", "cACompromise", "affiliationChanged", "superseded", "cessationOfOperation", "certificateHold", "(7)", "removeFromCRL", "privilegeWithdrawn", "aACompromise"];

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

const KNOWN_CRL_EXT = new Set(["2.5.29.35", "2.5.29.20", "2.5.29.27", "2.5.29.28", "2.5.29.46", "1.3.6.1.5.5.7.1.1", "2.5.29.60"]);
const KNOWN_ENTRY_EXT = new Set(["2.5.29.21", "2.5.29.24", "2.5.29.29", "2.5.29.23"]);

const cache = new Map<string, Crl>();

export function parseCrl(der: Uint8Array): Crl {
  const id = createHash("sha256").update(der).digest("hex");
  const hit = cache.get(id);
  if (hit) return hit;
  const crl = decodeCrl(der, id);
  if (cache.size > 5000) cache.clear();
  cache.set(id, crl);
  return crl;
}

function bigOf(n: Node): bigint {
  const c = content(n);
  return c.length ? BigInt("0x" + hex(c)) : 0n;
}

function decodeCrl(der: Uint8Array, id: string): Crl {
  const root = parseDer(der, "CRL");
  const [tbsN, sigAlgN, sigN] = seq(root, "CertificateList");
  const f = seq(tbsN, "tbsCertList");
  let i = 0;
  if (f[0]?.tag === T.INTEGER && f[0].cls === 0) i++;
  i++; // signature
  const issuer = parseName(f[i++]);
  const thisUpdate = time(f[i++], "thisUpdate");
  let nextUpdate: Date | undefined;
  if (f[i] && (f[i].tag === T.UTCTIME || f[i].tag === T.GENTIME) && f[i].cls === 0) nextUpdate = time(f[i++], "nextUpdate");
  const crl: Crl = {
    der,
    id,
    tbs: bytes(tbsN),
    sigAlg: algId(sigAlgN, "CRL signatureAlgorithm"),
    sigValue: octetBits(sigN, "CRL signatureValue"),
    issuer,
    thisUpdate,
    nextUpdate,
    entries: [],
    bySerial: new Map(),
    unknownCritical: [],
  };
  if (f[i] && f[i].tag === T.SEQUENCE && f[i].cls === 0) {
    let certIssuer = issuer.key;
    for (const e of seq(f[i++], "revokedCertificates")) {
      const ef = seq(e, "revoked entry");
      const entry: CrlEntry = { serialHex: intHex(ef[0]), date: time(ef[1]), issuerKey: certIssuer };
      if (ef[2]) {
        for (const x of seq(ef[2], "crlEntryExtensions")) {
          const xc = seq(x, "Extension");
          const xo = oid(xc[0]);
          const crit = xc.length === 3 && bool(xc[1]);
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
  if (f[i] && f[i].cls === CTX && f[i].tag === 0) {
    for (const x of seq(children(f[i])[0], "crlExtensions")) {
      const xc = seq(x, "Extension");
      const xo = oid(xc[0]);
      const crit = xc.length === 3 && bool(xc[1]);
      const raw = content(expect(xc[xc.length - 1], T.OCTET_STRING, "CRL extension"));
      const v = parseDer(raw);
      if (xo === "2.5.29.20") crl.crlNumber = bigOf(v);
      else if (xo === "2.5.29.27") crl.deltaBase = bigOf(v);
      else if (xo === "2.5.29.35") {
        for (const y of seq(v, "AKI")) if (y.cls === CTX && y.tag === 0) crl.akiKeyId = hex(content(y));
      } else if (xo === "2.5.29.28") {
        const idp: NonNullable<Crl["idp"]> = { onlyUser: false, onlyCA: false, onlyAttr: false, indirect: false, der: hex(raw) };
        for (const y of seq(v, "IssuingDistributionPoint")) {
          if (y.tag === 0) Object.assign(idp, parseDpName(children(y)[0]));
          else if (y.tag === 1) idp.onlyUser = content(y)[0] !== 0;
          else if (y.tag === 2) idp.onlyCA = content(y)[0] !== 0;
          else if (y.tag === 3) idp.onlySomeReasons = reasonMask(y);
          else if (y.tag === 4) idp.indirect = content(y)[0] !== 0;
          else if (y.tag === 5) idp.onlyAttr = content(y)[0] !== 0;
        }
        crl.idp = idp;
      }
      if (crit && !KNOWN_CRL_EXT.has(xo)) crl.unknownCritical.push(xo);
    }
  }
  return crl;
}
