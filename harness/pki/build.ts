// buildPki: config → certificates, in memory and deterministic (no clock, no randomness: keys are inputs,
// signatures are deterministic, times come from the config).
import { UserError } from "../core/errors.ts";
import { loadKeyFromPem, signWithKey, type KeyMaterial } from "./keys.ts";
import type { HashName } from "../asn1/oids.ts";
import { OID } from "../asn1/oids.ts";
import type {
  CertificateConfig,
  CrlDef,
  ExtensionSettings,
  OcspResponderDef,
  Pki,
  PkiConfig,
  PkiEntity,
  TsaDef,
} from "./types.ts";
import { encodeCertificate, encodeExtensions, encodeName, nameToString, toPem } from "./x509.ts";

const keyCache = new WeakMap<Uint8Array, KeyMaterial>();
/** The key material behind an entity (parsed once per entity). */
export function entityKey(entity: Pick<PkiEntity, "privateKeyPkcs8Der" | "label">): KeyMaterial {
  let k = keyCache.get(entity.privateKeyPkcs8Der);
  if (!k) {
    k = loadKeyFromPem(entity.privateKeyPkcs8Der, undefined, entity.label);
    keyCache.set(entity.privateKeyPkcs8Der, k);
  }
  return k;
}

/** Deterministic raw signature by an entity's key: RSA PKCS#1 v1.5, ECDSA RFC 6979 (DER). */
export function signRaw(entity: PkiEntity, data: Uint8Array, hash: HashName): Uint8Array {
  return signWithKey(entityKey(entity), data, hash);
}

function mergeSettings(profile: ExtensionSettings | undefined, own: CertificateConfig): ExtensionSettings {
  const out: ExtensionSettings = { ...(profile ?? {}) };
  for (const k of Object.keys(own) as (keyof ExtensionSettings)[]) {
    if (own[k] !== undefined) (out as Record<string, unknown>)[k] = own[k];
  }
  return out;
}

export function makePki(parts: Omit<Pki, "get">): Pki {
  return {
    ...parts,
    get(label: string): PkiEntity {
      const e = parts.entities.get(label);
      if (!e)
        throw new Error(
          `PKI "${parts.name}" has no entity labelled "${label}" (known: ${[...parts.entities.keys()].join(", ")})`,
        );
      return e;
    },
  };
}

