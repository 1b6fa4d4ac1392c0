// The EU DSS samples in ../shared/ground-truth/dss-samples and what an independent tool (openssl cms for CMS,
// pdfsig for PDFs) says of each file's signature math, and the same question asked of uyum's result.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ValidationResult } from "../../ades/report.ts";

export interface IndependentVerdict {
  tool: string;
  /** openssl cms -verify -noverify: OK, FAIL, or NOCONTENT (a detached signature without its document). */
  verdict?: string;
  message?: string;
  /** pdfsig: one line per signature, in the PDF's order. */
  verdicts?: string[];
  subFilters?: string[];
}

export function dssVerdicts(shared: string): Record<string, IndependentVerdict> {
  return JSON.parse(
    readFileSync(join(shared, "ground-truth", "dss-samples", "independent-verdicts.json"), "utf8"),
  ) as Record<string, IndependentVerdict>;
}

/**
 * What uyum says of the signature math of one signature report: "OK" when message digest and signature value
 * pass, "FAIL" when either fails (HASH_FAILURE / SIG_CRYPTO_FAILURE), "NOCONTENT" when the signed data is
 * missing, "FORMAT" when uyum could not read it, "UNSUPPORTED" when uyum cannot verify the algorithm.
 */
export type MathVerdict = "OK" | "FAIL" | "NOCONTENT" | "NOCERT" | "FORMAT" | "UNSUPPORTED";

export function mathOf(checks: ValidationResult["checks"]): { verdict: MathVerdict; why: string } {
  const by = (id: string) => checks.find((c) => c.id === id);
  const fmt = by("format");
  if (fmt?.result === "failed") return { verdict: "FORMAT", why: fmt.reason.en };
  if (by("signed-data")?.result === "indeterminate") return { verdict: "NOCONTENT", why: by("signed-data")!.reason.en };
  const md = by("message-digest");
  const sv = by("signature-value");
  if (md?.subIndication === "SIGNED_DATA_NOT_FOUND" || /not available|not found/i.test(md?.reason.en ?? ""))
    return { verdict: "NOCONTENT", why: md!.reason.en };
  if (sv?.result === "indeterminate") return { verdict: "UNSUPPORTED", why: sv.reason.en };
  if (md?.result === "failed") return { verdict: "FAIL", why: md.reason.en };
  if (sv?.result === "failed") return { verdict: "FAIL", why: sv.reason.en };
  if (md?.result === "passed" && sv?.result === "passed") return { verdict: "OK", why: "" };
  const sc = by("signing-certificate");
  if (sc?.result === "indeterminate" && !md && !sv) return { verdict: "NOCERT", why: sc.reason.en };
  return { verdict: "FORMAT", why: `no math checks (${checks.map((c) => `${c.id}:${c.result}`).join(", ")})` };
}

/**
 * Does uyum's math verdict agree with openssl's? A file both reject agrees (openssl FAIL: uyum FAIL, or FORMAT
 * when uyum cannot read it either); openssl's "signer certificate not found" is uyum's NOCERT.
 */
export function agreesWithOpenssl(iv: IndependentVerdict, u: MathVerdict): boolean {
  if (iv.verdict === "FAIL")
    return u === "FAIL" || u === "FORMAT" || (u === "NOCERT" && /signer certificate not found/.test(iv.message ?? ""));
  return iv.verdict === u;
}
