// The verifier-agreement engine: the probes of sections 11–15 that are judged from the application's verdicts on
// the vector set (the verify-vectors session's matrix) are data over this one judge. An item names the vectors it
// is about (KAMU SM scenario numbers, our scenario classes, or manifest tags), the controls a verifier must call
// valid, and the validator check ids that explain them; each selected vector is judged against its own expected
// verdict (16_2 is valid with a time-stamp and not without one), so a spec never restates a verdict.
//
// valid ↔ TOTAL-PASSED; invalid or indeterminate ↔ TOTAL-FAILED or INDETERMINATE. An app that says "invalid"
// where INDETERMINATE is expected is right (KAMU SM's "geçersiz" covers both; the judgement says so); an app that
// says "valid" for a revoked, tampered, … signature, or anything but valid for a control, is wrong.
import { catalogueEntry } from "../../ades/catalogue.ts";
import type { Text } from "../../core/text.ts";
import type { VerifierRow, VerifyVectorsEvidence } from "../../sessions/catalogue.ts";
import { at, type EvidenceRef } from "../../sessions/evidence.ts";
import { defineProbe, fail, notApplicable, pass, undetermined, type Judgement, type Probe } from "../kit.ts";

/**
 * Which vectors: `"16_1"` a scenario exactly (KAMU SM's number as they write it, or our class such as
 * `"cert-unknown-root"`); `"40-49:*"` every scenario that starts with `40-49:`; `"tag:revocation"` every vector
 * with that manifest tag; `"*"` every vector. Vectors not given to the application (`notDeclared`) carry no
 * tags, so only scenario selectors can find them there.
 */
export type Selector = string;

export interface AgreementSpec {
  /** The vectors the item is about: each must get its own expected verdict (mostly: not valid). */
  vectors: Selector[];
  /** Controls the application must call valid, so a verifier that rejects everything is not ✓. */
  controls: Selector[];
  /** Check ids of uyum's validator (harness/ades/catalogue.ts) that explain why the vectors are not valid. */
  checks: string[];
  /** Also require the application's own words for every verdict that is not "valid" (a reason, not silence). */
  reasons?: boolean;
  /** An observed item (what the verifier shows): the verdicts and words give only a suggested mark, until an
   *  assessor confirms it on the screen. */
  suggested?: boolean;
}

export function selects(selector: Selector, v: { scenario: string; tags?: string[] }): boolean {
  if (selector === "*") return true;
  if (selector.startsWith("tag:")) return v.tags?.includes(selector.slice(4)) ?? false;
  if (selector.endsWith("*")) return v.scenario.startsWith(selector.slice(0, -1));
  return v.scenario === selector;
}
const selectsAny = (ss: Selector[], v: { scenario: string; tags?: string[] }) => ss.some((s) => selects(s, v));

/** Selectors that name a check id or a scenario form wrongly: for the specs' own tests. */
export function specProblems(spec: AgreementSpec): string[] {
  const out: string[] = [];
  if (spec.vectors.length === 0) out.push("no vectors: the item would have nothing to prove it");
  if (spec.controls.length === 0) out.push("no controls: a verifier that rejects everything would pass");
  // "revocation-ca" names the family revocation-ca-N (the N-th CA certificate of the path)
  for (const c of spec.checks)
    if (!catalogueEntry(c) && !catalogueEntry(`${c}-1`))
      out.push(`check id "${c}" is not in harness/ades/catalogue.ts`);
  for (const s of [...spec.vectors, ...spec.controls])
    if (s.trim() !== s || s === "" || (s.includes("*") && !s.endsWith("*"))) out.push(`selector "${s}" is malformed`);
  return out;
}

type RowOutcome = "right" | "right-coarse" | "wrong" | "no-answer";

/** One row against its expected verdict. */
export function rowOutcome(r: VerifierRow): RowOutcome {
  const said = r.app.verdict;
  if (said === "no-answer") return "no-answer";
  const expectValid = r.expected.indication === "TOTAL-PASSED";
  if (expectValid) return said === "valid" ? "right" : "wrong";
  if (said === "valid") return "wrong";
  return r.expected.indication === "INDETERMINATE" && said === "invalid" ? "right-coarse" : "right";
}

const verdictText = (e: VerifierRow["expected"]) => `${e.indication}${e.subIndication ? "/" + e.subIndication : ""}`;
const quote = (s: string) => (s.length > 80 ? `${s.slice(0, 77)}…` : s).replace(/\s+/g, " ");
function listed(xs: string[], max = 6): string {
  return xs.length <= max ? xs.join(", ") : `${xs.slice(0, max).join(", ")} (+${xs.length - max})`;
}

/** The spec's check ids among those uyum's validator failed on this row (all failed ones when none match). */
function explainingChecks(spec: AgreementSpec, r: VerifierRow): string[] {
  const mine = r.uyum.failedChecks.filter(
    (c) => spec.checks.includes(c) || spec.checks.some((s) => c.startsWith(s + "-")),
  );
  return mine.length > 0 ? mine : r.uyum.failedChecks;
}

