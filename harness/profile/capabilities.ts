// The closed set of capability names. Defined once, in the app-profile JSON Schema
// ($defs.capabilities), and read from there by the predicate checker, so a condition can only name what a
// profile can declare, and a typo on either side is an error.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const PROFILE_SCHEMA_PATH = fileURLToPath(new URL("./app-profile.schema.json", import.meta.url));
export const PROFILE_SCHEMA = JSON.parse(readFileSync(PROFILE_SCHEMA_PATH, "utf8")) as Record<string, any>;

export type CapabilityKind = "flag" | "list" | "choice";

export interface Capability {
  name: string;
  kind: CapabilityKind; // flag: boolean; list: array (of enum values when `values` is set); choice: one enum value
  values?: string[];
  description: string;
}

function fromSchema(): Map<string, Capability> {
  const props = PROFILE_SCHEMA.$defs.capabilities.properties as Record<string, any>;
  const out = new Map<string, Capability>();
  for (const [name, s] of Object.entries(props)) {
    const description = String(s.description ?? "");
    if (s.type === "boolean") out.set(name, { name, kind: "flag", description });
    else if (s.type === "array") out.set(name, { name, kind: "list", values: s.items?.enum, description });
    else if (Array.isArray(s.enum)) out.set(name, { name, kind: "choice", values: s.enum, description });
    else throw new Error(`app-profile schema: capability ${name} has a shape the predicate language cannot use`);
  }
  return out;
}

export const CAPABILITIES: ReadonlyMap<string, Capability> = fromSchema();

/** Declared capability values of a profile; a missing key means "the profile does not say". */
export type Capabilities = Record<string, boolean | string | string[] | undefined>;
