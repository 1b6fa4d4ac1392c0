// The EBYS web page (its own origin): pick a document, start signing through the local agent, see the result;
// and the verification page. The pin-in-page flaw adds a PIN field here and sends the PIN in the JSON body.
import { MEDIA_TYPES } from "./media-types.ts";

export function ebysHtml(o: { agentUrl: string; pinInPage: boolean; samples: string[] }): string {
  return `<!doctype html><html lang="tr"><head><meta charset="utf-8"><title>Örnek EBYS — Belge imzalama</title></head>
<body><h1>Örnek EBYS</h1><p><a href="/dogrula">İmza doğrulama</a></p>
<p><label>Belge: <input id="belge" type="file"></label> veya örnek:
<select id="ornek"><option value="">—</option>${o.samples.map((s) => `<option>${s}</option>`).join("")}</select></p>
<p><label>İmza biçimi: <select id="bicim">
<option value="pades-b-t">PAdES B-T</option><option value="pades-b-b">PAdES B-B</option>
<option value="cades-t">CAdES-T (P2)</option><option value="cades-bes">CAdES-BES</option><option value="cades-epes">CAdES-EPES</option>
<option value="xades-t">XAdES-T</option><option value="xades-bes">XAdES-BES</option></select></label></p>
${o.pinInPage ? '<p><label>PIN: <input id="sayfa-pin" type="password"></label></p>' : ""}
<button id="imzala">İmzala</button>
<p id="durum"></p><p id="sonuc"></p>
<script>
const AGENT = ${JSON.stringify(o.agentUrl)};
const MIME = ${JSON.stringify(MEDIA_TYPES)};
const b64 = (u8) => { let s = ""; for (let i = 0; i < u8.length; i += 0x8000) s += String.fromCharCode(...u8.subarray(i, i + 0x8000)); return btoa(s); };
const hex = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");
const status = (t, code) => { const d = document.getElementById("durum"); d.textContent = t; d.dataset.code = code ?? ""; };
document.getElementById("imzala").onclick = async () => {
  let name, bytes;
  const f = document.getElementById("belge").files[0];
  const sample = document.getElementById("ornek").value;
  if (f) { name = f.name; bytes = new Uint8Array(await f.arrayBuffer()); }
  else if (sample) { name = sample; bytes = new Uint8Array(await (await fetch("/ornekler/" + sample)).arrayBuffer()); }
  else { status("Önce bir belge seçin.", "NO_DOCUMENT"); return; }
  const ext = name.split(".").pop().toLowerCase();
  const mimeType = MIME[ext] ?? "application/octet-stream";
  const digest = hex(await crypto.subtle.digest("SHA-256", bytes));
  const ticket = await (await fetch("/api/ticket", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ sha256: digest }) })).json();
  const body = { document: b64(bytes), fileName: name, mimeType, format: document.getElementById("bicim").value, ticket };
  const pinField = document.getElementById("sayfa-pin");
  if (pinField) body.pin = pinField.value;
  status("İmza ajanına gönderiliyor…");
  let r;
  try {
    r = await fetch(AGENT + "/api/v1/sign-requests", { method: "POST", headers: { "content-type": "application/json", "x-ornek-imzaci": "1" }, body: JSON.stringify(body) });
  } catch (e) { status("İmza ajanına ulaşılamadı: " + e.message, "AGENT_UNREACHABLE"); return; }
  const j = await r.json();
  if (r.status !== 202) { status("İmza isteği reddedildi: " + (j.error?.message ?? r.status), j.error?.code); return; }
  status("İmza penceresinde onay bekleniyor…", "WAITING");
  for (;;) {
    await new Promise((ok) => setTimeout(ok, 300));
    const s = await (await fetch(AGENT + "/api/v1/sign-requests/" + j.id)).json();
    if (s.status === "waiting") continue;
    if (s.status === "done") {
      const saved = await (await fetch("/api/signed", { method: "POST", headers: { "content-type": "application/json" },
        body: JSON.stringify({ fileName: s.result.fileName, signature: s.result.signature }) })).json();
      status("Belge imzalandı.", "OK");
      // the signed file, kept by the EBYS and offered to the user as a download
      const p = document.getElementById("sonuc"); p.textContent = "İmzalı dosya: "; p.dataset.file = saved.fileName;
      const a = document.createElement("a"); a.id = "indir"; a.href = "/imzali/" + encodeURIComponent(saved.fileName);
      a.download = saved.fileName; a.textContent = saved.fileName + " (indir)"; p.append(a);
    } else status(s.status === "cancelled" ? "İmza iptal edildi." : "İmza atılamadı: " + (s.error?.message ?? "bilinmeyen neden"), s.error?.code ?? s.status.toUpperCase());
    return;
  }
};
</script></body></html>`;
}