function wrongLine(spec: AgreementSpec, r: VerifierRow): Text {
  const checks = explainingChecks(spec, r);
  const said = `"${r.app.verdict}"${r.app.text ? ` ("${quote(r.app.text)}")` : ""}`;
  const why = checks.length ? `; ${checks.join(", ")}` : "";
  return {
    tr: `${r.vector} (senaryo ${r.scenario}): beklenen ${verdictText(r.expected)}, uygulama ${said}${why}`,
    en: `${r.vector} (scenario ${r.scenario}): expected ${verdictText(r.expected)}, the app said ${said}${why}`,
  };
}

// Words that only restate a verdict ("İmza geçersiz", "signature is not valid"): no reason. Folded form (ı → i).
const VERDICT_WORDS = new Set(
  (
    "imza imzasi imzanin geçersiz gecersiz geçerli gecerli değil degil belirsiz sonuç sonuc doğrulama dogrulama " +
    "başarisiz basarisiz signature is not valid invalid indeterminate verification failed result the"
  ).split(" "),
);
/** Whether the application's words say more than the verdict (Turkish dotted/dotless I folded). */
export function givesReason(text: string): boolean {
  const folded = text.replace(/[İIı]/g, "i").toLowerCase();
  return folded.split(/[^\p{L}]+/u).some((w) => w.length > 1 && !VERDICT_WORDS.has(w));
}

/** Judges one item's spec over the verify-vectors evidence. Pure. */
export function judgeAgreement(spec: AgreementSpec, ev: VerifyVectorsEvidence): Judgement {
  const j = judgeRows(spec, ev);
  return spec.suggested && (j.verdict === "pass" || j.verdict === "fail") ? { ...j, suggested: true } : j;
}

