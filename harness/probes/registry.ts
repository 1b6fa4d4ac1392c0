// The probe registry: probes register themselves here; the campaign and coverage read it. Registration
// checks the shape; `validateProbes` checks the covered item ids against the loaded checklist.
import type { Checklist } from "../checklist/types.ts";
import type { Probe } from "./types.ts";

const PROBE_ID = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/;

export class ProbeRegistry {
  readonly #probes = new Map<string, Probe>();

  register(probe: Probe): void {
    if (!PROBE_ID.test(probe.id)) throw new Error(`probe id "${probe.id}" must be lower-case words joined by - or .`);
    if (this.#probes.has(probe.id)) throw new Error(`probe "${probe.id}" is registered twice`);
    if (probe.covers.length === 0) throw new Error(`probe "${probe.id}" covers no checklist item`);
    if (new Set(probe.covers).size !== probe.covers.length)
      throw new Error(`probe "${probe.id}" lists a covered item twice`);
    this.#probes.set(probe.id, probe);
  }

  list(): Probe[] {
    return [...this.#probes.values()];
  }

  get(id: string): Probe | undefined {
    return this.#probes.get(id);
  }
}

/** Problems with the registered probes against a checklist: covered ids that do not exist. */
export function validateProbes(probes: Probe[], checklist: Checklist): string[] {
  const out: string[] = [];
  for (const p of probes)
    for (const id of p.covers)
      if (!checklist.byId.has(id)) out.push(`probe ${p.id}: covers unknown checklist item "${id}"`);
  return out;
}

/** The process-wide registry. No probes are registered yet. */
export const registry = new ProbeRegistry();
