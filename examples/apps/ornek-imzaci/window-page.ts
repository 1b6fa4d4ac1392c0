// The agent's own window: a page the agent serves on its own origin (a desktop window in a real agent).
// It renders what the agent's state says and nothing else, so what the window shows is what the agent decided.
export function windowHtml(token: string): string {
  return `<!doctype html><html lang="tr"><head><meta charset="utf-8"><title>Örnek İmzacı — İmza penceresi</title>
<style>body{font-family:sans-serif;margin:1em}pre{border:1px solid #999;padding:.5em;max-height:20em;overflow:auto;white-space:pre-wrap}
.uyari{background:#fee;border:1px solid #c00;padding:.4em;margin:.3em 0}.bilgi{background:#eef;padding:.4em}</style></head>
<body><h1>Örnek İmzacı</h1><div id="adim"></div><div id="icerik"><p>İmza isteği bekleniyor…</p></div>
<script>
const TOKEN = ${JSON.stringify(token)};
let last = "";
const esc = (s) => String(s ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
async function call(action, body) {
  const r = await fetch("/window/api/" + action, { method: action === "state" ? "GET" : "POST",
    headers: { "content-type": "application/json", "x-window-token": TOKEN }, body: action === "state" ? undefined : JSON.stringify(body ?? {}) });
  const j = await r.json();
  if (!r.ok) { document.getElementById("hata").textContent = j.error?.message ?? r.status; return; }
  render(j, true);
}
function render(s, force) {
  const key = JSON.stringify(s);
  if (key === last && !force) return;
  last = key;
  const r = s.request;
  const el = document.getElementById("icerik");
  document.getElementById("adim").textContent = r ? r.step : "bekliyor";
  if (!r) { el.innerHTML = "<p>İmza isteği bekleniyor…</p>"; return; }
  let h = "<p>Belge: <b id='belge-adi'>" + esc(r.fileName) + "</b> (" + esc(r.mimeType) + "), biçim: " + esc(r.format) + "</p>";
  if (r.message) h += "<p id='mesaj' data-code='" + esc(r.message.code) + "' class='" + (r.message.code === "OK" ? "bilgi" : "uyari") + "'>" + esc(r.message.tr) + " / " + esc(r.message.en) + "</p>";
  h += "<p id='hata'></p>";
  if (r.step === "document") {
    if (r.preview) {
      h += "<h2>İmzalanacak belge</h2><p>SHA-256: <code id='belge-ozet'>" + esc(r.preview.sha256) + "</code>, " + r.preview.size + " bayt</p>";
      for (const w of r.preview.warnings) h += "<div class='uyari belge-uyari' data-kind='" + esc(w.kind) + "'>" + esc(w.tr) + " / " + esc(w.en) + "</div>";
      h += "<pre id='belge-onizleme'>" + esc(r.preview.text) + "</pre>";
    }
    if (r.existingSignatures) {
      // a signed document: the signatures already on it, each signer by name, and what signing here adds
      h += "<h2>Belgedeki mevcut imzalar (" + r.existingSignatures.length + ")</h2><ol id='mevcut-imzalar'>";
      for (const e of r.existingSignatures) h += "<li class='mevcut-imza' data-number='" + e.number + "'><b class='imzaci'>" + esc(e.name) + "</b> — " +
        (e.counterSignatureOf ? "seri imza (İmza " + e.counterSignatureOf + " üzerine karşı imza)" : "paralel imza") +
        "<br><small>Sertifika: " + esc(e.subject) + "; yayıncı: " + esc(e.issuer) + "; seri no: " + esc(e.serialHex) + "</small></li>";
      h += "</ol><p class='bilgi'>İmzanız bu imzalara paralel imza olarak eklenecek; mevcut imzalar değişmez. / Your signature is added in parallel; the signatures already on the document are kept.</p>";
    }
    h += "<button id='devam'>" + (r.preview && r.preview.warnings.length ? "Uyarılara rağmen devam et" : "Devam") + "</button> <button id='iptal'>Vazgeç</button>";
  } else if (r.step === "certificate") {
    h += "<h2>Sertifika seçin</h2><ul id='sertifikalar'>";
    for (const c of r.certificates) h += "<li><label><input type='radio' name='sertifika' value='" + esc(c.id) + "'> " + esc(c.info ? c.info.commonName + " — " + c.info.issuer : c.label) + "</label></li>";
    h += "</ul><button id='sertifika-sec'>Seç</button> <button id='iptal'>Vazgeç</button>";
  } else if (r.step === "confirm") {
    if (r.chosenInfo) {
      const i = r.chosenInfo;
      h += "<h2>Sertifika bilgileri</h2><dl id='sertifika-bilgi'><dt>Sahibi</dt><dd>" + esc(i.subject) + "</dd><dt>TCKN</dt><dd id='tckn'>" + esc(i.tckn) + "</dd><dt>Yayıncı</dt><dd>" + esc(i.issuer) + "</dd><dt>Seri numarası</dt><dd id='seri-no'>" + esc(i.serialNumber) +
        "</dd><dt>Geçerlilik</dt><dd>" + esc(i.notBefore) + " – " + esc(i.notAfter) + "</dd><dt>Nitelikli</dt><dd id='nitelikli'>" + (i.qualified ? "evet" : "hayır") + "</dd><dt>Kullanım sınırları</dt><dd>" + esc(i.usageLimits.join("; ") || "yok") + "</dd></dl>";
    }
    if (r.attributes) {
      const a = r.attributes;
      h += "<h2>İmzalanacak özellikler</h2><dl id='ozellikler'><dt>İmza zamanı</dt><dd id='imza-zamani'>" + esc(a.signingTime) + "</dd><dt>İmza politikası</dt><dd>" + esc(a.policy) +
        "</dd><dt>Taahhüt tipi</dt><dd>" + esc(a.commitmentType) + "</dd><dt>İçerik tipi</dt><dd>" + esc(a.contentType) + "</dd><dt>Özet algoritması</dt><dd>" + esc(a.digestAlgorithm) + "</dd></dl>";
    }
    if (r.qualifiedWarning) h += "<div id='nitelikli-uyari' class='uyari'>" + esc(r.qualifiedWarning.tr) + "<br>" + esc(r.qualifiedWarning.en) + "</div>";
    if (r.pinNeeded) h += "<p><label>PIN: <input id='pin' type='" + (r.pinMasked ? "password" : "text") + "' autocomplete='off'></label></p>";
    h += "<button id='imzala'>İmzala</button>";
    if (r.canCancel) h += " <button id='iptal'>Vazgeç</button>";
  } else {
    h += "<p id='sonuc' data-step='" + esc(r.step) + "'>" + esc(r.step) + "</p>";
  }
  el.innerHTML = h;
  const on = (id, f) => { const b = document.getElementById(id); if (b) b.onclick = f; };
  on("devam", () => call("continue", { id: r.id }));
  on("iptal", () => call("cancel", { id: r.id }));
  on("sertifika-sec", () => { const c = document.querySelector("input[name=sertifika]:checked"); if (c) call("choose", { id: r.id, certificate: c.value }); });
  on("imzala", () => { const p = document.getElementById("pin"); const pin = p ? p.value : undefined; if (p) p.value = ""; call("sign", { id: r.id, pin }); });
}
async function poll() {
  try {
    const r = await fetch("/window/api/state", { headers: { "x-window-token": TOKEN } });
    render(await r.json(), false);
  } catch {}
  setTimeout(poll, 300);
}
poll();
</script></body></html>`;
}
