// 7.2-1 (K: the SSCD hosts applications other than signing): the software selects the signature application.
// The multi-application session gives the application a card of its own whose first listed application (token)
// is another one (authentication, with its own key and certificate, opened by the same PIN), the signature
// application after it. The trace ties each session to its slot (C_OpenSession), so every C_Login and C_Sign
// says which application it reached: ✗ for a login into, or a signature with, the other application; ✓ when the
// signature was made in the signature application and the other one was never logged into.
import type { TraceEvent } from "../../card/trace.ts";
import { at } from "../../sessions/evidence.ts";
import { outcome, refsOf } from "../attempts.ts";
import { defineProbe, fail, pass, undetermined, type Judgement } from "../kit.ts";

const isUserLogin = (e: TraceEvent) =>
  e.fn === "C_Login" && (e.user === "CKU_USER" || e.user === "CKU_CONTEXT_SPECIFIC");
const isSignature = (e: TraceEvent) =>
  e.rv === "CKR_OK" && !e.size_query && (e.fn === "C_Sign" || e.fn === "C_SignFinal");
const seqs = (es: TraceEvent[]) => `seq ${es.map((e) => e.seq).join(",")}`;

/** The slot each (process, session) was opened on. */
function sessionSlots(events: TraceEvent[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const e of events)
    if (e.fn === "C_OpenSession" && e.rv === "CKR_OK" && e.session !== undefined && e.slot !== undefined)
      m.set(`${e.pid}:${e.session}`, e.slot);
  return m;
}

export default defineProbe({
  how: {
    tr: "Oturuma ait kartta imza uygulamasından önce listelenen başka bir uygulama (kendi anahtarı ve sertifikasıyla ayrı bir jeton, aynı PIN) bulunur; uygulama bir kez imzalar. Kartın izinde her oturumun hangi yuvada açıldığı (C_OpenSession) ve C_Login ile C_Sign'ın hangi uygulamaya gittiği okunur: diğer uygulamada oturum açmak ya da onun anahtarıyla imzalamak ✗; imza, imza uygulamasında atılmışsa ✓.",
    en: "The session's own card lists another application (a token of its own with its own key and certificate, same PIN) before the signature application; the application signs once. The card's trace shows the slot each session was opened on (C_OpenSession) and so which application each C_Login and C_Sign reached: logging into the other application or signing with its key is ✗; a signature made in the signature application is ✓.",
  },
  uses: ["multi-application"],
  judge(given): Judgement {
    const e = given["multi-application"];
    const { trace } = e;
    if (e.skipped || !e.attempt)
      return undetermined(
        {
          tr: `Çok uygulamalı kartta imza istenemedi: ${e.skipped ?? "oturum bir imza istemedi"}.`,
          en: `No signature could be asked for on the multi-application card: ${e.skipped ?? "the session asked for none"}.`,
        },
        trace.events.length ? [trace.ref] : [], // an empty trace is no evidence
      );
    const a = e.attempt;
    const bySlot = new Map(e.applications.map((x) => [x.slot, x]));
    const slots = sessionSlots(trace.events);
    const appOf = (ev: TraceEvent) => bySlot.get(slots.get(`${ev.pid}:${ev.session}`) ?? -1);
    const other = e.applications.filter((x) => x.role === "other");
    const otherKeys = new Set(other.flatMap((x) => x.keys));
    const otherNames = other.map((x) => x.label).join(", ");
    const signs = trace.events.filter(isSignature);
    const wrongSigns = signs.filter((ev) => appOf(ev)?.role === "other" || (ev.label && otherKeys.has(ev.label)));
    const logins = trace.events.filter((ev) => isUserLogin(ev) && appOf(ev)?.role === "other");
    if (wrongSigns.length > 0)
      return fail(
        {
          tr: `Uygulama kartın diğer uygulamasının (${otherNames}) anahtarıyla imzaladı: ${[...new Set(wrongSigns.map((s) => s.label ?? "?"))].join(", ")}; imza uygulamasını seçmedi.`,
          en: `The application signed with the key of the card's other application (${otherNames}): ${[...new Set(wrongSigns.map((s) => s.label ?? "?"))].join(", ")}; it did not select the signature application.`,
        },
        [at(trace.ref, seqs([...logins, ...wrongSigns])), ...refsOf(a)],
      );
    if (logins.length > 0)
      return fail(
        {
          tr: `Uygulama kartın diğer uygulamasında (${otherNames}) erişim verisiyle oturum açtı (${logins.map((l) => l.rv).join(", ")}): PIN, imza uygulamasına değil başka bir uygulamaya gitti.`,
          en: `The application logged into the card's other application (${otherNames}) with the PIN (${logins.map((l) => l.rv).join(", ")}): the PIN went to another application, not to the signature one.`,
        },
        [at(trace.ref, seqs(logins)), ...refsOf(a)],
      );
    const right = signs.filter((ev) => appOf(ev)?.role === "signing");
    const opened = trace.events.filter((ev) => ev.fn === "C_OpenSession" && ev.rv === "CKR_OK");
    const openedOther = opened.filter((ev) => bySlot.get(ev.slot ?? -1)?.role === "other");
    if (right.length === 0 && openedOther.length > 0 && openedOther.length === opened.length)
      return fail(
        {
          tr: `Uygulama yalnızca kartın diğer uygulamasında (${otherNames}) oturum açtı, imza uygulamasında hiç açmadı ve imza atmadı (uygulama ${outcome(a).tr}): imza uygulamasını seçmedi.`,
          en: `The application opened sessions only on the card's other application (${otherNames}), never on the signature one, and signed nothing (the application ${outcome(a).en}): it did not select the signature application.`,
        },
        [at(trace.ref, seqs(openedOther)), ...refsOf(a)],
      );
    if (right.length === 0)
      return undetermined(
        {
          tr: `Kartta imza uygulamasında imza atılmadı (uygulama ${outcome(a).tr}): seçim görülemedi.`,
          en: `No signature was made in the card's signature application (the application ${outcome(a).en}): the choice could not be seen.`,
        },
        [trace.ref, ...refsOf(a)],
      );
    const signing = e.applications.find((x) => x.role === "signing");
    const firstIsOther = e.applications[0]?.role === "other";
    return pass(
      {
        tr: `Kartta ${e.applications.length} uygulama vardı (${e.applications.map((x) => x.label).join(", ")}${firstIsOther ? "; diğer uygulama önce listelendi" : ""}); uygulama imza uygulamasını (${signing?.label ?? "?"}) seçti: oturum açma ve imza (${right.map((s) => s.label ?? "?").join(", ")}) orada, diğerine hiç giriş yok.`,
        en: `The card held ${e.applications.length} applications (${e.applications.map((x) => x.label).join(", ")}${firstIsOther ? "; the other one listed first" : ""}); the application selected the signature application (${signing?.label ?? "?"}): its login and signature (${right.map((s) => s.label ?? "?").join(", ")}) were there, and it never logged into the other.`,
      },
      [at(trace.ref, seqs(right)), ...refsOf(a)],
    );
  },
});
