// 10-3 (K: the application adds a time-stamp): the time-stamp's validity is checked (CWA 14171 11.7.7). The
// bad-timestamps session makes the campaign's TSA answer with tokens that must not be used (forged signature,
// wrong imprint, an untrusted TSA, an expired TSA certificate) while the application signs at a time-stamped
// level, after a control signing with a good token. The application must write no signature with a bad token;
// a signature it writes anyway is judged by uyum's validator's time-stamp checks (timestamp-*).
import type { Text } from "../../core/text.ts";
import type { BadTimestampCase } from "../../sessions/catalogue.ts";
import type { EvidenceRef } from "../../sessions/evidence.ts";
import { outcome, refsOf, spoken } from "../attempts.ts";
import { defineProbe, fail, pass, undetermined, type Judgement } from "../kit.ts";
import { reportAt } from "../outputs.ts";

type CaseVerdict = { verdict: "pass" | "fail" | "undetermined"; why: Text; refs: EvidenceRef[] };

function judgeCase(c: BadTimestampCase): CaseVerdict {
  const a = c.attempt;
  const o = outcome(a);
  const what = c.description;
  if (a.output) {
    const sig = a.output.validation.signatures[0];
    const bad = (sig?.checks ?? []).filter((k) => k.id.startsWith("timestamp") && k.result !== "passed");
    if (sig && bad.length > 0)
      return {
        verdict: "fail",
        why: {
          tr: `${what.tr}: uygulama yine de imza yazdı; uyum doğrulayıcısı: ${bad.map((k) => `${k.id}: ${k.reason.tr}`).join("; ")}`,
          en: `${what.en}: the application wrote a signature with it all the same; uyum's validator: ${bad.map((k) => `${k.id}: ${k.reason.en}`).join("; ")}`,
        },
        refs: [...bad.map((k) => reportAt(a.output!, sig, k.id)), ...refsOf(a)],
      };
    if (!sig || sig.timestamps.length === 0)
      return {
        verdict: "undetermined",
        why: {
          tr: `${what.tr}: uygulama zaman damgasız bir imza yazdı; hatalı belirteci kullanmadı ama denetlediği görülmedi`,
          en: `${what.en}: the application wrote a signature with no time-stamp; the bad token was not used, but no check of it was seen`,
        },
        refs: refsOf(a),
      };
    return {
      verdict: "pass",
      why: {
        tr: `${what.tr}: uygulamanın yazdığı imzanın zaman damgası geçerli (hatalı belirteç kullanılmadı)`,
        en: `${what.en}: the signature the application wrote carries a valid time-stamp (the bad token was not used)`,
      },
      refs: refsOf(a),
    };
  }
  if (a.timedOut)
    return {
      verdict: "fail",
      why: { tr: `${what.tr}: uygulama ${o.tr}`, en: `${what.en}: the application ${o.en}` },
      refs: refsOf(a),
    };
  return {
    verdict: "pass",
    why: { tr: `${what.tr}: uygulama ${o.tr}`, en: `${what.en}: the application ${o.en}` },
    refs: spoken(a),
  };
}

export default defineProbe({
  how: {
    tr: "Kampanyanın zaman damgası sunucusu önce geçerli (denetim), sonra hatalı belirteçler döndürür (sahte imza, yanlış özet, güvenilmeyen köke zincirlenen ZD, süresi dolmuş ZD sertifikası) ve uygulamadan zaman damgalı seviyede imza istenir. Uygulama hatalı belirteçle imza yazmamalıdır; yazdığı her imza uyum doğrulayıcısının zaman damgası denetimleriyle (timestamp-*) değerlendirilir.",
    en: "The campaign's time-stamp server answers first with a good token (the control), then with bad ones (forged signature, wrong imprint, a TSA chained to an untrusted root, an expired TSA certificate) while the application signs at a time-stamped level. It must write no signature with a bad token; any signature it writes is judged by uyum's validator's time-stamp checks (timestamp-*).",
  },
  uses: ["bad-timestamps"],
  judge(given): Judgement {
    const e = given["bad-timestamps"];
    if (e.cases.length === 0)
      return undetermined(
        {
          tr: `Zaman damgalı imza istenemedi: ${e.skipped ?? "oturum hiçbir durum çalıştırmadı"}.`,
          en: `No time-stamped signature could be asked for: ${e.skipped ?? "the session ran no case"}.`,
        },
        [e.trace.ref],
      );
    const control = e.cases.find((c) => c.fault === "none");
    if (control && !control.attempt.output) {
      const o = outcome(control.attempt);
      return undetermined(
        {
          tr: `Geçerli bir zaman damgasıyla bile uygulama ${o.tr}: hatalı belirteçleri reddetmesi bir şey kanıtlamaz.`,
          en: `Even with a good time-stamp the application ${o.en}: its refusing the bad tokens proves nothing.`,
        },
        refsOf(control.attempt),
      );
    }
    const rows = e.cases.filter((c) => c.fault !== "none").map(judgeCase);
    if (rows.length === 0)
      return undetermined({ tr: "Hiçbir hatalı belirteç denenmedi.", en: "No bad token was tried." }, [e.trace.ref]);
    const join = (vs: CaseVerdict[], lang: "tr" | "en") => vs.map((v) => v.why[lang]).join("; ");
    const refs = (vs: CaseVerdict[]) => vs.flatMap((v) => v.refs);
    const failed = rows.filter((r) => r.verdict === "fail");
    if (failed.length > 0) return fail({ tr: `${join(failed, "tr")}.`, en: `${join(failed, "en")}.` }, refs(failed));
    const open = rows.filter((r) => r.verdict === "undetermined");
    if (open.length > 0) return undetermined({ tr: `${join(open, "tr")}.`, en: `${join(open, "en")}.` }, refs(open));
    return pass(
      {
        tr: `Geçerli belirteçle imzaladı; hatalı belirteçlerin hiçbiriyle imza yazmadı: ${join(rows, "tr")}.`,
        en: `It signed with a good token and wrote no signature with any bad one: ${join(rows, "en")}.`,
      },
      [...(control?.attempt.output ? [control.attempt.output.report] : []), ...refs(rows)],
    );
  },
});
