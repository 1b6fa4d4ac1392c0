// 3-1 (observed): before signing, the signer can see their qualified certificate's information: its qualified
// purpose, holder, validity, issuer, QC statements, serial number. Machine checks on the window's confirm step
// against the signing certificate read from the signature: the holder's and the issuer's common names, the
// serial number (hex or decimal), the end of validity (as a date) and a word saying it is qualified. A suggestion.
import { defineProbe, type Judgement } from "../kit.ts";
import { endedEarly, plain, says, screenRefs, suggestFail, suggestPass, suggestUndetermined } from "../screen.ts";

const cn = (dn: string) => /(?:^|[,/+]\s*)CN=([^,/+]+)/i.exec(dn)?.[1]?.trim() ?? dn;

/** The serial as the window may show it: hex (any case, colons or spaces) or decimal. */
function showsSerial(text: string, hex: string): boolean {
  const h = hex.toLowerCase().replace(/^0+(?=.)/, "");
  const compact = text.toLowerCase().replace(/[\s:]/g, "");
  return compact.includes(h) || text.includes(BigInt(`0x${hex}`).toString(10));
}

function showsDate(text: string, iso: string): boolean {
  const [y, m, d] = iso.slice(0, 10).split("-");
  return text.includes(`${y}-${m}-${d}`) || text.includes(`${d}.${m}.${y}`) || text.includes(`${d}/${m}/${y}`);
}

export default defineProbe({
  how: {
    tr: "İmza penceresinin onay adımında gösterilen sertifika bilgileri, imzadan okunan imzalayan sertifikayla karşılaştırılır: sahibin ve yayıncının adı (CN), seri numarası, geçerlilik sonu ve nitelikli olduğunu söyleyen bir ifade. Önerilen işaret.",
    en: "The certificate information the window's confirm step shows is compared with the signing certificate read from the signature: the holder's and issuer's common names, the serial number, the end of validity and words saying it is qualified. A suggested mark.",
  },
  uses: ["window-review"],
  judge(given): Judgement {
    const e = given["window-review"];
    const refs = screenRefs(e, "window-confirm", "#sertifika-bilgi");
    const c = e.confirmView;
    if (!c) return suggestUndetermined(endedEarly(e), refs);
    const info = c.certificateInfo;
    if (!info)
      return suggestFail(
        {
          tr: "İmzadan önce sertifika bilgileri gösterilmiyor.",
          en: "No certificate information is shown before signing.",
        },
        refs,
      );
    if (!e.signer)
      return suggestUndetermined(
        {
          tr: "Sertifika bilgileri gösterildi, ama imzalayan sertifika imzadan okunamadığı için karşılaştırılamadı.",
          en: "Certificate information was shown, but the signing certificate could not be read from a signature to compare.",
        },
        refs,
      );
    const missing: { tr: string; en: string }[] = [];
    if (!plain(info).includes(plain(cn(e.signer.subject)))) missing.push({ tr: "sahibi", en: "holder" });
    if (!plain(info).includes(plain(cn(e.signer.issuer)))) missing.push({ tr: "yayıncı", en: "issuer" });
    if (!showsSerial(info, e.signer.serialHex)) missing.push({ tr: "seri numarası", en: "serial number" });
    if (!showsDate(info, e.signer.notAfter)) missing.push({ tr: "geçerlilik süresi", en: "validity period" });
    if (!["nitelikli", "qualified", "güvenli elektronik imza"].some((w) => says(info, w)))
      missing.push({ tr: "nitelikli olduğu", en: "its qualified status" });
    if (missing.length)
      return suggestFail(
        {
          tr: `Gösterilen sertifika bilgilerinde eksik: ${missing.map((m) => m.tr).join(", ")}.`,
          en: `The certificate information shown lacks: ${missing.map((m) => m.en).join(", ")}.`,
        },
        refs,
      );
    return suggestPass(
      {
        tr: `İmzadan önce sertifikanın sahibi (${cn(e.signer.subject)}), yayıncısı, seri numarası, geçerliliği ve nitelikli olduğu gösteriliyor.`,
        en: `Before signing the certificate's holder (${cn(e.signer.subject)}), issuer, serial number, validity and qualified status are shown.`,
      },
      refs,
    );
  },
});
