// Reads what the card needs from a written test PKI: the pki.json index (see the PKI contract) and, per
// entity, its certificate and PKCS#8 key files. Only the fields the card uses are read, so the card does
// not break when the PKI's index grows.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { UserError } from "../core/errors.ts";

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

function field(obj: Record<string, unknown>, name: string, where: string): string {
  const v = obj[name];
  if (typeof v !== "string" || v === "") throw new UserError(`${where}: field "${name}" is missing or not a string`);
  return v;
}

/** The entities of the PKI written in dir, by label. */
export function readPkiIndex(dir: string): Map<string, CardPkiEntity> {
  const file = join(resolve(dir), "pki.json");
  if (!existsSync(file))
    throw new UserError(`${file}: no pki.json here (write the test PKI first: uyum pki init --out DIR)`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new UserError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  const raw = (json as { entities?: unknown }).entities;
  const list: unknown[] = Array.isArray(raw) ? raw : raw && typeof raw === "object" ? Object.values(raw) : [];
  if (list.length === 0) throw new UserError(`${file}: field "entities" lists no entity`);
  const out = new Map<string, CardPkiEntity>();
  list.forEach((e, i) => {
    if (!e || typeof e !== "object") throw new UserError(`${file}: entities[${i}] is not an object`);
    const o = e as Record<string, unknown>;
    const where = `${file}: entities[${i}]`;
    const label = field(o, "label", where);
    const cert = field(o, "cert", `${where} (${label})`);
    out.set(label, {
      label,
      role: typeof o.role === "string" ? o.role : "other",
      issuerLabel: typeof o.issuerLabel === "string" ? o.issuerLabel : undefined,
      keyAlgorithm: typeof o.keyAlgorithm === "string" ? o.keyAlgorithm : "unknown",
      certPath: join(resolve(dir), cert),
      keyPath: typeof o.key === "string" && o.key !== "" ? join(resolve(dir), o.key) : undefined,
      subject: typeof o.subject === "string" ? o.subject : undefined,
      scenario: typeof o.scenario === "string" ? o.scenario : undefined,
    });
  });
  return out;
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