/** The verification page. `terse` (the verify-page-terse flaw) shows the verdict word and nothing else. */
export function verifyHtml(o: { terse?: boolean } = {}): string {
  return `<!doctype html><html lang="tr"><head><meta charset="utf-8"><title>Örnek EBYS — İmza doğrulama</title>
<style>.imza{border:1px solid #999;padding:4px 8px;margin:6px 0}.imza .imza{margin-left:24px}pre{white-space:pre-wrap;border:1px solid #ccc;padding:6px}</style></head>
<body><h1>İmza doğrulama</h1>
<p><label>İmzalı dosya: <input id="imzali" type="file"></label></p>
<p><label>Ayrık imzada imzalanan belge (isteğe bağlı): <input id="ayrik" type="file"></label></p>
<p><label>Doğrulama zamanı (isteğe bağlı, ISO 8601; boşsa şimdi): <input id="zaman" type="text" placeholder="2026-01-01T12:00:00Z"></label></p>
<p><label>Ek güvenilir kök sertifika (isteğe bağlı, PEM): <input id="kok" type="file"></label></p>
<button id="dogrula">Doğrula</button>
<div id="dogrulama-sonuc"></div>
<script>
const TERSE = ${JSON.stringify(Boolean(o.terse))};
const b64 = (u8) => { let s = ""; for (let i = 0; i < u8.length; i += 0x8000) s += String.fromCharCode(...u8.subarray(i, i + 0x8000)); return btoa(s); };
const esc = (s) => String(s ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
const WORD = { valid: "GEÇERLİ", invalid: "GEÇERSİZ", indeterminate: "BELİRSİZ" };
const IND = { "TOTAL-PASSED": "geçerli", "TOTAL-FAILED": "geçersiz", INDETERMINATE: "belirsiz" };
const line = (label, v) => v === undefined || v === "" ? "" : "<div>" + esc(label) + ": " + esc(v) + "</div>";
const limit = (l) => l ? (l.amount * Math.pow(10, l.exponent)).toLocaleString("tr-TR") + " " + l.currency + " (" + l.amount + "×10^" + l.exponent + ")" : "yok";
function signatureHtml(s, all) {
  const c = s.cert;
  const place = s.counterSignatureOf ? "seri imza (karşı imza): İmza " + s.counterSignatureOf + " üzerine" :
    (all.filter((x) => !x.counterSignatureOf).length > 1 ? "paralel imza" : "imza");
  let h = "<div class='imza' data-number='" + s.number + "'><b>İmza " + s.number + "</b> — " + esc(place) + " — " + esc(IND[s.indication] ?? s.indication) + (s.subIndication ? " (" + esc(s.subIndication) + ")" : "");
  if (c) h += line("İmzacı", c.commonName ?? c.subject) + line("Konu (Subject)", c.subject) +
    line("T.C. kimlik no / seri numarası", c.serialNumber) +
    (c.pseudonym ? "<div class='takma-ad'>Sertifikada TAKMA AD (pseudonym) kullanılmış: " + esc(c.pseudonym) + " — imzacının gerçek adı değildir</div>" : "") +
    line("Sertifikayı veren (ESHS)", c.issuer) + line("Sertifika geçerlilik süresi", c.notBefore + " – " + c.notAfter) +
    line("Sertifika seri numarası", c.serialHex) +
    line("Nitelikli elektronik sertifika (NES)", c.qualified ? "evet, nitelikli" : "HAYIR, nitelikli değil") +
    line("Para limiti (QcLimitValue)", limit(c.limit)) + line("Kullanım kısıtı", c.usageRestriction ? "VAR — sertifika bu imza için kullanılamaz" : "yok");
  h += line("İmza zamanı (imzalı özellik)", s.signingTime) + line("İmza politikası", s.policy) + line("İçerik türü (content-hints)", s.contentHints) +
    line("İmza seviyesi", s.level) + line("İmzalı özellikler", s.signedAttributes.join(", "));
  for (const t of s.timestamps) h += line("Zaman damgası (" + t.kind + ")", (t.genTime ?? "?") + (t.tsa ? " — " + t.tsa : "") + (t.ok ? "" : " — GEÇERSİZ"));
  if (s.revocation) h += line("İptal denetimi (SİL/OCSP)", s.revocation.tr);
  if (s.revocationValues) h += line("İmzadaki iptal verisi", s.revocationValues.crls + " SİL, " + s.revocationValues.ocsp + " OCSP yanıtı");
  return h + "</div>";
}
document.getElementById("dogrula").onclick = async () => {
  const f = document.getElementById("imzali").files[0];
  if (!f) return;
  const d = document.getElementById("ayrik").files[0];
  const k = document.getElementById("kok").files[0];
  const at = document.getElementById("zaman").value.trim();
  const body = { signature: b64(new Uint8Array(await f.arrayBuffer())), detached: d ? b64(new Uint8Array(await d.arrayBuffer())) : undefined,
    at: at || undefined, trust: k ? await k.text() : undefined };
  const r = await fetch("/api/verify", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const v = await r.json();
  const out = document.getElementById("dogrulama-sonuc");
  if (!r.ok) { out.innerHTML = "<p id='sonuc-hata'>" + esc(v.error?.message) + "</p>"; return; }
  let h = "<p id='karar' data-verdict='" + esc(v.verdict) + "'>" + WORD[v.verdict] + "</p>";
  if (!TERSE) {
    h += (v.reason ? "<p id='neden'>" + esc(v.reason.tr) + " / " + esc(v.reason.en) + "</p>" : "") +
      "<p id='imzaci'>İmzacı: " + esc(v.signer) + "</p>" +
      (v.roles ? "<p id='rol'>İmzacı rolü (beyan): " + esc(v.roles.join(", ")) + "</p>" : "") +
      "<p>Biçim: " + esc(v.format) + " " + esc(v.level) + "</p>" +
      "<p id='referans-zaman'>Doğrulama (referans) zamanı: " + esc(v.referenceTime) + "</p>" +
      "<div id='imzalar'><h2>İmzalar (" + v.signatures.length + ")</h2>" + v.signatures.map((s) => signatureHtml(s, v.signatures)).join("") + "</div>" +
      (v.content ? "<div id='belge'><h2>İmzalanan belge</h2><div>SHA-256: " + esc(v.content.sha256) + " (" + esc(v.content.type) + ")</div>" +
        (v.content.text !== undefined ? "<pre id='belge-metni'>" + esc(v.content.text) + "</pre>" : "<div>Belge metin olarak gösterilemiyor.</div>") + "</div>" : "") +
      "<p><button id='rapor-indir'>Doğrulama raporunu indir</button> <button id='yazdir' onclick='window.print()'>Yazdır</button></p>";
  }
  out.innerHTML = h;
  const save = document.getElementById("rapor-indir");
  if (save) save.onclick = () => {
    const text = "ÖRNEK EBYS İMZA DOĞRULAMA RAPORU\\n\\n" + out.innerText.replace(/Doğrulama raporunu indir\\s*Yazdır/, "") + "\\n\\n--- JSON ---\\n" + JSON.stringify(v, null, 2);
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    a.download = "dogrulama-raporu.txt";
    a.click();
  };
};
</script></body></html>`;
}
