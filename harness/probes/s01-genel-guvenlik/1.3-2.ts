// 1.3-2 (Z): the signed data carries the signing-certificate information (ESS signing-certificate(-v2) in CMS,
// SigningCertificate(V2) in XAdES) as a signed attribute, and it identifies the certificate that signed.
import { defineProbe, fail, pass, undetermined } from "../kit.ts";
import { check, describe, failuresOf, reportAt, signaturesOf, unreadable } from "../outputs.ts";

export default defineProbe({
  how: {
    tr: "Uygulamanın bildirdiği her biçimde bir kez imzalatılır; uyum doğrulayıcısı her imzada imzacı sertifikası özniteliğinin (ESS signing-certificate v1/v2, XAdES SigningCertificate) imzalı öznitelik olarak bulunduğunu ve imzalayan sertifikayı gösterdiğini denetler (denetim: signing-certificate).",
    en: "The application signs once in each format it declares; uyum's validator checks that every signature carries the signing-certificate attribute (ESS signing-certificate v1/v2, XAdES SigningCertificate) as a signed attribute and that it identifies the certificate that signed (check: signing-certificate).",
  },
  uses: ["sign-once"],
  judge(given) {
    const { outputs, failures } = given["sign-once"];
    if (outputs.length === 0) {
      const f = failuresOf(failures);
      return undetermined(
        {
          tr: `Oturum hiç imza üretmedi${f.tr ? `: ${f.tr}` : ""}; öznitelik denetlenemedi.`,
          en: `The session produced no signature${f.en ? `: ${f.en}` : ""}; the attribute could not be checked.`,
        },
        f.refs,
      );
    }
    const unread = unreadable(outputs);
    if (unread.length > 0)
      return undetermined(
        {
          tr: `uyum ${unread.map((o) => describe(o).tr).join(", ")} dosyasını imza olarak okuyamadı (desteklenmeyen biçim); öznitelik denetlenemedi.`,
          en: `uyum could not read ${unread.map((o) => describe(o).en).join(", ")} as a signature (unsupported format); the attribute could not be checked.`,
        },
        unread.map((o) => o.signature),
      );
    const missing = [];
    const wrong = [];
    for (const { output, signature } of signaturesOf(outputs)) {
      const c = check(signature, "signing-certificate");
      const attribute = signature.inspection?.signingCertificateAttribute;
      if (!attribute) missing.push({ output, signature });
      else if (c && c.result !== "passed") wrong.push({ output, signature, why: c.reason });
    }
    if (missing.length > 0)
      return fail(
        {
          tr: `İmzacı sertifikası özniteliği yok: ${missing.map((m) => describe(m.output).tr).join(", ")}.`,
          en: `No signing-certificate attribute in ${missing.map((m) => describe(m.output).en).join(", ")}.`,
        },
        missing.map((m) => reportAt(m.output, m.signature, "signing-certificate")),
      );
    if (wrong.length > 0)
      return fail(
        {
          tr: `İmzacı sertifikası özniteliği imzalayan sertifikayı göstermiyor: ${wrong.map((w) => `${describe(w.output).tr}: ${w.why.tr}`).join("; ")}.`,
          en: `The signing-certificate attribute does not identify the signing certificate: ${wrong.map((w) => `${describe(w.output).en}: ${w.why.en}`).join("; ")}.`,
        },
        wrong.map((w) => reportAt(w.output, w.signature, "signing-certificate")),
      );
    const all = signaturesOf(outputs);
    const kinds = [...new Set(all.map((s) => s.signature.inspection!.signingCertificateAttribute!))].join(", ");
    return pass(
      {
        tr: `${all.length} imzanın tümünde imzacı sertifikası özniteliği var ve imzalayan sertifikayı gösteriyor (${kinds}).`,
        en: `All ${all.length} signatures carry a signing-certificate attribute that identifies the signing certificate (${kinds}).`,
      },
      all.map((s) => reportAt(s.output, s.signature, "signing-certificate")),
    );
  },
});
