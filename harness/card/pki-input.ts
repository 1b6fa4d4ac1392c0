// What the card needs from a written test PKI: per entity, its certificate and PKCS#8 key files, from the
// pki.json index as the PKI's own store reads it (harness/pki/store.ts), so the two cannot drift apart.
import { join, resolve } from "node:path";
import { UserError } from "../core/errors.ts";
import { readPkiJson } from "../pki/store.ts";

export interface CardPkiEntity {
  label: string;
  role: string;
  issuerLabel?: string;
  keyAlgorithm: string;
  certPath: string;
  keyPath?: string;
  subject?: string;
  scenario?: string;
}

/** The entities of the PKI written in dir, by label. */
export function readPkiIndex(dir: string): Map<string, CardPkiEntity> {
  const root = resolve(dir);
  const index = readPkiJson(root);
  if (index.entities.length === 0) throw new UserError(`${join(root, "pki.json")}: field "entities" lists no entity`);
  return new Map(
    index.entities.map((e) => [
      e.label,
      {
        label: e.label,
        role: e.role,
        issuerLabel: e.issuerLabel,
        keyAlgorithm: e.keyAlgorithm,
        certPath: join(root, e.cert),
        keyPath: join(root, e.key),
        subject: e.subject,
        scenario: e.scenario,
      },
    ]),
  );
}

/** Issuer chain of an entity, nearest first, up to (and including) its root. */
export function chainOf(index: Map<string, CardPkiEntity>, label: string): CardPkiEntity[] {
  const chain: CardPkiEntity[] = [];
  let cur = index.get(label);
  const seen = new Set<string>([label]);
  while (cur?.issuerLabel && !seen.has(cur.issuerLabel)) {
    seen.add(cur.issuerLabel);
    const issuer = index.get(cur.issuerLabel);
    if (!issuer) break;
    chain.push(issuer);
    cur = issuer;
  }
  return chain;
}
