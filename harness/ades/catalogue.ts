// The validation check catalogue: every check the validator can report, once, with the question it asks and the
// answer it gives when the answer is "no" (Turkish first), the sub-indications it may yield, and the step of
// ETSI EN 319 102-1 it belongs to. Call sites name a check by its id (typed: an id not in this table does not
// compile); probes and reports name the same ids. Which failing check decides a signature's verdict follows the
// step order below, not the order in which the code happened to record checks.
import type { Text } from "../core/text.ts";
import { SUB_INDICATIONS, type SubIndication } from "./indications.ts";

/**
 * Every sub-indication EN 319 102-1 §5.1.3 lets a signature's validation return (FAILED and INDETERMINATE).
 * A counter-signature is validated as a signature and its own verdict is carried up, so it may yield any of them:
 * derived from the table, not listed by hand (a hand list missed OUT_OF_BOUNDS_NOT_REVOKED,
 * REVOCATION_OUT_OF_BOUNDS_NO_POE and NO_POE).
 */
const ANY_SIGNATURE_SUB: readonly SubIndication[] = [
  ...new Set<SubIndication>([...SUB_INDICATIONS["TOTAL-FAILED"], ...SUB_INDICATIONS.INDETERMINATE]),
];

/**
 * The steps of EN 319 102-1 a check belongs to, in the order their outcome decides the verdict. The basic
 * validation (§5.3.4) runs format checking, signing-certificate identification, context initialisation, then
 * cryptographic verification before X.509 validation's outcome is final (a signature whose math fails is FAILED,
 * whatever its chain); then the long-term data the signature's level requires (a structural gap decides before
 * what its time-stamps prove), the time-stamps, revocation, and acceptance (§5.6, §5.4, §5.2.5, §5.2.8). Checks on the
 * file as a whole (active content, PDF changes after signing) come last.
 */
export const STEPS = [
  { id: "internal", clause: "—", title: { tr: "uyum'un kendi hatası", en: "uyum's own error" } },
  { id: "format", clause: "5.2.2", title: { tr: "Biçim denetimi", en: "Format checking" } },
  {
    id: "identification",
    clause: "5.2.3",
    title: { tr: "İmzacı sertifikasının belirlenmesi", en: "Identification of the signing certificate" },
  },
  {
    id: "context",
    clause: "5.2.4",
    title: { tr: "Doğrulama bağlamının kurulması", en: "Validation context initialisation" },
  },
  { id: "crypto", clause: "5.2.7", title: { tr: "Kriptografik doğrulama", en: "Cryptographic verification" } },
  { id: "x509", clause: "5.2.6", title: { tr: "X.509 sertifika doğrulaması", en: "X.509 certificate validation" } },
  {
    id: "long-term",
    clause: "5.5, 5.6",
    title: { tr: "Uzun dönemli doğrulama verileri", en: "Long-term validation data" },
  },
  {
    id: "timestamps",
    clause: "5.4, 5.6.2.4",
    title: { tr: "Zaman damgalarının doğrulanması", en: "Time-stamp validation" },
  },
  {
    id: "revocation",
    clause: "5.2.5, 5.2.6",
    title: { tr: "İptal durumu ve tazeliği", en: "Revocation status and freshness" },
  },
  {
    id: "acceptance",
    clause: "5.2.8",
    title: { tr: "İmzanın kabul koşulları", en: "Signature acceptance validation" },
  },
  { id: "document", clause: "5.2.8", title: { tr: "İmzalı belgenin kendisi", en: "The signed document itself" } },
] as const;
export type Step = (typeof STEPS)[number]["id"];
export const STEP_RANK: Record<Step, number> = Object.fromEntries(STEPS.map((s, i) => [s.id, i])) as Record<
  Step,
  number
>;

export interface CatalogueEntry {
  step: Step;
  /** What the check asks (answered "yes" when it passes). */
  question: Text;
  /** What it means when the answer is "no". */
  failure: Text;
  /** Sub-indications a failing or indeterminate result of this check may carry. */
  subIndications: readonly SubIndication[];
}

const TS_SUBS = [
  "FORMAT_FAILURE",
  "HASH_FAILURE",
  "SIG_CRYPTO_FAILURE",
  "NO_SIGNING_CERTIFICATE_FOUND",
  "NO_CERTIFICATE_CHAIN_FOUND",
  "CERTIFICATE_CHAIN_GENERAL_FAILURE",
  "CHAIN_CONSTRAINTS_FAILURE",
  "OUT_OF_BOUNDS_NO_POE",
  "REVOKED_NO_POE",
  "CRYPTO_CONSTRAINTS_FAILURE_NO_POE",
  "TRY_LATER",
] as const satisfies readonly SubIndication[];

