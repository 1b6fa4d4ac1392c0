// Reads ../shared/kamusm/kontrol-listesi.draft.yaml, the reconstruction our checklist/ was converted from.
// Used only by the one-off converter and by tests that cross-check checklist/ against it; the harness never
// needs it at run time.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

export interface DraftItem {
  id: string;
  part: string;
  section_no: string;
  section_title_tr: string;
  section_title_en: string;
  heading_no?: string;
  obligation: "Z" | "K" | "O" | "B";
  obligation_basis: string;
  text_tr: string;
  text_en: string;
  lead_tr?: string;
  lead_en?: string;
  options?: { tr: string; en: string }[];
  footnotes?: number[];
  condition_tr?: string;
  condition_en?: string;
  refs: string[];
  refs_raw?: string;
  refs_confidence?: string;
  kind: string;
  also?: string[];
  source: string;
  confidence: string;
  inference_reason?: string;
  inferred_parts?: string;
  related_tests?: string[];
  note?: string;
}

export interface Draft {
  meta: {
    footnotes: Record<string, { tr: string; en: string; type: string; note?: string }>;
    sections: { no: string; tr: string; en: string; part: string; cwa: string; subs: [string, string, string][] }[];
  };
  stats: {
    total_items: number;
    by_source: Record<string, number>;
    by_obligation: Record<string, number>;
    by_part: Record<string, number>;
    by_section: Record<string, number>;
  };
  items: DraftItem[];
}

/**
 * The draft as published has one YAML defect: an apostrophe ("KAMU SM's") inside a single-quoted scalar in
 * meta.field_notes. We repair exactly that (doubling the quote) and refuse anything else that fails to parse.
 */
export function readDraft(sharedDir: string): Draft {
  const file = join(sharedDir, "kamusm", "kontrol-listesi.draft.yaml");
  const text = readFileSync(file, "utf8").replace("(KAMU SM's MA3/ESYA", "(KAMU SM''s MA3/ESYA");
  return parse(text) as Draft;
}