function judgeRows(spec: AgreementSpec, ev: VerifyVectorsEvidence): Judgement {
  const refOf = (r: VerifierRow): EvidenceRef[] => [at(ev.matrix, r.vector), ...(r.ref ? [r.ref] : [])];
  const subjects = ev.rows.filter((r) => selectsAny(spec.vectors, r));
  const controls = ev.rows.filter((r) => !selectsAny(spec.vectors, r) && selectsAny(spec.controls, r));
  const judged = [...subjects, ...controls];
  const time: Text = ev.timeTold
    ? { tr: "", en: "" }
    : {
        tr: " Sürücü uygulamaya doğrulama zamanını söyleyemedi: uygulama kendi 'şimdi'sinde doğruladı.",
        en: " The driver could not tell the application the validation time: it verified at its own 'now'.",
      };

  const wrong = judged.filter((r) => rowOutcome(r) === "wrong");
  if (wrong.length > 0) {
    const lines = wrong.map((r) => wrongLine(spec, r));
    return fail(
      {
        tr: `Uygulamanın doğrulayıcısı ${judged.length} test imzasının ${wrong.length} tanesinde yanlış karar verdi: ${listed(
          lines.map((l) => l.tr),
          4,
        )}.${time.tr}`,
        en: `The application's verifier got ${wrong.length} of ${judged.length} test signatures wrong: ${listed(
          lines.map((l) => l.en),
          4,
        )}.${time.en}`,
      },
      wrong.flatMap(refOf),
    );
  }

  // the vectors that prove the item: those the app must not call valid
  const rejections = subjects.filter((r) => r.expected.indication !== "TOTAL-PASSED");
  const undeclared = ev.notDeclared.filter((n) => selectsAny(spec.vectors, n));
  if (rejections.length === 0 && undeclared.length > 0) {
    const why = [...new Map(undeclared.map((n) => [n.reason.en, n.reason])).values()];
    return notApplicable(
      {
        tr: `Bu maddenin test imzalarının hiçbiri uygulamanın bildirdiği biçimlerde değil (${listed(
          undeclared.map((n) => n.vector),
          4,
        )}): ${why.map((w) => w.tr).join("; ")}.`,
        en: `None of this item's test signatures is in a form the application declares (${listed(
          undeclared.map((n) => n.vector),
          4,
        )}): ${why.map((w) => w.en).join("; ")}.`,
      },
      [ev.matrix],
    );
  }
  // the session's own word on why it gave the application nothing (no verifying face, …), when it has one
  const unavailable = ev.unavailable;
  if (rejections.length === 0 && unavailable)
    return undetermined(
      {
        tr: `Oturum uygulamaya hiçbir test imzası veremedi: ${unavailable.tr}`,
        en: `The session could give the application no test signature: ${unavailable.en}`,
      },
      [ev.matrix],
    );
  if (rejections.length === 0)
    return undetermined(
      {
        tr: `Oturum çalıştı ama bu maddenin test imzaları (${spec.vectors.join(", ")}) ne uygulamaya verildi ne de bildirilmediği için ayrıldı: vektör kümesinde yoklar.`,
        en: `The session ran but this item's test signatures (${spec.vectors.join(", ")}) were neither given to the application nor set aside as undeclared: the vector set lacks them.`,
      },
      [ev.matrix],
    );

  const silent = judged.filter((r) => rowOutcome(r) === "no-answer");
  if (silent.length > 0)
    return undetermined(
      {
        tr: `Uygulama ${silent.length} test imzasında karar vermedi: ${listed(silent.map((r) => `${r.vector} (${r.app.ended ?? "yanıt yok"})`))}.`,
        en: `The application gave no verdict on ${silent.length} test signatures: ${listed(silent.map((r) => `${r.vector} (${r.app.ended ?? "no answer"})`))}.`,
      },
      silent.flatMap(refOf),
    );
  if (
    !controls.some((r) => r.expected.indication === "TOTAL-PASSED") &&
    !subjects.some((r) => r.expected.indication === "TOTAL-PASSED")
  )
    return undetermined(
      {
        tr: `Uygulama ${rejections.length} test imzasını doğru biçimde geçerli saymadı, ama geçerli olması gereken hiçbir karşılaştırma imzası (${spec.controls.join(", ")}) uygulamaya verilmedi: her şeyi reddeden bir doğrulayıcıdan ayırt edilemiyor.`,
        en: `The application rightly did not call ${rejections.length} test signatures valid, but no control it must call valid (${spec.controls.join(", ")}) was given to it: it cannot be told from a verifier that rejects everything.`,
      },
      [ev.matrix],
    );

  if (spec.reasons) {
    const mute = judged.filter((r) => r.app.verdict !== "valid" && !givesReason(r.app.text));
    if (mute.length > 0)
      return fail(
        {
          tr: `Uygulama ${mute.length} imzayı geçerli saymadı ama nedenini söylemedi: ${listed(mute.map((r) => r.vector))}.`,
          en: `The application did not call ${mute.length} signatures valid but gave no reason: ${listed(mute.map((r) => r.vector))}.`,
        },
        mute.flatMap(refOf),
      );
  }

  const coarse = judged.filter((r) => rowOutcome(r) === "right-coarse");
  const valid = judged.filter((r) => r.expected.indication === "TOTAL-PASSED");
  const checks = [...new Set(rejections.flatMap((r) => explainingChecks(spec, r)))];
  const coarseNote: Text =
    coarse.length === 0
      ? { tr: "", en: "" }
      : {
          tr: ` ${coarse.length} BELİRSİZ (INDETERMINATE) imzaya 'geçersiz' dedi: kabul edildi, KAMU SM'nin 'geçersiz'i ikisini de kapsar (${listed(
            coarse.map((r) => r.vector),
            3,
          )}).`,
          en: ` It said "invalid" for ${coarse.length} INDETERMINATE signatures: accepted, KAMU SM's "geçersiz" covers both (${listed(
            coarse.map((r) => r.vector),
            3,
          )}).`,
        };
  const notGiven: Text =
    undeclared.length === 0
      ? { tr: "", en: "" }
      : {
          tr: ` Bildirilmeyen biçimlerdeki ${undeclared.length} imza verilmedi.`,
          en: ` ${undeclared.length} signatures in forms it does not declare were not given.`,
        };
  return pass(
    {
      tr: `Uygulamanın doğrulayıcısı ${judged.length} test imzasının hepsinde doğru karar verdi: ${rejections.length} imzayı geçerli saymadı (${listed(
        rejections.map((r) => r.vector),
        4,
      )}${checks.length ? `; denetimler: ${checks.join(", ")}` : ""}), ${valid.length} imzaya geçerli dedi.${coarseNote.tr}${notGiven.tr}${time.tr}`,
      en: `The application's verifier got all ${judged.length} test signatures right: it did not call ${rejections.length} valid (${listed(
        rejections.map((r) => r.vector),
        4,
      )}${checks.length ? `; checks: ${checks.join(", ")}` : ""}) and called ${valid.length} valid.${coarseNote.en}${notGiven.en}${time.en}`,
    },
    [...rejections, ...valid].map((r) => at(ev.matrix, r.vector)),
  );
}

/** The selectors of the vectors an agreement probe reads (its vectors and controls); undefined for any other probe
 *  (it may read any vector). The campaign gives an --only selection no more vectors than its probes need. */
export function vectorsNeeded(probe: object): Selector[] | undefined {
  const spec = (probe as { spec?: AgreementSpec }).spec;
  return spec ? [...spec.vectors, ...spec.controls] : undefined;
}

/** Whether any of `selectors` picks the vector. */
export const picksVector = (selectors: Selector[], v: { scenario: string; tags?: string[] }) =>
  selectsAny(selectors, v);

/** One item's probe: how it is proven (tr/en) and its spec; the judge is the engine's. */
export function agreementProbe(p: AgreementSpec & { how: Text }): Probe<readonly ["verify-vectors"]> & {
  spec: AgreementSpec;
} {
  const { how, ...spec } = p;
  return {
    ...defineProbe({
      how,
      uses: ["verify-vectors"] as const,
      judge: (given) => judgeAgreement(spec, given["verify-vectors"]),
    }),
    spec,
  };
}
