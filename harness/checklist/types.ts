// The checklist as the rest of the harness sees it (checklist/*.yaml after loading and cross-checking).

import type { Text } from "../core/text.ts";

export type { Text };

export type Part = "creation" | "verification" | "both" | "general";
export type Obligation = "Z" | "K" | "O" | "B";
export type EvidenceKind = "automated" | "observed" | "declared" | "form-field";
export type Method = "output-inspection" | "device-interaction" | "ui-observation" | "declaration" | "info-form-field";

/** Condition predicate over the app profile's capabilities (see checklist/README.md). Exactly one key. */
export type Predicate =
  | { declares: string }
  | { includes: { field: string; value: string } }
  | { equals: { field: string; value: string } }
  | { any: Predicate[] }
  | { all: Predicate[] }
  | { not: Predicate };

export interface Condition {
  footnotes?: number[];
  text: Text;
  when: Predicate;
}

export interface Provenance {
  source: "seed" | "inferred";
  confidence: "high" | "medium" | "low";
  obligationBasis: "printed" | "lost-letter-Z" | "implied" | "inferred";
  inferenceReason?: string;
  inferredParts?: string;
  refsRaw?: string;
  refsConfidence?: string;
  pageLoss?: string;
  notes?: string[];
}

export interface ChecklistItem {
  id: string;
  part: Part;
  section: string;
  heading?: string;
  obligation: Obligation;
  lead?: Text;
  text: Text;
  options?: Text[];
  footnotes?: number[];
  condition?: Condition;
  refs: string[];
  evidence: { kind: EvidenceKind; method: Method; also?: Method[] };
  relatedTests?: string[];
  provenance: Provenance;
  draftDifference?: { field: "id" | "obligation"; draft: string; reason: string }[];
  // Resolved at load time:
  file: string; // relative to the checklist dir, e.g. items/s07-sscd-iletisimi.yaml
  sectionTitle: Text;
  headingTitle?: Text;
}

export interface Heading {
  id: string;
  title: Text;
}

export interface Section {
  id: string;
  part: Part;
  title: Text;
  cwa?: string;
  headings: Heading[];
}

export interface Footnote {
  number: number;
  type: "condition" | "explanatory";
  text: Text;
  note?: string;
}

export interface Checklist {
  dir: string;
  sections: Section[];
  footnotes: Map<number, Footnote>;
  items: ChecklistItem[];
  byId: Map<string, ChecklistItem>;
}

export const OBLIGATIONS: Obligation[] = ["Z", "K", "O", "B"];
export const PARTS: Part[] = ["creation", "verification", "both", "general"];