const REVOCATION_SUBS = [
  "REVOKED",
  "REVOKED_NO_POE",
  "REVOKED_CA_NO_POE",
  "TRY_LATER",
  "CERTIFICATE_CHAIN_GENERAL_FAILURE",
  "SIG_CONSTRAINTS_FAILURE",
] as const satisfies readonly SubIndication[];

function tsEntry(kind: { tr: string; en: string }): CatalogueEntry {
  return {
    step: "timestamps",
    question: { tr: `${kind.tr} zaman damgası geçerli mi?`, en: `Is the ${kind.en} time-stamp valid?` },
    failure: {
      tr: `${kind.tr} zaman damgası doğrulanamadı; imzanın o zamanda var olduğu kanıtlanamıyor`,
      en: `the ${kind.en} time-stamp does not validate; it proves nothing about when the signature existed`,
    },
    subIndications: TS_SUBS,
  };
}

function nesEntry(what: Text): CatalogueEntry {
  return {
    step: "acceptance",
    question: {
      tr: `İmzacı sertifikası NES profiline uyuyor mu: ${what.tr}?`,
      en: `Does the signer's certificate meet the NES profile: ${what.en}?`,
    },
    failure: {
      tr: `imzacı sertifikası nitelikli elektronik sertifika (NES) profiline uymuyor: ${what.tr} yok`,
      en: `the signer's certificate is not a qualified (NES) certificate: ${what.en} missing`,
    },
    subIndications: ["CHAIN_CONSTRAINTS_FAILURE"],
  };
}

function profileEntry(what: Text, subs: readonly SubIndication[]): CatalogueEntry {
  return {
    step: "acceptance",
    question: {
      tr: `İmza, Türk imza profilinin (P2–P4) kuralına uyuyor mu: ${what.tr}?`,
      en: `Does the signature follow the Turkish profile (P2–P4) rule: ${what.en}?`,
    },
    failure: { tr: `profil kuralı sağlanmıyor: ${what.tr}`, en: `the profile rule is not met: ${what.en}` },
    subIndications: subs,
  };
}

