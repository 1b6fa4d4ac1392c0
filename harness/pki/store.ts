// writePki / readPki: the on-disk form of a PKI (PEM + DER + PKCS#8 keys + CRLs + pki.json index).
import { readFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { UserError } from "../core/errors.ts";
import { makePki } from "./build.ts";
import { crlAt } from "./crl.ts";
import { children, parseDer, whole } from "../asn1/der.ts";
import type { CrlDef, OcspResponderDef, Pki, PkiEntity, TsaDef } from "./types.ts";
import { fromPem, toPem } from "./x509.ts";

export const PKI_JSON_VERSION = 1;

export interface PkiJsonEntity {
  label: string;
  role: PkiEntity["role"];
  issuerLabel?: string;
  keyAlgorithm: PkiEntity["keyAlgorithm"];
  cert: string;
  certDer: string;
  /** the certificate followed by its issuers up to its root (PEM bundle) */
  chain: string;
  key: string;
  keyLabel: string;
  subject: string;
  serialHex: string;
  notBefore: string;
  notAfter: string;
  scenario?: string;
  kamusm?: string[];
  description?: string;
  revocation?: { date: string; reason: string; via: string[] };
  crlLabel?: string;
  crlUrl?: string;
  ocspLabel?: string;
  ocspUrl?: string;
}
export interface PkiJson {
  pkiJsonVersion: number;
  name: string;
  baseUrl: string;
  referenceTime: string;
  validationTime: string;
  entities: PkiJsonEntity[];
  crls: (CrlDef & { file: string; pem: string })[];
  ocspResponders: OcspResponderDef[];
  tsas: TsaDef[];
  /** scenario tag → labels (entities, CRLs, responders, TSAs) carrying it */
  scenarios: Record<string, string[]>;
}

export function pkiIndex(pki: Pki): PkiJson {
  const scenarios: Record<string, string[]> = {};
  const tag = (s: string | undefined, label: string) => {
    if (s) (scenarios[s] ??= []).push(label);
  };
  const entities: PkiJsonEntity[] = [...pki.entities.values()].map((e) => {
    tag(e.scenario, e.label);
    return {
      label: e.label,
      role: e.role,
      issuerLabel: e.issuerLabel,
      keyAlgorithm: e.keyAlgorithm,
      cert: `certs/${e.label}.pem`,
      certDer: `certs/${e.label}.der`,
      chain: `chains/${e.label}.chain.pem`,
      key: `keys/${e.label}.key.pem`,
      keyLabel: e.keyLabel,
      subject: e.subject,
      serialHex: e.serialHex,
      notBefore: e.notBefore.toISOString(),
      notAfter: e.notAfter.toISOString(),
      scenario: e.scenario,
      kamusm: e.kamusm,
      description: e.description,
      revocation: e.revocation
        ? { date: e.revocation.date.toISOString(), reason: e.revocation.reason, via: e.revocation.via }
        : undefined,
      crlLabel: e.crlLabel,
      crlUrl: e.crlLabel ? pki.crls.get(e.crlLabel)?.url : undefined,
      ocspLabel: e.ocspLabel,
      ocspUrl: e.ocspLabel ? pki.ocspResponders.get(e.ocspLabel)?.url : undefined,
    };
  });
  for (const c of pki.crls.values()) tag(c.scenario, `crl:${c.label}`);
  for (const r of pki.ocspResponders.values()) tag(r.scenario, `ocsp:${r.label}`);
  for (const t of pki.tsas.values()) tag(t.scenario, `tsa:${t.label}`);
  return {
    pkiJsonVersion: PKI_JSON_VERSION,
    name: pki.name,
    baseUrl: pki.baseUrl,
    referenceTime: pki.referenceTime.toISOString(),
    validationTime: pki.validationTime.toISOString(),
    entities,
    crls: [...pki.crls.values()].map((c) => ({ ...c, file: `crls/${c.label}.crl`, pem: `crls/${c.label}.crl.pem` })),
    ocspResponders: [...pki.ocspResponders.values()],
    tsas: [...pki.tsas.values()],
    scenarios,
  };
}

/** Write certs/<label>.pem|.der, keys/<label>.key.pem (PKCS#8), crls/<label>.crl|.crl.pem (at validationTime), pki.json. */
export async function writePki(pki: Pki, outDir: string): Promise<void> {
  await mkdir(join(outDir, "certs"), { recursive: true });
  await mkdir(join(outDir, "keys"), { recursive: true });
  await mkdir(join(outDir, "crls"), { recursive: true });
  await mkdir(join(outDir, "chains"), { recursive: true });
  for (const e of pki.entities.values()) {
    const chain: string[] = [];
    for (let cur: typeof e | undefined = e; cur; cur = cur.issuerLabel ? pki.get(cur.issuerLabel) : undefined)
      chain.push(cur.certPem);
    await writeFile(join(outDir, "chains", `${e.label}.chain.pem`), chain.join(""));
    await writeFile(join(outDir, "certs", `${e.label}.pem`), e.certPem);
    await writeFile(join(outDir, "certs", `${e.label}.der`), e.certDer);
    await writeFile(join(outDir, "keys", `${e.label}.key.pem`), toPem(e.privateKeyPkcs8Der, "PRIVATE KEY"), {
      mode: 0o600,
    });
  }
  for (const c of pki.crls.values()) {
    const der = crlAt(pki, c, pki.validationTime);
    await writeFile(join(outDir, "crls", `${c.label}.crl`), der);
    await writeFile(join(outDir, "crls", `${c.label}.crl.pem`), toPem(der, "X509 CRL"));
  }
  await writeFile(join(outDir, "pki.json"), JSON.stringify(pkiIndex(pki), null, 2) + "\n");
}

/** The pki.json index of the PKI written in dir (the one reader of that file; readPki builds on it). */
export function readPkiJson(dir: string): PkiJson {
  const indexFile = join(dir, "pki.json");
  let idx: PkiJson;
  try {
    idx = JSON.parse(readFileSync(indexFile, "utf8")) as PkiJson;
  } catch (e) {
    throw new UserError(
      `${indexFile}: cannot read the PKI index (${(e as Error).message.split("\n")[0]}); write one with \`uyum pki init --out ${dir}\``,
    );
  }
  if (idx.pkiJsonVersion !== PKI_JSON_VERSION)
    throw new UserError(`${indexFile}: pkiJsonVersion ${idx.pkiJsonVersion} is not ${PKI_JSON_VERSION}`);
  return idx;
}

export async function readPki(dir: string): Promise<Pki> {
  const indexFile = join(dir, "pki.json");
  const idx = readPkiJson(dir);
  const entities = new Map<string, PkiEntity>();
  for (const j of idx.entities) {
    const certPem = await readFile(join(dir, j.cert), "utf8").catch(() => {
      throw new UserError(`${indexFile}: entities.${j.label}.cert: cannot read ${join(dir, j.cert)}`);
    });
    const keyPem = await readFile(join(dir, j.key), "utf8").catch(() => {
      throw new UserError(`${indexFile}: entities.${j.label}.key: cannot read ${join(dir, j.key)}`);
    });
    const certDer = fromPem(certPem);
    const tbs = children(children(parseDer(certDer))[0]!);
    // tbs: [0]version, serial, sigAlg, issuer, validity, subject, spki, ...
    entities.set(j.label, {
      label: j.label,
      role: j.role,
      issuerLabel: j.issuerLabel,
      keyAlgorithm: j.keyAlgorithm,
      certDer,
      certPem,
      privateKeyPkcs8Der: fromPem(keyPem),
      scenario: j.scenario,
      keyLabel: j.keyLabel,
      subject: j.subject,
      subjectDer: Uint8Array.from(whole(tbs[5]!)),
      serialHex: j.serialHex,
      notBefore: new Date(j.notBefore),
      notAfter: new Date(j.notAfter),
      spkiDer: Uint8Array.from(whole(tbs[6]!)),
      revocation: j.revocation
        ? { date: new Date(j.revocation.date), reason: j.revocation.reason as never, via: j.revocation.via as never }
        : undefined,
      crlLabel: j.crlLabel,
      ocspLabel: j.ocspLabel,
      kamusm: j.kamusm,
      description: j.description,
    });
  }
  return makePki({
    entities,
    name: idx.name,
    baseUrl: idx.baseUrl,
    referenceTime: new Date(idx.referenceTime),
    validationTime: new Date(idx.validationTime),
    crls: new Map(idx.crls.map(({ file: _f, pem: _p, ...c }) => [c.label, c])),
    ocspResponders: new Map(idx.ocspResponders.map((r) => [r.label, r])),
    tsas: new Map(idx.tsas.map((t) => [t.label, t])),
  });
}