export async function buildPki(config: PkiConfig): Promise<Pki> {
  const file = config.sourceFile ?? "pki config";
  const base = config.baseUrl.replace(/\/$/, "");
  const keys = new Map<string, KeyMaterial>();
  for (const [label, kc] of Object.entries(config.keys)) {
    const pem = config.keyPems?.[label];
    if (!pem) throw new UserError(`${file}: keys.${label}: key material not loaded (use loadPkiConfig)`);
    try {
      keys.set(label, loadKeyFromPem(pem, kc.algorithm, `keys.${label}`));
    } catch (e) {
      throw new UserError(`${file}: ${(e as Error).message}`);
    }
  }
  const certs = config.certificates;
  const isCa = (l: string) =>
    certs[l]?.role === "root" || certs[l]?.role === "subroot" || certs[l]?.basicConstraints?.ca === true;

  // CRLs: declared ones plus one default CRL per CA, labelled like the CA.
  const crls = new Map<string, CrlDef>();
  for (const [l, c] of Object.entries(config.crls ?? {}))
    crls.set(l, {
      label: l,
      issuerLabel: c.issuer,
      fault: c.fault,
      validityHours: c.validityHours ?? 168,
      url: `${base}/crl/${l}.crl`,
      scenario: c.scenario,
      kamusm: c.kamusm,
    });
  for (const l of Object.keys(certs))
    if (isCa(l) && !crls.has(l))
      crls.set(l, { label: l, issuerLabel: l, validityHours: 168, url: `${base}/crl/${l}.crl` });
  const responders = new Map<string, OcspResponderDef>();
  for (const [l, r] of Object.entries(config.ocspResponders ?? {}))
    responders.set(l, {
      label: l,
      issuerLabel: r.issuer,
      signerLabel: r.signer ?? r.issuer,
      fault: r.fault,
      validityHours: r.validityHours ?? 24,
      url: `${base}/ocsp/${l}`,
      scenario: r.scenario,
      kamusm: r.kamusm,
    });
  const tsas = new Map<string, TsaDef>();
  for (const [l, t] of Object.entries(config.tsas ?? {}))
    tsas.set(l, {
      label: l,
      certLabel: t.cert,
      policy: t.policy ?? OID.kamusmTsPolicy,
      hash: t.hash ?? "SHA-256",
      fault: t.fault,
      url: `${base}/tsa/${l}`,
      scenario: t.scenario,
      kamusm: t.kamusm,
    });

  // issuers first
  const order: string[] = [];
  const placed = new Set<string>();
  const place = (l: string) => {
    if (placed.has(l)) return;
    const iss = certs[l]!.issuer;
    if (iss !== undefined) place(iss);
    placed.add(l);
    order.push(l);
  };
  Object.keys(certs).forEach(place);

  const entities = new Map<string, PkiEntity>();
  for (const label of order) {
    const c = certs[label]!;
    const where = `${file}: certificates.${label}`;
    const settings = mergeSettings(c.profile ? config.profiles?.[c.profile] : undefined, c);
    const subjectKeyLabel = c.key ?? label;
    const subjectKey = keys.get(subjectKeyLabel)!;
    const issuerLabel = c.issuer;
    const issuerCfg = issuerLabel ? certs[issuerLabel]! : c;
    const issuerKey = keys.get(issuerCfg.key ?? issuerLabel ?? label)!;
    const signer = c.signingKey ? keys.get(c.signingKey)! : issuerKey;
    // default CRL/OCSP pointers: the issuer's own CRL and the responder labelled like the issuer
    const crlLabel =
      settings.crl === null
        ? undefined
        : (settings.crl ?? (issuerLabel && crls.has(issuerLabel) ? issuerLabel : undefined));
    const ocspLabel =
      settings.ocsp === null
        ? undefined
        : (settings.ocsp ?? (issuerLabel && responders.has(issuerLabel) ? issuerLabel : undefined));
    if (crlLabel && !crls.has(crlLabel)) throw new UserError(`${where}.crl: no CRL labelled "${crlLabel}"`);
    const urls = {
      crlUrl: crlLabel ? crls.get(crlLabel)!.url : undefined,
      ocspUrl: ocspLabel ? responders.get(ocspLabel)!.url : undefined,
      caIssuersUrl: issuerLabel && settings.caIssuers !== false ? `${base}/certs/${issuerLabel}.cer` : undefined,
    };
    const serialHex =
      typeof c.serial === "number" ? c.serial.toString(16) : c.serial.toLowerCase().replace(/^0+(?=.)/, "");
    const subjectDer = encodeName(c.subject);
    const issuerName = issuerLabel ? entities.get(issuerLabel)!.subjectDer : subjectDer;
    const certDer = encodeCertificate({
      serialHex,
      issuerName,
      subjectName: subjectDer,
      notBefore: new Date(c.notBefore),
      notAfter: new Date(c.notAfter),
      subjectKey,
      signer,
      extensions: encodeExtensions(settings, subjectKey, issuerLabel ? issuerKey : undefined, urls),
      forged: c.fault === "forged-signature",
    });
    entities.set(label, {
      label,
      role: c.role,
      issuerLabel,
      keyAlgorithm: subjectKey.algorithm,
      certDer,
      certPem: toPem(certDer, "CERTIFICATE"),
      privateKeyPkcs8Der: subjectKey.pkcs8Der,
      scenario: c.scenario,
      keyLabel: subjectKeyLabel,
      subject: nameToString(c.subject),
      subjectDer,
      serialHex,
      notBefore: new Date(c.notBefore),
      notAfter: new Date(c.notAfter),
      spkiDer: subjectKey.spkiDer,
      revocation: c.revoked
        ? {
            date: new Date(c.revoked.date),
            reason: c.revoked.reason ?? "keyCompromise",
            via: c.revoked.via ?? ["crl", "ocsp"],
          }
        : undefined,
      crlLabel,
      ocspLabel,
      kamusm: c.kamusm,
      description: c.description,
    });
  }
  // keep the YAML's order for consumers
  const ordered = new Map<string, PkiEntity>();
  for (const l of Object.keys(certs)) ordered.set(l, entities.get(l)!);
  return makePki({
    entities: ordered,
    name: config.name ?? "test PKI",
    baseUrl: base,
    referenceTime: new Date(config.referenceTime),
    validationTime: new Date(config.validationTime),
    crls,
    ocspResponders: responders,
    tsas,
  });
}
