// D-7 (declared): other components, applications and channels on the machine cannot influence the signing.
// uyum cannot prove the declaration, but it can disprove it for a localhost signer agent: the agent-exposure
// session sees whether it listens beyond loopback, answers a foreign origin's page with credentials, or accepts
// a signed request sent a second time. Any of these is ✗ with the evidence; otherwise the vendor's declaration
// is judged as every declaration is (by-kind/declared.ts).
import declared from "../by-kind/declared.ts";
import { defineProbe, fail, type Judgement } from "../kit.ts";

export default defineProbe({
  how: {
    tr: "İmza ajanının açıklığı gözlenir: dinlediği adresler (/proc/net/tcp), makinenin loopback olmayan adresinden bağlantı, yabancı bir Origin'den kimlik bilgisiyle istek, sayfanın imzalı bir isteğinin yeniden gönderilmesi. Biri bile açıksa ✗; değilse üretici beyanı değerlendirilir.",
    en: "The signer agent's exposure is observed: the addresses it listens on (/proc/net/tcp), a connection on the machine's non-loopback address, a request with credentials from a foreign Origin, a signed request of the page sent again. Any opening is ✗; otherwise the vendor's declaration is judged.",
  },
  uses: ["agent-exposure"],
  judge(given): Judgement {
    const e = given["agent-exposure"];
    if (!e.observed) return declared.judge(given);
    const x = e.exposure;
    const open: { tr: string; en: string }[] = [];
    const wide = x.listening.filter((l) => !l.loopback);
    if (wide.length)
      open.push({
        tr: `ajan ${wide.map((l) => l.address).join(", ")} adresinde dinliyor (yalnız 127.0.0.1 değil)`,
        en: `the agent listens on ${wide.map((l) => l.address).join(", ")} (not only 127.0.0.1)`,
      });
    else if (x.nonLoopback?.connected)
      open.push({
        tr: `ajana makinenin ${x.nonLoopback.address} adresinden bağlanılabiliyor`,
        en: `the agent accepts connections on the machine's address ${x.nonLoopback.address}`,
      });
    const f = x.foreignOrigin;
    const allows = (a?: string) => a === "*" || a === f.origin;
    if (allows(f.get.allowOrigin) || allows(f.preflight.allowOrigin))
      open.push({
        tr: `ajan yabancı kaynağa (${f.origin}) izin veriyor${f.get.allowCredentials === "true" || f.preflight.allowCredentials === "true" ? ", kimlik bilgisiyle" : ""}`,
        en: `the agent allows a foreign origin (${f.origin})${f.get.allowCredentials === "true" || f.preflight.allowCredentials === "true" ? ", with credentials" : ""}`,
      });
    if (x.replay && x.replay.replayStatus >= 200 && x.replay.replayStatus < 300)
      open.push({
        tr: `sayfanın imzalı isteği yeniden gönderildiğinde ajan onu yine kabul etti (HTTP ${x.replay.replayStatus})`,
        en: `the agent accepted the page's signed request sent a second time (HTTP ${x.replay.replayStatus})`,
      });
    if (open.length)
      return fail(
        {
          tr: `Ortamdaki başka bileşenler imzaya etki edebilir: ${open.map((o) => o.tr).join("; ")}.`,
          en: `Other components on the machine can influence signing: ${open.map((o) => o.en).join("; ")}.`,
        },
        [e.ref],
      );
    const d = declared.judge(given);
    return {
      ...d,
      reason: {
        tr: `Ajan yalnız loopback'te dinliyor, yabancı kaynağa izin vermiyor, yeniden gönderilen isteği reddediyor (HTTP ${x.replay?.replayStatus ?? "—"}). ${d.reason.tr}`,
        en: `The agent listens on loopback only, refuses a foreign origin and a request sent again (HTTP ${x.replay?.replayStatus ?? "—"}). ${d.reason.en}`,
      },
      evidence: [e.ref, ...d.evidence],
    };
  },
});