export const CATALOGUE = {
  "internal-error": {
    step: "internal",
    question: { tr: "uyum bu dosyayı hatasız işleyebildi mi?", en: "Did uyum process this file without a fault?" },
    failure: {
      tr: "uyum'da bir hata oluştu; bu, dosya hakkında bir hüküm değildir",
      en: "uyum hit an internal error; this is not a verdict on the file",
    },
    subIndications: [],
  },
  unsupported: {
    step: "format",
    question: {
      tr: "Dosya uyum'un desteklediği bir imza biçiminde mi?",
      en: "Is the file in a signature format uyum supports?",
    },
    failure: {
      tr: "bu biçim ya da yapı uyum tarafından desteklenmiyor; imza bozuk demek değildir",
      en: "uyum does not support this format or construct; this does not mean the signature is broken",
    },
    subIndications: [],
  },
  format: {
    step: "format",
    question: {
      tr: "Dosya kendi biçiminin (CMS, XML-DSig, PDF) kurallarına göre okunabiliyor mu?",
      en: "Is the file well-formed as its format (CMS, XML-DSig, PDF)?",
    },
    failure: { tr: "imza biçimi bozuk", en: "the signature is malformed" },
    subIndications: ["FORMAT_FAILURE"],
  },
  "signing-certificate": {
    step: "identification",
    question: {
      tr: "İmzacı sertifikası imzalı öznitelikle (signing-certificate v1/v2) bağlanmış mı?",
      en: "Is the signer's certificate bound by the signed signing-certificate (v1/v2) attribute?",
    },
    failure: {
      tr: "imzacı sertifikası belirlenemedi ya da imzalı öznitelikle uyuşmuyor",
      en: "the signer's certificate cannot be identified or does not match the signed attribute",
    },
    subIndications: ["NO_SIGNING_CERTIFICATE_FOUND", "FORMAT_FAILURE"],
  },
  "signature-policy": {
    step: "context",
    question: {
      tr: "İmza politikası biliniyor ve özet değeri politika belgesiyle uyuşuyor mu?",
      en: "Is the signature policy known, and does its hash match the policy document?",
    },
    failure: {
      tr: "imza politikası bilinmiyor ya da özeti uyuşmuyor",
      en: "the signature policy is unknown or its hash does not match",
    },
    subIndications: ["SIGNATURE_POLICY_NOT_AVAILABLE", "POLICY_PROCESSING_ERROR"],
  },
  "signed-data": {
    step: "crypto",
    question: { tr: "İmzalanan veri bulunabildi mi?", en: "Was the signed data found?" },
    failure: { tr: "imzalanan veri bulunamadı", en: "the signed data was not found" },
    subIndications: ["SIGNED_DATA_NOT_FOUND"],
  },
  "message-digest": {
    step: "crypto",
    question: {
      tr: "İmzalanan verinin özeti imzadaki özetle aynı mı?",
      en: "Does the digest of the signed data match the one in the signature?",
    },
    failure: {
      tr: "imzalanan veri değişmiş: özet uyuşmuyor",
      en: "the signed data has changed: the digest does not match",
    },
    subIndications: ["HASH_FAILURE"],
  },
  "signature-value": {
    step: "crypto",
    question: {
      tr: "İmza değeri imzacının açık anahtarıyla doğrulanıyor mu?",
      en: "Does the signature value verify with the signer's public key?",
    },
    failure: {
      tr: "imza değeri doğrulanamadı (ya da uyum'un doğrulayamadığı bir algoritmayla atılmış)",
      en: "the signature value does not verify (or uses an algorithm uyum cannot verify)",
    },
    // CRYPTO_CONSTRAINTS_FAILURE: an algorithm uyum cannot verify (unsupported, never a broken signature)
    subIndications: ["SIG_CRYPTO_FAILURE", "CRYPTO_CONSTRAINTS_FAILURE"],
  },
  chain: {
    step: "x509",
    question: {
      tr: "İmzacı sertifikasından güvenilir köke RFC 5280'e göre geçerli bir zincir var mı?",
      en: "Is there a chain from the signer's certificate to a trust anchor, valid per RFC 5280?",
    },
    failure: {
      tr: "güvenilir köke geçerli sertifika zinciri kurulamadı",
      en: "no valid certificate chain to a trust anchor",
    },
    subIndications: [
      "NO_CERTIFICATE_CHAIN_FOUND",
      "CERTIFICATE_CHAIN_GENERAL_FAILURE",
      "CHAIN_CONSTRAINTS_FAILURE",
      "EXPIRED",
      "NOT_YET_VALID",
      "OUT_OF_BOUNDS_NO_POE",
    ],
  },
  "signing-time-validity": {
    step: "x509",
    question: {
      tr: "Beyan edilen imza zamanı sertifikanın geçerlilik süresi içinde mi?",
      en: "Is the claimed signing time within the certificate's validity?",
    },
    failure: {
      tr: "beyan edilen imza zamanı sertifika geçerlilik süresi dışında",
      en: "the claimed signing time is outside the certificate's validity",
    },
    subIndications: ["OUT_OF_BOUNDS_NO_POE"],
  },
  "timestamp-signature": tsEntry({ tr: "İmza", en: "signature" }),
  "timestamp-content": tsEntry({ tr: "İçerik", en: "content" }),
  "timestamp-esc": tsEntry({ tr: "ES-C (SigAndRefs)", en: "ES-C (SigAndRefs)" }),
  "timestamp-archive": tsEntry({ tr: "Arşiv", en: "archive" }),
  "timestamp-document": tsEntry({ tr: "Belge (PDF DocTimeStamp)", en: "document (PDF DocTimeStamp)" }),
  "timestamp-order": {
    step: "timestamps",
    question: {
      tr: "İçerik zaman damgası imza zaman damgasından önce mi?",
      en: "Is the content time-stamp earlier than the signature time-stamp?",
    },
    failure: {
      tr: "zaman damgalarının sırası yanlış",
      en: "the time-stamps are in the wrong order",
    },
    subIndications: ["TIMESTAMP_ORDER_FAILURE"],
  },
  references: {
    step: "long-term",
    question: {
      tr: "Sertifika ve iptal referansları (ES-C) gerçek değerleri gösteriyor mu?",
      en: "Do the certificate and revocation references (ES-C) match the actual values?",
    },
    failure: {
      tr: "sertifika ya da iptal referansları uyuşmuyor",
      en: "certificate or revocation references do not match",
    },
    subIndications: ["FORMAT_FAILURE", "SIG_CONSTRAINTS_FAILURE", "CERTIFICATE_CHAIN_GENERAL_FAILURE"],
  },
  values: {
    step: "long-term",
    question: {
      tr: "Seviyenin gerektirdiği sertifika ve iptal değerleri imzada var mı?",
      en: "Does the signature carry the certificate and revocation values its level requires?",
    },
    failure: {
      tr: "sertifika ya da iptal değerleri eksik",
      en: "certificate or revocation values are missing",
    },
    subIndications: ["FORMAT_FAILURE", "SIG_CONSTRAINTS_FAILURE"],
  },
  "values-complete": {
    step: "long-term",
    question: {
      tr: "Gömülü değerler tüm zincirleri (imzacı, zaman damgaları, OCSP) doğrulamaya yetiyor mu?",
      en: "Do the embedded values suffice to validate every chain (signer, time-stamps, OCSP)?",
    },
    failure: {
      tr: "gömülü doğrulama verileri eksik",
      en: "the embedded validation data is incomplete",
    },
    subIndications: ["SIG_CONSTRAINTS_FAILURE"],
  },
  "grace-period": {
    step: "revocation",
    question: {
      tr: "Profilin kesinleşme süresi dolmuş mu?",
      en: "Has the profile's grace period elapsed?",
    },
    failure: {
      tr: "kesinleşme süresi dolmadı; daha sonra yeniden doğrulayın",
      en: "the grace period has not elapsed; validate again later",
    },
    subIndications: ["TRY_LATER"],
  },
  revocation: {
    step: "revocation",
    question: {
      tr: "İmzacı sertifikası imza zamanında iptal edilmemiş miydi (geçerli SİL/OCSP ile)?",
      en: "Was the signer's certificate unrevoked at signing time (per a valid CRL/OCSP)?",
    },
    failure: {
      tr: "imzacı sertifikası iptal edilmiş ya da iptal durumu belirlenemedi",
      en: "the signer's certificate is revoked or its status cannot be determined",
    },
    subIndications: REVOCATION_SUBS,
  },
  "revocation-ca": {
    step: "revocation",
    question: {
      tr: "Zincirdeki alt kök sertifikası iptal edilmemiş miydi? (kimlik: revocation-ca-N, N zincirdeki sıra)",
      en: "Was the CA certificate of the path unrevoked? (id: revocation-ca-N, N its place in the path)",
    },
    failure: {
      tr: "zincirdeki bir alt kök sertifikası iptal edilmiş ya da durumu belirlenemedi",
      en: "a CA certificate of the path is revoked or its status cannot be determined",
    },
    subIndications: REVOCATION_SUBS,
  },
  "nes-key-usage": nesEntry({ tr: "anahtar kullanımında nonRepudiation", en: "nonRepudiation in keyUsage" }),
  "nes-qc-etsi": nesEntry({ tr: "ETSI QcCompliance ifadesi", en: "the ETSI QcCompliance statement" }),
  "nes-qc-btk": nesEntry({ tr: "BTK NES ifadesi", en: "the BTK NES statement" }),
  "nes-user-notice": nesEntry({
    tr: "sertifika ilkesinde kullanıcı bildirimi",
    en: "a certificate-policy user notice",
  }),
  "nes-usage-restriction": {
    step: "acceptance",
    question: {
      tr: "İmzacı sertifikası kullanım kısıtı taşımıyor mu?",
      en: "Is the signer's certificate free of a usage restriction?",
    },
    failure: {
      tr: "sertifikada kullanım kısıtı var: bu imza için kullanılamaz",
      en: "the certificate carries a usage restriction: it may not be used for this signature",
    },
    subIndications: ["CHAIN_CONSTRAINTS_FAILURE"],
  },
  "nes-monetary-limit": {
    step: "acceptance",
    question: {
      tr: "Para limiti ifadesi imzayı geçersiz kılıyor mu? (kılmaz; bilgi için)",
      en: "Does a monetary-limit statement invalidate the signature? (it does not; informative)",
    },
    failure: { tr: "—", en: "—" },
    subIndications: [],
  },
  algorithms: {
    step: "acceptance",
    question: {
      tr: "Özet ve imza algoritmaları imza zamanında algoritma politikasına göre kabul edilebilir mi?",
      en: "Are the digest and signature algorithms acceptable by the algorithm policy at signing time?",
    },
    failure: {
      tr: "algoritma politikaya göre kabul edilemez ya da adı belirlenemedi",
      en: "an algorithm is not acceptable by the policy, or cannot be named",
    },
    subIndications: ["CRYPTO_CONSTRAINTS_FAILURE_NO_POE", "CRYPTO_CONSTRAINTS_FAILURE"],
  },
  "profile-hash": profileEntry({ tr: "en az SHA-256", en: "SHA-256 or stronger" }, ["CRYPTO_CONSTRAINTS_FAILURE"]),
  "profile-ess": profileEntry({ tr: "SHA-256 ile signing-certificate-v2", en: "signing-certificate-v2 with SHA-256" }, [
    "SIG_CONSTRAINTS_FAILURE",
  ]),
  "profile-policy-hash": profileEntry(
    { tr: "SHA-256 ile imza politikası özeti", en: "a signature policy hash computed with SHA-256" },
    ["SIG_CONSTRAINTS_FAILURE"],
  ),
  "profile-signing-time": profileEntry({ tr: "imza zamanı özniteliği", en: "the signing-time attribute" }, [
    "SIG_CONSTRAINTS_FAILURE",
  ]),
  "profile-timestamp": profileEntry(
    {
      tr: "imza zamanına 2 saat içinde geçerli imza zaman damgası",
      en: "a valid signature time-stamp within 2 hours of the signing time",
    },
    ["SIG_CONSTRAINTS_FAILURE"],
  ),
  "counter-signature": {
    step: "acceptance",
    question: { tr: "Seri imzalar (karşı imzalar) geçerli mi?", en: "Are the counter-signatures valid?" },
    failure: { tr: "bir seri imza geçersiz", en: "a counter-signature is not valid" },
    // The counter-signature's own verdict is carried up: whatever a signature's validation may return.
    subIndications: ANY_SIGNATURE_SUB,
  },
  "document-type": {
    step: "document",
    question: {
      tr: "İmzalı belge etkin içerikten (makro, betik, çalıştırılabilir ek) arınmış mı?",
      en: "Is the signed document free of active content (macros, scripts, executable attachments)?",
    },
    failure: {
      tr: "imzalı belgede etkin içerik var: gösterilen ile imzalanan farklı olabilir",
      en: "the signed document carries active content: what is shown may differ from what was signed",
    },
    subIndications: ["SIG_CONSTRAINTS_FAILURE"],
  },
  "content-hints": {
    step: "document",
    question: {
      tr: "content-hints özniteliğindeki tür imzalı belgenin türüyle uyuşuyor mu?",
      en: "Does the type named by content-hints match the signed document's type?",
    },
    failure: {
      tr: "content-hints imzalı belgenin türünü yanlış gösteriyor",
      en: "content-hints misstates the signed document's type",
    },
    subIndications: ["SIG_CONSTRAINTS_FAILURE"],
  },
  "pdf-modifications": {
    step: "document",
    question: {
      tr: "İmzadan sonraki PDF güncellemeleri yalnızca izin verilen değişiklikler mi?",
      en: "Do the PDF updates after signing make only permitted changes?",
    },
    failure: {
      tr: "imzadan sonra belge değiştirilmiş",
      en: "the document was modified after signing",
    },
    subIndications: ["SIG_CONSTRAINTS_FAILURE"],
  },
  "pdf-one-signer-info": {
    step: "format",
    question: {
      tr: "PDF imzasının CMS yapısında tek bir SignerInfo mu var (ISO 32000-1 §12.8.3.3.1, EN 319 142-1 §6.3)?",
      en: "Does the PDF signature's CMS hold exactly one SignerInfo (ISO 32000-1 §12.8.3.3.1, EN 319 142-1 §6.3)?",
    },
    failure: {
      tr: "PDF imzasının CMS yapısında birden çok SignerInfo var",
      en: "the PDF signature's CMS holds more than one SignerInfo",
    },
    subIndications: ["SIG_CONSTRAINTS_FAILURE"],
  },
} as const satisfies Record<string, CatalogueEntry>;

type Catalogued = keyof typeof CATALOGUE;
/** A check id: a catalogue key, or `revocation-ca-N` (the N-th CA certificate of the path). */
export type CheckId = Exclude<Catalogued, "revocation-ca"> | `revocation-ca-${number}`;

/** The catalogue entry for an id (`revocation-ca-2` → `revocation-ca`), or undefined when the id is not catalogued. */
export function catalogueEntry(id: string): (CatalogueEntry & { id: string }) | undefined {
  const key = /^revocation-ca-\d+$/.test(id) ? "revocation-ca" : id;
  if (key === "revocation-ca" && id === key) return undefined;
  if (!Object.hasOwn(CATALOGUE, key)) return undefined;
  return { id: key, ...(CATALOGUE as Record<string, CatalogueEntry>)[key] };
}

/** The rank of a check id's step (lower decides first); an uncatalogued id ranks last. */
export function stepRank(id: string): number {
  const e = catalogueEntry(id);
  return e ? STEP_RANK[e.step] : STEPS.length;
}
