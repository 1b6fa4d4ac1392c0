// 5-2 (Z): the signature formats the application supports (the form's ticks). The profile declares them; the
// sign-once session asks for each; every declared format must come out as a signature of that format that uyum
// reads, and nothing the profile does not declare may come out. The form's answer is then what was seen.
import { defineProbe, fail, pass, undetermined, type Judgement } from "../kit.ts";
import { describe, reportAt, signaturesOf, unreadable } from "../outputs.ts";

export default defineProbe({
  how: {
    tr: "Profilde bildirilen her imza biçimi için uygulamaya imza attırılır; her bildirilen biçimin o biçimde okunabilen bir imza olarak çıktığı, bildirilmeyen bir biçimin çıkmadığı denetlenir; formdaki işaretler görülen biçimlerdir.",
    en: "The application is asked to sign in each format its profile declares; each declared format must come out as a signature uyum reads as that format, and no undeclared format may come out; the form's ticks are the formats seen.",
  },
  uses: ["sign-once"],
  judge(given): Judgement {
    const list = given.profile.capabilities?.signatureFormats;
    const declared: string[] = Array.isArray(list) ? list : [];
    const { outputs } = given["sign-once"];
    if (declared.length === 0)
      return undetermined({
        tr: "Profil desteklenen imza biçimlerini bildirmiyor (capabilities.signatureFormats).",
        en: "The profile does not declare the supported signature formats (capabilities.signatureFormats).",
      });
    const unread = unreadable(outputs);
    const seen = signaturesOf(outputs);
    const produced = new Set<string>(seen.map((s) => s.signature.format));
    const missing = declared.filter((f) => !produced.has(f));
    const undeclared = seen.filter((s) => !declared.includes(s.signature.format));
    const levels = [...new Set(seen.map((s) => `${s.signature.format} ${s.signature.level}`))].sort().join(", ");
    if (undeclared.length > 0)
      return fail(
        {
          tr: `Bildirilmeyen biçimde imza üretildi: ${undeclared.map((u) => `${describe(u.output).tr} → ${u.signature.format}`).join(", ")}.`,
          en: `A signature in an undeclared format came out: ${undeclared.map((u) => `${describe(u.output).en} → ${u.signature.format}`).join(", ")}.`,
        },
        undeclared.map((u) => reportAt(u.output, u.signature, "format")),
      );
    if (missing.length > 0 && unread.length > 0)
      return undetermined(
        {
          tr: `${missing.join(", ")} için okunabilir imza yok; uyum ${unread.length} çıktıyı okuyamadı (desteklenmeyen biçim).`,
          en: `No readable signature for ${missing.join(", ")}; uyum could not read ${unread.length} output(s) (unsupported format).`,
        },
        unread.map((o) => o.signature),
      );
    if (missing.length > 0)
      return fail(
        {
          tr: `Bildirilen ${missing.join(", ")} biçiminde imza çıkmadı (görülen: ${levels || "hiçbiri"}).`,
          en: `Declared ${missing.join(", ")}, but no signature in it came out (seen: ${levels || "none"}).`,
        },
        outputs.map((o) => o.report),
      );
    return pass(
      {
        tr: `Bildirilen biçimlerin hepsinde imza üretildi: ${levels}.`,
        en: `Signatures came out in every declared format: ${levels}.`,
      },
      seen.map((s) => reportAt(s.output, s.signature, "format")),
    );
  },
});
