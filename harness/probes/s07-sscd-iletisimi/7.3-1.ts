// 7.3-1 (Z): the user's qualified certificate (or what is needed to reach it) is obtained from the SSCD. The
// card's trace shows which certificate objects the application read the value of (C_GetAttributeValue of
// CKA_VALUE on a CKO_CERTIFICATE) and which key signed: the certificate beside the signing key (same CKA_ID)
// must have been read from the card before the signature.
import { certificatesReadFromCard, whichKeySigned } from "../../card/trace.ts";
import { at } from "../../sessions/evidence.ts";
import { defineProbe, fail, pass, undetermined, type Judgement } from "../kit.ts";

export default defineProbe({
  how: {
    tr: "Uygulama bir kez imzalar; kartın PKCS#11 izinde imzalayan anahtarın yanındaki sertifikanın (aynı CKA_ID) değerinin imzadan önce karttan okunduğu (C_GetAttributeValue, CKA_VALUE) aranır.",
    en: "The application signs once; the card's PKCS#11 trace is searched for a read of the value (C_GetAttributeValue, CKA_VALUE) of the certificate beside the signing key (same CKA_ID) before the signature.",
  },
  uses: ["sign-once"],
  judge(given): Judgement {
    const { trace } = given["sign-once"];
    const signed = whichKeySigned(trace.events);
    if (signed.length === 0)
      return undetermined(
        { tr: "Kart bu oturumda hiç imza atmadı.", en: "The card made no signature in this session." },
        [trace.ref],
      );
    const reads = certificatesReadFromCard(trace.events);
    const unmatched = signed.filter(
      (s) => !reads.some((r) => r.id !== undefined && r.id === s.id && r.event.seq < s.event.seq),
    );
    if (unmatched.length > 0) {
      const u = unmatched[0]!;
      return fail(
        {
          tr: `Anahtar ${u.label ?? u.id ?? "?"} ile imza atıldı ama yanındaki sertifika (CKA_ID ${u.id ?? "?"}) imzadan önce karttan okunmadı${reads.length ? ` (okunan: ${reads.map((r) => r.label ?? r.id).join(", ")})` : ": karttan hiç sertifika okunmadı"}; sertifika başka bir yerden gelmiş.`,
          en: `Key ${u.label ?? u.id ?? "?"} signed, but the certificate beside it (CKA_ID ${u.id ?? "?"}) was not read from the card before the signature${reads.length ? ` (read: ${reads.map((r) => r.label ?? r.id).join(", ")})` : ": no certificate was read from the card at all"}; the certificate came from elsewhere.`,
        },
        [at(trace.ref, `seq ${unmatched.map((s) => s.event.seq).join(",")}`)],
      );
    }
    return pass(
      {
        tr: `İmzalayan anahtarın sertifikası imzadan önce karttan okundu (${signed.length} imza).`,
        en: `The signing key's certificate was read from the card before each of the ${signed.length} signature(s).`,
      },
      [
        at(
          trace.ref,
          `seq ${[...reads.map((r) => r.event.seq), ...signed.map((s) => s.event.seq)].sort((a, b) => a - b).join(",")}`,
        ),
      ],
    );
  },
});
