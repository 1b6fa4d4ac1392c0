// What a probe is and what it returns. Probes prove checklist items; an item no probe has proven is
// "not assessed", which is never shown as ✓.
import type { Text } from "../checklist/types.ts";

/** The form's marks (✓ ✗ ?) plus N-A for a K item whose condition does not hold, and "not assessed". */
export type Mark = "pass" | "fail" | "undetermined" | "not-applicable" | "not-assessed";

export interface Evidence {
  /** screenshot, dom-text, pkcs11-trace, signature, validation-report, stdout, … */
  kind: string;
  /** Path inside the campaign's evidence store. */
  path: string;
  sha256: string;
}

export interface Finding {
  itemId: string;
  mark: Mark;
  reason: Text;
  evidence: Evidence[];
}

/** Fixtures a probe needs, e.g. "pki", "card", "driver:web", "ades". */
export type Fixture = string;

export interface ProbeContext {
  /** Fixtures by name, provided by the campaign runner (typed by each fixture's owner). */
  fixtures: Record<Fixture, unknown>;
  /** Where this probe writes evidence files. */
  evidenceDir: string;
}

export interface Probe {
  id: string;
  title: Text;
  covers: string[];
  needs: Fixture[];
  run(ctx: ProbeContext): Promise<Finding[]>;
}
