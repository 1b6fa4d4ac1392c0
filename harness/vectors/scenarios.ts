// The vector set as data: levels × packagings, Turkish profiles, multiple signatures and KAMU SM's numbered
// scenarios (notes.md §5). Each entry says which PKI entities it needs (by label or by KAMU SM tag in the
// PKI YAML), how to sign, and the verdict a correct validator reaches, in EN 319 102-1 terms.
//
// Verdict conventions used throughout (so the validator can be held to them):
// - signature value / messageDigest wrong → TOTAL-FAILED SIG_CRYPTO_FAILURE / HASH_FAILURE
// - ESS signing-certificate does not match → INDETERMINATE NO_SIGNING_CERTIFICATE_FOUND
// - certificate profile not a NES (keyUsage, QC statements, user notice, usage restriction) → INDETERMINATE CHAIN_CONSTRAINTS_FAILURE
// - signed content unsafe / mislabelled (macro, attachment, content-hints) → TOTAL-FAILED SIG_CONSTRAINTS_FAILURE
// - a certificate (or CA, CRL, OCSP response, OCSP signer) whose signature does not verify → INDETERMINATE CERTIFICATE_CHAIN_GENERAL_FAILURE
// - expired CRL / OCSP response as the only revocation data → INDETERMINATE TRY_LATER
// - revoked, no proof of existence before revocation → INDETERMINATE REVOKED_NO_POE (CA: REVOKED_CA_NO_POE);
//   revoked before a valid signature time-stamp → TOTAL-FAILED REVOKED
// - expired signer certificate: without POE INDETERMINATE OUT_OF_BOUNDS_NO_POE; with a POE after expiry TOTAL-FAILED EXPIRED
// - Turkish-profile constraint not met (policy, signing time, time-stamp delay, revocation kind, refs/values missing)
//   → INDETERMINATE SIG_CONSTRAINTS_FAILURE; unknown policy → SIGNATURE_POLICY_NOT_AVAILABLE; policy hash wrong → POLICY_PROCESSING_ERROR
// - not yet valid at the validation time → INDETERMINATE OUT_OF_BOUNDS_NO_POE; on hold (certificateHold) → REVOKED_NO_POE;
//   no chain to the trust anchor → INDETERMINATE NO_CERTIFICATE_CHAIN_FOUND
// - signature time-stamp broken → the signature's POE is gone: imprint HASH_FAILURE / forged SIG_CRYPTO_FAILURE (TOTAL-FAILED),
//   TSA chain problems INDETERMINATE (as for the signer's chain)
import type { ExpectedVerdict, Packaging, Profile, SignatureFormat, SignatureLevel, VectorEntry } from "./manifest.ts";
import type { SignSpec } from "./build.ts";
import type { TsaFault } from "../pki/index.ts";

/** A vector to build: the manifest fields it shares with its entry, plus how to make it. */
export interface ScenarioDef extends Pick<
  VectorEntry,
  "id" | "scenario" | "kamusm" | "description" | "format" | "packaging" | "level" | "profile"
> {
  /** document id from documents.ts */
  document: string;
  /** PKI needs: role → candidates (a label, or "tag:X" to find an entity/def tagged with KAMU SM number X) */
  signer?: string[];
  second?: string[];
  tsa?: string[];
  signerRevocation?: "crl" | "ocsp";
  spec?: Partial<
    Omit<SignSpec, "format" | "packaging" | "level" | "profile" | "document" | "signer" | "tsa" | "multi">
  >;
  multi?: "serial" | "parallel";
  tsFault?: TsaFault;
  /** take the signature time-stamp this many minutes after the signing time (default 5) */
  tsOffsetMinutes?: number;
  /** spoil the finished file (malformed-input vectors) */
  damage?: "truncate" | "garble";
  /** detached signature listed without its content (the validator cannot find the signed data) */
  withholdContent?: boolean;
  expected: ExpectedVerdict;
  tags: string[];
  outsideApiScope?: boolean;
  /** PKI labels of roots trusted besides the NES root (the TSA's own root: P4_11, 101) */
  trustAnchors?: string[];
}

const PASS = (en: string, tr: string): ExpectedVerdict => ({ indication: "TOTAL-PASSED", reason: { tr, en } });
const FAIL = (sub: ExpectedVerdict["subIndication"], en: string, tr: string): ExpectedVerdict => ({
  indication: "TOTAL-FAILED",
  subIndication: sub,
  reason: { tr, en },
});
const INDET = (sub: ExpectedVerdict["subIndication"], en: string, tr: string): ExpectedVerdict => ({
  indication: "INDETERMINATE",
  subIndication: sub,
  reason: { tr, en },
});

const CADES_LEVELS: SignatureLevel[] = ["BES", "EPES", "T", "C", "X-Type1", "X-L", "A"];
const XADES_LEVELS: SignatureLevel[] = ["BES", "EPES", "T", "C", "X-Type1", "X-L", "A"];
const PADES_LEVELS: SignatureLevel[] = ["B-B", "B-T", "B-LT", "B-LTA"];
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-");

const VALID_SIGNER = ["nes-rsa"];
const EC_SIGNER = ["nes-ec"];

function levelProfile(level: SignatureLevel): Profile {
  // EPES-and-up carry the P2..P4 policy that fits the level; BES is P1 (no policy)
  if (level === "BES" || level === "B-B" || level === "B-T" || level === "B-LT" || level === "B-LTA") return "P1";
  // P3 mandates X-L, so C and X type 1 (below it) carry the P2 policy, whose T requirement they meet
  // a bare EPES carries an implied policy (no Turkish profile: P2 would demand a time-stamp)
  if (level === "EPES") return "none";
  if (level === "T" || level === "C" || level === "X-Type1") return "P2";
  return "P3";
}

/** Positive vectors: every level of every format and packaging. */
function levelVectors(): ScenarioDef[] {
  const out: ScenarioDef[] = [];
  for (const packaging of ["attached", "detached"] as const)
    for (const level of CADES_LEVELS)
      out.push({
        id: `cades-${slug(level)}-${packaging}`,
        scenario: "level",
        kamusm: false,
        description: {
          tr: `Geçerli CAdES-${level} (${packaging === "attached" ? "içerik içinde" : "ayrık"})`,
          en: `Valid CAdES-${level} (${packaging})`,
        },
        format: "CAdES",
        packaging,
        level,
        profile: levelProfile(level),
        document: "doc-txt",
        signer: VALID_SIGNER,
        expected: PASS(`All checks pass at ${level} level`, `${level} seviyesinde tüm kontroller geçer`),
        tags: ["positive", "level"],
      });
  for (const packaging of ["enveloped", "enveloping", "detached"] as const)
    for (const level of XADES_LEVELS)
      out.push({
        id: `xades-${slug(level)}-${packaging}`,
        scenario: "level",
        kamusm: false,
        description: { tr: `Geçerli XAdES-${level} (${packaging})`, en: `Valid XAdES-${level} (${packaging})` },
        format: "XAdES",
        packaging,
        level,
        profile: levelProfile(level),
        document: packaging === "enveloped" ? "doc-xml" : "doc-txt",
        signer: VALID_SIGNER,
        expected: PASS(`All checks pass at ${level} level`, `${level} seviyesinde tüm kontroller geçer`),
        tags: ["positive", "level"],
      });
  for (const level of PADES_LEVELS)
    out.push({
      id: `pades-${slug(level)}`,
      scenario: "level",
      kamusm: false,
      description: { tr: `Geçerli PAdES ${level}`, en: `Valid PAdES ${level}` },
      format: "PAdES",
      packaging: "enveloped",
      level,
      profile: "none",
      document: "doc-pdf",
      signer: VALID_SIGNER,
      expected: PASS(`All checks pass at ${level} level`, `${level} seviyesinde tüm kontroller geçer`),
      tags: ["positive", "level"],
    });
  // ECDSA signer at the main levels
  for (const [format, packaging, level, document] of [
    ["CAdES", "attached", "BES", "doc-txt"],
    ["CAdES", "detached", "X-L", "doc-txt"],
    ["XAdES", "enveloped", "T", "doc-xml"],
    ["PAdES", "enveloped", "B-LT", "doc-pdf"],
  ] as const)
    out.push({
      id: `${format.toLowerCase()}-${slug(level)}-${packaging}-ecdsa`,
      scenario: "level",
      kamusm: false,
      description: {
        tr: `ECDSA P-256 ile geçerli ${format} ${level}`,
        en: `Valid ${format} ${level} with ECDSA P-256`,
      },
      format,
      packaging,
      level,
      profile: format === "PAdES" ? "none" : levelProfile(level),
      document,
      signer: EC_SIGNER,
      expected: PASS("Valid ECDSA signature", "Geçerli ECDSA imzası"),
      tags: ["positive", "level", "ecdsa"],
    });
  return out;
}

/** Turkish profiles P2–P4 at their mandated levels, CAdES and XAdES. */
function profileVectors(): ScenarioDef[] {
  const out: ScenarioDef[] = [];
  const rows: Array<[Profile, SignatureLevel, "crl" | "ocsp"]> = [
    ["P2", "T", "crl"],
    ["P3", "X-L", "crl"],
    ["P3", "A", "crl"],
    ["P4", "X-L", "ocsp"],
    ["P4", "A", "ocsp"],
  ];
  for (const [profile, level, rev] of rows)
    for (const format of ["CAdES", "XAdES"] as const)
      out.push({
        id: `${format.toLowerCase()}-${profile.toLowerCase()}-${slug(level)}`,
        scenario: `profile-${profile}`,
        kamusm: false,
        description: {
          tr: `${profile} profili, ${format}-${level}, ${rev === "ocsp" ? "OCSP" : "SİL"}`,
          en: `Profile ${profile}, ${format}-${level}, ${rev.toUpperCase()}`,
        },
        format,
        packaging: format === "CAdES" ? "attached" : "enveloped",
        level,
        profile,
        document: format === "CAdES" ? "doc-txt" : "doc-xml",
        signer: VALID_SIGNER,
        signerRevocation: rev,
        expected: PASS(`Meets ${profile}`, `${profile} profilini karşılar`),
        tags: ["positive", "profile"],
      });
  return out;
}

function profileNegatives(): ScenarioDef[] {
  return (["CAdES", "XAdES"] as const).map((format) => ({
    id: `${format.toLowerCase()}-p2-epes-without-timestamp`,
    scenario: "profile-P2",
    kamusm: false,
    description: {
      tr: `P2 politikası var ama imza zaman damgası yok (${format}-EPES)`,
      en: `P2 policy but no signature time-stamp (${format}-EPES)`,
    },
    format,
    packaging: format === "CAdES" ? "attached" : "enveloped",
    level: "EPES",
    profile: "P2",
    document: format === "CAdES" ? "doc-txt" : "doc-xml",
    signer: VALID_SIGNER,
    signerRevocation: "crl",
    expected: INDET(
      "SIG_CONSTRAINTS_FAILURE",
      "Profile P2 requires a signature time-stamp",
      "P2 profili imza zaman damgası ister",
    ),
    tags: ["negative", "profile"],
  }));
}

/** Active content in an HTML document (our class; the same verdict as KAMU SM's macro scenario 2). */
function contentVectors(): ScenarioDef[] {
  return (["CAdES", "XAdES"] as const).map((format) => ({
    id: `${format.toLowerCase()}-bes-detached-html-script`,
    scenario: "content-html-script",
    kamusm: false,
    description: {
      tr: "Görüntülenen tutarı değiştiren betik içeren HTML imzalanmış",
      en: "Signed HTML whose script changes the displayed amount",
    },
    format,
    packaging: "detached",
    level: "BES",
    profile: "P1",
    document: "doc-html-script",
    signer: VALID_SIGNER,
    expected: FAIL(
      "SIG_CONSTRAINTS_FAILURE",
      "The signed document contains active content (a script) that can change what is displayed",
      "İmzalı belge görüntüyü değiştirebilen etkin içerik (betik) taşıyor",
    ),
    tags: ["negative", "content"],
    outsideApiScope: true,
  }));
}

/** Broken input a validator must survive with a FORMAT_FAILURE (and a detached signature without its data). */
function malformedVectors(): ScenarioDef[] {
  const FORMAT = FAIL(
    "FORMAT_FAILURE",
    "The file is not a well-formed signature of its format",
    "Dosya biçimine uygun iyi biçimli bir imza değil",
  );
  const rows: Array<[SignatureFormat, Packaging, SignatureLevel, string, "truncate" | "garble"]> = [
    ["CAdES", "attached", "BES", "doc-txt", "truncate"],
    ["CAdES", "attached", "BES", "doc-txt", "garble"],
    ["XAdES", "enveloped", "BES", "doc-xml", "truncate"],
    ["XAdES", "enveloped", "BES", "doc-xml", "garble"],
    ["PAdES", "enveloped", "B-B", "doc-pdf", "truncate"],
  ];
  const out: ScenarioDef[] = rows.map(([format, packaging, level, document, damage]) => ({
    id: `${format.toLowerCase()}-malformed-${damage}`,
    scenario: `malformed-${damage}`,
    kamusm: false,
    description:
      damage === "truncate"
        ? { tr: `Yarıda kesilmiş ${format} imza dosyası`, en: `Truncated ${format} signature file` }
        : { tr: `Ortası bozulmuş ${format} imza dosyası`, en: `${format} signature file with its middle overwritten` },
    format,
    packaging,
    level,
    profile: format === "PAdES" ? "none" : "P1",
    document,
    signer: VALID_SIGNER,
    damage,
    expected: FORMAT,
    tags: ["negative", "malformed"],
  }));
  for (const format of ["CAdES", "XAdES"] as const)
    out.push({
      id: `${format.toLowerCase()}-detached-without-content`,
      scenario: "detached-without-content",
      kamusm: false,
      description: {
        tr: "Ayrık imza, imzalanan belge verilmeden",
        en: "Detached signature given without the signed document",
      },
      format,
      packaging: "detached",
      level: "BES",
      profile: "P1",
      document: "doc-txt",
      signer: VALID_SIGNER,
      withholdContent: true,
      expected: INDET(
        "SIGNED_DATA_NOT_FOUND",
        "The signed data of a detached signature is not available",
        "Ayrık imzanın imzaladığı veri mevcut değil",
      ),
      tags: ["negative", "malformed"],
    });
  return out;
}

/** Negative-matrix certificates of the PKI that KAMU SM does not number. */
function certificateClassVectors(): ScenarioDef[] {
  const rows: Array<[string, string, string, string, ExpectedVerdict]> = [
    [
      "not-yet-valid",
      "nes-not-yet-valid",
      "Signer certificate not yet valid at the signing time",
      "İmzacı sertifikası imza zamanında henüz geçerli değil",
      INDET(
        "OUT_OF_BOUNDS_NO_POE",
        "The signer certificate is not yet valid (notBefore after the signing and validation times)",
        "İmzacı sertifikası henüz geçerli değil (notBefore imza ve doğrulama zamanından sonra)",
      ),
    ],
    [
      "on-hold",
      "nes-on-hold",
      "Signer certificate on hold (certificateHold) in the CRL",
      "İmzacı sertifikası SİL'de askıda (certificateHold)",
      INDET(
        "REVOKED_NO_POE",
        "The signer certificate is on hold (revoked with certificateHold) and nothing proves the signature existed before",
        "İmzacı sertifikası askıda (certificateHold ile iptal) ve imzanın öncesine kanıt yok",
      ),
    ],
    [
      "crl-wrong-issuer",
      "nes-crl-wrong-issuer",
      "The signer's CRL is signed by another CA",
      "İmzacının SİL'i başka bir ESHS tarafından imzalanmış",
      INDET("TRY_LATER", "No CRL from the signer certificate's issuer", "İmzacı sertifikasının yayıncısından SİL yok"),
    ],
    [
      "ocsp-unauthorised",
      "nes-ocsp-unauthorised",
      "OCSP response signed by an unauthorised key",
      "Yetkisiz anahtarla imzalanmış OCSP yanıtı",
      INDET(
        "CERTIFICATE_CHAIN_GENERAL_FAILURE",
        "The OCSP response is not signed by the CA or a responder it authorised",
        "OCSP yanıtı ESHS veya yetkilendirdiği sunucu tarafından imzalanmamış",
      ),
    ],
    [
      "unknown-root",
      "nes-unknown-root",
      "Signer certificate chains to a root that is not trusted",
      "İmzacı sertifikası güvenilmeyen bir köke bağlanıyor",
      INDET("NO_CERTIFICATE_CHAIN_FOUND", "No chain to a trust anchor", "Güvenilen köke zincir yok"),
    ],
  ];
  return rows.map(([cls, label, en, tr, expected]) => ({
    id: `cades-bes-${cls}`,
    scenario: `cert-${cls}`,
    kamusm: false,
    description: { tr, en },
    format: "CAdES",
    packaging: "attached",
    level: "BES",
    profile: "P1",
    document: "doc-txt",
    signer: [label],
    signerRevocation: cls.startsWith("ocsp") ? "ocsp" : "crl",
    expected,
    tags: ["negative", "cert-validity"],
  }));
}

function multiVectors(): ScenarioDef[] {
  const out: ScenarioDef[] = [];
  for (const kind of ["serial", "parallel"] as const) {
    out.push({
      id: `cades-multi-${kind}-bes`,
      scenario: `multi-${kind}`,
      kamusm: false,
      description: {
        tr: kind === "serial" ? "Seri imza (karşı imza), CAdES-BES" : "Paralel imza (iki SignerInfo), CAdES-BES",
        en:
          kind === "serial"
            ? "Serial signature (counter-signature), CAdES-BES"
            : "Parallel signatures (two SignerInfos), CAdES-BES",
      },
      format: "CAdES",
      packaging: "attached",
      level: "BES",
      profile: "P1",
      document: "doc-txt",
      signer: VALID_SIGNER,
      second: EC_SIGNER,
      multi: kind,
      expected: PASS("Both signatures valid", "İki imza da geçerli"),
      tags: ["positive", "multi"],
    });
    out.push({
      id: `cades-multi-${kind}-xl`,
      scenario: `multi-${kind}`,
      kamusm: false,
      description: {
        tr: `${kind === "serial" ? "Seri" : "Paralel"} imza, CAdES-X-L`,
        en: `${kind} signatures, CAdES-X-L`,
      },
      format: "CAdES",
      packaging: "detached",
      level: "X-L",
      profile: "P3",
      document: "doc-txt",
      signer: VALID_SIGNER,
      second: EC_SIGNER,
      multi: kind,
      expected: PASS("Both signatures valid", "İki imza da geçerli"),
      tags: ["positive", "multi"],
    });
  }
  for (const level of ["BES", "X-L"] as const)
    out.push({
      id: `xades-multi-serial-${slug(level)}`,
      scenario: "multi-serial",
      kamusm: false,
      description: {
        tr: `XAdES-${level}, içinde karşı imza (CounterSignature)`,
        en: `XAdES-${level} with a counter-signature (CounterSignature)`,
      },
      format: "XAdES",
      packaging: "enveloped",
      level,
      profile: level === "BES" ? "P1" : "P3",
      document: "doc-xml",
      signer: VALID_SIGNER,
      second: EC_SIGNER,
      multi: "serial",
      expected: PASS("Both signatures valid", "İki imza da geçerli"),
      tags: ["positive", "multi"],
    });
  out.push({
    id: "xades-multi-parallel-t",
    scenario: "multi-parallel",
    kamusm: false,
    description: {
      tr: "Aynı ayrık belge üzerinde iki paralel XAdES-T imzası",
      en: "Two parallel detached XAdES-T signatures over one file",
    },
    format: "XAdES",
    packaging: "detached",
    level: "T",
    profile: "P2",
    document: "doc-txt",
    signer: VALID_SIGNER,
    second: EC_SIGNER,
    multi: "parallel",
    expected: PASS("Both signatures valid", "İki imza da geçerli"),
    tags: ["positive", "multi"],
  });
  out.push({
    id: "pades-multi-sequential-b-lt",
    scenario: "multi-serial",
    kamusm: false,
    description: { tr: "Art arda iki PAdES imzası ve DSS", en: "Two sequential PAdES signatures, then a DSS" },
    format: "PAdES",
    packaging: "enveloped",
    level: "B-LT",
    profile: "none",
    document: "doc-pdf",
    signer: VALID_SIGNER,
    second: EC_SIGNER,
    multi: "serial",
    expected: PASS("Both signatures valid", "İki imza da geçerli"),
    tags: ["positive", "multi"],
  });
  return out;
}

/** One KAMU SM scenario rendered in several formats/levels. */
interface Kamusm {
  n: string;
  en: string;
  tr: string;
  /** which renderings: [format, packaging, level, profile?] */
  as: Array<[SignatureFormat, Packaging, SignatureLevel, Profile?]>;
  expected: ExpectedVerdict;
  signer?: string[];
  tsa?: string[];
  document?: string;
  signerRevocation?: "crl" | "ocsp";
  spec?: ScenarioDef["spec"];
  tsFault?: TsaFault;
  tsOffsetMinutes?: number;
  multi?: "serial" | "parallel";
  second?: string[];
  outsideApiScope?: boolean;
  trustAnchors?: string[];
  tags: string[];
  /** expected per rendering level, when it differs (BES vs T) */
  byLevel?: Partial<Record<SignatureLevel, ExpectedVerdict>>;
}

const C_BES: [SignatureFormat, Packaging, SignatureLevel] = ["CAdES", "attached", "BES"];
const C_T: [SignatureFormat, Packaging, SignatureLevel] = ["CAdES", "attached", "T"];
const C_XL: [SignatureFormat, Packaging, SignatureLevel] = ["CAdES", "detached", "X-L"];
const X_BES: [SignatureFormat, Packaging, SignatureLevel] = ["XAdES", "enveloped", "BES"];
const X_T: [SignatureFormat, Packaging, SignatureLevel] = ["XAdES", "enveloped", "T"];
const X_XL: [SignatureFormat, Packaging, SignatureLevel] = ["XAdES", "enveloped", "X-L"];
const P_BB: [SignatureFormat, Packaging, SignatureLevel] = ["PAdES", "enveloped", "B-B"];
const P_LT: [SignatureFormat, Packaging, SignatureLevel] = ["PAdES", "enveloped", "B-LT"];
const P_BT: [SignatureFormat, Packaging, SignatureLevel] = ["PAdES", "enveloped", "B-T"];
const tag = (...nums: string[]) => nums.flatMap((n) => [`tag:BES_${n}`, `tag:${n}`, `tag:QCA1_${n}`]);

const NES_CONSTRAINT = (what: string, tr: string) =>
  INDET(
    "CHAIN_CONSTRAINTS_FAILURE",
    `The signer certificate is not a qualified (NES) certificate: ${what}`,
    `İmzacı sertifikası NES değil: ${tr}`,
  );
const REVOKED_NO_POE = INDET(
  "REVOKED_NO_POE",
  "The signer certificate is revoked and nothing proves the signature existed before",
  "İmzacı sertifikası iptal edilmiş ve imzanın iptalden önce var olduğunu gösteren kanıt yok",
);

const KAMUSM: Kamusm[] = [
  {
    n: "1",
    en: "All signed attributes present (content-hints, policy, signing time, ESS v2)",
    tr: "Tüm imzalı özellikler mevcut",
    as: [C_BES, ["CAdES", "detached", "T", "P2"], X_BES],
    expected: PASS("Valid", "Geçerli"),
    tags: ["positive"],
    spec: { contentHints: { description: "text/plain", contentType: "1.2.840.113549.1.7.1" } },
  },
  {
    n: "2",
    en: "Signed Word document carrying a macro (vbaProject.bin)",
    tr: "Makro içeren Word belgesi imzalanmış",
    as: [C_BES, ["CAdES", "detached", "BES"], ["XAdES", "detached", "BES"]],
    document: "doc-docx-macro",
    outsideApiScope: true,
    expected: FAIL(
      "SIG_CONSTRAINTS_FAILURE",
      "The signed document contains active content (a VBA macro) that can change what is displayed",
      "İmzalı belge görüntüyü değiştirebilen etkin içerik (VBA makrosu) taşıyor",
    ),
    tags: ["negative", "content"],
  },
  {
    n: "3",
    en: "content-hints says image/jpeg but the content is a PDF",
    tr: "content-hints image/jpeg diyor, içerik PDF",
    as: [C_BES, ["CAdES", "detached", "BES"]],
    document: "doc-pdf",
    outsideApiScope: true,
    spec: { contentHints: { description: "image/jpeg", contentType: "1.2.840.113549.1.7.1" } },
    expected: FAIL(
      "SIG_CONSTRAINTS_FAILURE",
      "content-hints (image/jpeg) does not match the signed content (PDF)",
      "content-hints (image/jpeg) imzalı içerikle (PDF) uyuşmuyor",
    ),
    tags: ["negative", "content"],
  },
  {
    n: "4",
    en: "ESS signing-certificate digest corrupted",
    tr: "ESS imzacı sertifikası özeti bozuk",
    as: [C_BES, C_T, X_BES, P_BB],
    spec: { fault: { essCertHash: true } },
    expected: INDET(
      "NO_SIGNING_CERTIFICATE_FOUND",
      "The signing-certificate attribute does not match any certificate",
      "signing-certificate özniteliği hiçbir sertifikayla eşleşmiyor",
    ),
    tags: ["negative", "tamper"],
  },
  {
    n: "5",
    en: "messageDigest corrupted",
    tr: "messageDigest bozuk",
    as: [C_BES, ["CAdES", "detached", "BES"], C_T, P_BB],
    spec: { fault: { messageDigest: true } },
    expected: FAIL(
      "HASH_FAILURE",
      "The messageDigest attribute does not match the signed content",
      "messageDigest imzalı içerikle uyuşmuyor",
    ),
    tags: ["negative", "tamper"],
  },
  {
    n: "6",
    en: "SHA-1 signature",
    tr: "SHA-1 ile imza",
    as: [C_BES, X_BES],
    spec: { hash: "SHA-1" },
    expected: PASS("Valid (KAMU SM accepts SHA-1 here)", "Geçerli (KAMU SM burada SHA-1'i kabul ediyor)"),
    tags: ["positive", "crypto"],
  },
  {
    n: "7",
    en: "Signature value corrupted",
    tr: "İmza değeri bozuk",
    as: [C_BES, ["CAdES", "detached", "BES"], C_T, X_BES, ["XAdES", "enveloping", "BES"], P_BB],
    spec: { fault: { signatureValue: true } },
    expected: FAIL(
      "SIG_CRYPTO_FAILURE",
      "The signature value does not verify with the signer's public key",
      "İmza değeri imzacının açık anahtarıyla doğrulanmıyor",
    ),
    tags: ["negative", "tamper"],
  },
  {
    n: "8",
    en: "Valid signature",
    tr: "Geçerli imza",
    as: [C_BES, C_T, C_XL, X_BES, X_T, X_XL, P_BB, P_LT],
    expected: PASS("Valid", "Geçerli"),
    tags: ["positive"],
  },
  {
    n: "9",
    en: "Signer certificate without nonRepudiation",
    tr: "nonRepudiation içermeyen imzacı sertifikası",
    as: [C_BES, X_BES, P_BB],
    signer: tag("9"),
    expected: NES_CONSTRAINT("keyUsage lacks nonRepudiation", "keyUsage nonRepudiation içermiyor"),
    tags: ["negative", "cert-profile"],
  },
  {
    n: "10",
    en: "Signer certificate without the certificate-policy user notice",
    tr: "Sertifika ilkesinde kullanıcı uyarısı yok",
    as: [C_BES, X_BES, P_BB],
    signer: tag("10"),
    expected: NES_CONSTRAINT(
      "no user notice in certificatePolicies",
      "certificatePolicies kullanıcı uyarısı içermiyor",
    ),
    tags: ["negative", "cert-profile"],
  },
  {
    n: "11",
    en: "Signer certificate without the ETSI QcCompliance statement",
    tr: "ETSI QcCompliance beyanı yok",
    as: [C_BES, X_BES, P_BB],
    signer: tag("11"),
    expected: NES_CONSTRAINT("no ETSI QcCompliance (0.4.0.1862.1.1)", "ETSI QcCompliance (0.4.0.1862.1.1) yok"),
    tags: ["negative", "cert-profile"],
  },
  {
    n: "12",
    en: "Signer certificate without the BTK NES statement",
    tr: "BTK NES beyanı yok",
    as: [C_BES, X_BES, P_BB],
    signer: tag("12"),
    expected: NES_CONSTRAINT(
      "no BTK NES statement (2.16.792.1.61.0.1.5070.1.1)",
      "BTK NES beyanı (2.16.792.1.61.0.1.5070.1.1) yok",
    ),
    tags: ["negative", "cert-profile"],
  },
  {
    n: "13",
    en: "PDF/A-3 carrying a Word attachment",
    tr: "Word eki taşıyan PDF/A-3",
    as: [
      ["PAdES", "enveloped", "B-B"],
      ["CAdES", "detached", "BES"],
    ],
    document: "doc-pdfa3-docx",
    outsideApiScope: true,
    expected: FAIL(
      "SIG_CONSTRAINTS_FAILURE",
      "The signed PDF/A-3 carries an embedded Word file whose content is not shown to the signer",
      "İmzalı PDF/A-3, imzacıya gösterilmeyen gömülü bir Word dosyası taşıyor",
    ),
    tags: ["negative", "content"],
  },
  {
    n: "14",
    en: "Expired signer certificate",
    tr: "Süresi dolmuş imzacı sertifikası",
    as: [C_BES, C_T, X_BES, P_BB],
    signer: tag("14"),
    expected: INDET(
      "OUT_OF_BOUNDS_NO_POE",
      "The signer certificate has expired and nothing proves the signature existed before",
      "İmzacı sertifikasının süresi dolmuş ve imzanın daha önce var olduğuna kanıt yok",
    ),
    byLevel: {
      T: FAIL(
        "EXPIRED",
        "The signer certificate had already expired at the time-stamp",
        "Zaman damgası anında imzacı sertifikasının süresi dolmuştu",
      ),
    },
    tags: ["negative", "cert-validity"],
  },
  {
    n: "15",
    en: "Signer certificate with a forged signature",
    tr: "İmzası sahte imzacı sertifikası",
    as: [C_BES, X_BES, P_BB],
    signer: tag("15"),
    expected: INDET(
      "CERTIFICATE_CHAIN_GENERAL_FAILURE",
      "The signer certificate's signature does not verify with the issuer's key",
      "İmzacı sertifikasının imzası yayıncının anahtarıyla doğrulanmıyor",
    ),
    tags: ["negative", "cert-validity"],
  },
  {
    n: "16_1",
    en: "Signer revoked in the CRL before the signing time",
    tr: "İmzacı, imza zamanından önce SİL'de iptal",
    as: [C_BES, C_T, X_T, P_BT],
    signer: tag("16_1", "16-1"),
    signerRevocation: "crl",
    expected: REVOKED_NO_POE,
    byLevel: {
      T: FAIL(
        "REVOKED",
        "The signer certificate was revoked before the signature time-stamp",
        "İmzacı sertifikası imza zaman damgasından önce iptal edilmiş",
      ),
      "B-T": FAIL(
        "REVOKED",
        "The signer certificate was revoked before the signature time-stamp",
        "İmzacı sertifikası imza zaman damgasından önce iptal edilmiş",
      ),
    },
    tags: ["negative", "revocation"],
  },
  {
    n: "16_2",
    en: "Signer revoked in the CRL after the signing time",
    tr: "İmzacı, imza zamanından sonra SİL'de iptal",
    as: [C_BES, C_T, X_T, P_BT],
    signer: tag("16_2", "16-2"),
    signerRevocation: "crl",
    expected: REVOKED_NO_POE,
    byLevel: {
      T: PASS("Revoked only after the signature time-stamp", "Yalnızca imza zaman damgasından sonra iptal edilmiş"),
      "B-T": PASS("Revoked only after the signature time-stamp", "Yalnızca imza zaman damgasından sonra iptal edilmiş"),
    },
    tags: ["revocation"],
  },
  {
    n: "17_1",
    en: "Signer revoked via OCSP before the signing time",
    tr: "İmzacı, imza zamanından önce OCSP'de iptal",
    as: [C_BES, C_T, X_T, P_BT],
    signer: tag("17_1", "17-1"),
    signerRevocation: "ocsp",
    expected: REVOKED_NO_POE,
    byLevel: {
      T: FAIL(
        "REVOKED",
        "The signer certificate was revoked before the signature time-stamp",
        "İmzacı sertifikası imza zaman damgasından önce iptal edilmiş",
      ),
      "B-T": FAIL(
        "REVOKED",
        "The signer certificate was revoked before the signature time-stamp",
        "İmzacı sertifikası imza zaman damgasından önce iptal edilmiş",
      ),
    },
    tags: ["negative", "revocation"],
  },
  {
    n: "17_2",
    en: "Signer revoked via OCSP after the signing time",
    tr: "İmzacı, imza zamanından sonra OCSP'de iptal",
    as: [C_BES, C_T, X_T, P_BT],
    signer: tag("17_2", "17-2"),
    signerRevocation: "ocsp",
    expected: REVOKED_NO_POE,
    byLevel: {
      T: PASS("Revoked only after the signature time-stamp", "Yalnızca imza zaman damgasından sonra iptal edilmiş"),
      "B-T": PASS("Revoked only after the signature time-stamp", "Yalnızca imza zaman damgasından sonra iptal edilmiş"),
    },
    tags: ["revocation"],
  },
  {
    n: "18",
    en: "The signer's CRL has expired",
    tr: "İmzacının SİL'inin süresi dolmuş",
    as: [C_BES, C_XL, X_XL, P_LT],
    signer: tag("18"),
    signerRevocation: "crl",
    expected: INDET(
      "TRY_LATER",
      "The only CRL for the signer is past its nextUpdate",
      "İmzacı için tek SİL nextUpdate tarihini geçmiş",
    ),
    tags: ["negative", "revocation"],
  },
  {
    n: "19",
    en: "The signer's CRL has a forged signature",
    tr: "İmzacının SİL'inin imzası sahte",
    as: [C_BES, C_XL, X_XL, P_LT],
    signer: tag("19"),
    signerRevocation: "crl",
    expected: INDET(
      "CERTIFICATE_CHAIN_GENERAL_FAILURE",
      "The CRL's signature does not verify",
      "SİL imzası doğrulanmıyor",
    ),
    tags: ["negative", "revocation"],
  },
  {
    n: "20",
    en: "The signer's OCSP response has expired",
    tr: "İmzacının OCSP yanıtının süresi dolmuş",
    as: [C_BES, C_XL, X_XL, P_LT],
    signer: tag("20"),
    signerRevocation: "ocsp",
    expected: INDET(
      "TRY_LATER",
      "The only OCSP response is past its nextUpdate",
      "Tek OCSP yanıtı nextUpdate tarihini geçmiş",
    ),
    tags: ["negative", "revocation"],
  },
  {
    n: "21",
    en: "The signer's OCSP response has a forged signature",
    tr: "İmzacının OCSP yanıtının imzası sahte",
    as: [C_BES, C_XL, X_XL, P_LT],
    signer: tag("21"),
    signerRevocation: "ocsp",
    expected: INDET(
      "CERTIFICATE_CHAIN_GENERAL_FAILURE",
      "The OCSP response's signature does not verify",
      "OCSP yanıtının imzası doğrulanmıyor",
    ),
    tags: ["negative", "revocation"],
  },
  {
    n: "22",
    en: "The OCSP responder certificate has expired",
    tr: "OCSP sunucu sertifikasının süresi dolmuş",
    as: [C_BES, C_XL, X_XL, P_LT],
    signer: tag("22"),
    signerRevocation: "ocsp",
    expected: INDET(
      "CERTIFICATE_CHAIN_GENERAL_FAILURE",
      "The OCSP responder's certificate was not valid when the response was produced",
      "OCSP sunucu sertifikası yanıt üretildiğinde geçerli değildi",
    ),
    tags: ["negative", "revocation"],
  },
  {
    n: "23",
    en: "The OCSP responder certificate has a forged signature",
    tr: "OCSP sunucu sertifikasının imzası sahte",
    as: [C_BES, C_XL, X_XL, P_LT],
    signer: tag("23"),
    signerRevocation: "ocsp",
    expected: INDET(
      "CERTIFICATE_CHAIN_GENERAL_FAILURE",
      "The OCSP responder's certificate signature does not verify",
      "OCSP sunucu sertifikasının imzası doğrulanmıyor",
    ),
    tags: ["negative", "revocation"],
  },
  {
    n: "24_1",
    en: "The OCSP responder certificate is revoked but carries ocsp-nocheck",
    tr: "OCSP sunucu sertifikası iptal ama ocsp-nocheck taşıyor",
    as: [C_BES, C_T],
    signer: ["tag:BES_24_1"],
    signerRevocation: "ocsp",
    expected: PASS(
      "id-pkix-ocsp-nocheck: the responder certificate's status is not checked",
      "id-pkix-ocsp-nocheck: sunucu sertifikasının durumu denetlenmez",
    ),
    tags: ["revocation"],
  },
  {
    n: "ESXL_24_1",
    en: "The OCSP responder certificate (no nocheck) was revoked before the signing time",
    tr: "OCSP sunucu sertifikası (nocheck yok) imza zamanından önce iptal",
    as: [C_XL, X_XL],
    signer: ["tag:ESXL_24_1"],
    signerRevocation: "ocsp",
    spec: { responderStatus: true },
    expected: INDET(
      "CERTIFICATE_CHAIN_GENERAL_FAILURE",
      "The OCSP response was signed by a revoked responder certificate",
      "OCSP yanıtı iptal edilmiş bir sunucu sertifikasıyla imzalanmış",
    ),
    tags: ["negative", "revocation"],
  },
  {
    n: "ESXL_24_2",
    en: "The OCSP responder certificate (no nocheck) was revoked after the signing time",
    tr: "OCSP sunucu sertifikası (nocheck yok) imza zamanından sonra iptal",
    as: [C_XL, X_XL],
    signer: ["tag:ESXL_24_2"],
    signerRevocation: "ocsp",
    spec: { responderStatus: true },
    expected: PASS(
      "The responder was revoked only after the response was produced",
      "Sunucu yalnızca yanıt üretildikten sonra iptal edilmiş",
    ),
    tags: ["revocation"],
  },
  {
    n: "25",
    en: "Monetary limit statement of 0",
    tr: "Para limiti beyanı 0",
    as: [C_BES, X_BES],
    signer: tag("25"),
    outsideApiScope: true,
    expected: PASS("A monetary limit does not invalidate the signature", "Para limiti imzayı geçersiz kılmaz"),
    tags: ["cert-profile"],
  },
  {
    n: "26",
    en: "Usage restriction statement",
    tr: "Kullanım kısıtı beyanı",
    as: [C_BES, X_BES],
    signer: tag("26"),
    outsideApiScope: true,
    expected: NES_CONSTRAINT(
      "a usage restriction statement limits the certificate",
      "kullanım kısıtı beyanı sertifikayı sınırlıyor",
    ),
    tags: ["negative", "cert-profile"],
  },
  {
    n: "27",
    en: "OCSP response for the wrong certificate",
    tr: "Başka sertifika için OCSP yanıtı",
    as: [C_BES, C_XL, X_XL, P_LT],
    signer: tag("27"),
    signerRevocation: "ocsp",
    expected: INDET(
      "TRY_LATER",
      "No OCSP response covers the signer certificate",
      "İmzacı sertifikasını kapsayan OCSP yanıtı yok",
    ),
    tags: ["negative", "revocation"],
  },
  {
    n: "28",
    en: "Sub-root certificate with a forged signature",
    tr: "Alt kök sertifikasının imzası sahte",
    as: [C_BES, X_BES, P_BB],
    signer: tag("28"),
    expected: INDET(
      "CERTIFICATE_CHAIN_GENERAL_FAILURE",
      "The sub-root certificate's signature does not verify with the root's key",
      "Alt kök sertifikasının imzası kök anahtarıyla doğrulanmıyor",
    ),
    tags: ["negative", "chain"],
  },
  {
    n: "29_1",
    en: "Sub-root revoked in the root CRL before the signing time",
    tr: "Alt kök, imza zamanından önce SİL'de iptal",
    as: [C_BES, C_T],
    signer: tag("29_1", "29-1", "29"),
    expected: INDET(
      "REVOKED_CA_NO_POE",
      "A CA certificate of the path is revoked",
      "Yoldaki bir ESHS sertifikası iptal edilmiş",
    ),
    tags: ["negative", "chain", "revocation"],
  },
  {
    n: "29_2",
    en: "Sub-root revoked in the root CRL after the signing time",
    tr: "Alt kök, imza zamanından sonra SİL'de iptal",
    as: [C_BES, C_T],
    signer: tag("29_2", "29-2"),
    expected: INDET(
      "REVOKED_CA_NO_POE",
      "A CA certificate of the path is revoked and nothing proves the signature existed before",
      "Yoldaki bir ESHS sertifikası iptal ve öncesine kanıt yok",
    ),
    byLevel: {
      T: PASS(
        "The sub-root was revoked only after the signature time-stamp",
        "Alt kök yalnızca imza zaman damgasından sonra iptal edilmiş",
      ),
    },
    tags: ["chain", "revocation"],
  },
  {
    n: "30",
    en: "Sub-root points to an expired CRL",
    tr: "Alt kök süresi dolmuş SİL'i gösteriyor",
    as: [C_BES, C_XL],
    signer: tag("30"),
    spec: { tsaRevocation: "ocsp" },
    expected: INDET(
      "TRY_LATER",
      "The CRL for the sub-root is past its nextUpdate",
      "Alt kök için SİL nextUpdate tarihini geçmiş",
    ),
    tags: ["negative", "chain", "revocation"],
  },
  {
    n: "31",
    en: "Sub-root points to a forged CRL",
    tr: "Alt kök imzası sahte SİL'i gösteriyor",
    as: [C_BES, C_XL],
    signer: tag("31"),
    spec: { tsaRevocation: "ocsp" },
    expected: INDET(
      "CERTIFICATE_CHAIN_GENERAL_FAILURE",
      "The CRL for the sub-root does not verify",
      "Alt kök için SİL doğrulanmıyor",
    ),
    tags: ["negative", "chain", "revocation"],
  },
  {
    n: "32_1",
    en: "Sub-root revoked via OCSP before the signing time",
    tr: "Alt kök, imza zamanından önce OCSP'de iptal",
    as: [C_BES, C_T],
    signer: tag("32_1", "32-1", "32"),
    expected: INDET(
      "REVOKED_CA_NO_POE",
      "A CA certificate of the path is revoked",
      "Yoldaki bir ESHS sertifikası iptal edilmiş",
    ),
    tags: ["negative", "chain", "revocation"],
  },
  {
    n: "32_2",
    en: "Sub-root revoked via OCSP after the signing time",
    tr: "Alt kök, imza zamanından sonra OCSP'de iptal",
    as: [C_BES, C_T],
    signer: tag("32_2"),
    expected: INDET(
      "REVOKED_CA_NO_POE",
      "A CA certificate of the path is revoked and nothing proves the signature existed before",
      "Yoldaki bir ESHS sertifikası iptal ve öncesine kanıt yok",
    ),
    byLevel: {
      T: PASS(
        "The sub-root was revoked only after the signature time-stamp",
        "Alt kök yalnızca imza zaman damgasından sonra iptal edilmiş",
      ),
    },
    tags: ["chain", "revocation"],
  },
  {
    n: "33",
    en: "The sub-root's OCSP response has expired",
    tr: "Alt kökün OCSP yanıtının süresi dolmuş",
    as: [C_BES, C_XL],
    signer: tag("33"),
    spec: { tsaRevocation: "ocsp" },
    expected: INDET(
      "TRY_LATER",
      "The only OCSP response for the sub-root is past its nextUpdate",
      "Alt kök için tek OCSP yanıtı nextUpdate tarihini geçmiş",
    ),
    tags: ["negative", "chain", "revocation"],
  },
  {
    n: "34",
    en: "The sub-root's OCSP response has a forged signature",
    tr: "Alt kökün OCSP yanıtının imzası sahte",
    as: [C_BES, C_XL],
    signer: tag("34"),
    spec: { tsaRevocation: "ocsp" },
    expected: INDET(
      "CERTIFICATE_CHAIN_GENERAL_FAILURE",
      "The OCSP response for the sub-root does not verify",
      "Alt kök için OCSP yanıtı doğrulanmıyor",
    ),
    tags: ["negative", "chain", "revocation"],
  },
  {
    n: "35",
    en: "The sub-root's OCSP responder certificate has expired",
    tr: "Alt kökün OCSP sunucu sertifikasının süresi dolmuş",
    as: [C_BES, C_XL],
    signer: tag("35"),
    spec: { tsaRevocation: "ocsp" },
    expected: INDET(
      "CERTIFICATE_CHAIN_GENERAL_FAILURE",
      "The sub-root's OCSP responder certificate was not valid when the response was produced",
      "Alt kökün OCSP sunucu sertifikası yanıt anında geçerli değildi",
    ),
    tags: ["negative", "chain", "revocation"],
  },
  {
    n: "36",
    en: "The sub-root's OCSP responder certificate has a forged signature",
    tr: "Alt kökün OCSP sunucu sertifikasının imzası sahte",
    as: [C_BES, C_XL],
    signer: tag("36"),
    spec: { tsaRevocation: "ocsp" },
    expected: INDET(
      "CERTIFICATE_CHAIN_GENERAL_FAILURE",
      "The sub-root's OCSP responder certificate does not verify",
      "Alt kökün OCSP sunucu sertifikası doğrulanmıyor",
    ),
    tags: ["negative", "chain", "revocation"],
  },
  {
    n: "37",
    en: "The sub-root's OCSP response is for the wrong certificate",
    tr: "Alt kökün OCSP yanıtı başka sertifika için",
    as: [C_BES, C_XL],
    signer: tag("37"),
    spec: { tsaRevocation: "ocsp" },
    expected: INDET(
      "TRY_LATER",
      "No OCSP response covers the sub-root certificate",
      "Alt kök sertifikasını kapsayan OCSP yanıtı yok",
    ),
    tags: ["negative", "chain", "revocation"],
  },
  {
    n: "39_s",
    en: "Serial signatures; the first signer's sub-root is revoked",
    tr: "Seri imza; ilk imzacının alt kökü iptal",
    as: [C_BES],
    signer: tag("39_s", "39", "29_1", "29"),
    second: ["nes-ec"],
    multi: "serial",
    expected: INDET(
      "REVOKED_CA_NO_POE",
      "The first signature's CA certificate is revoked",
      "İlk imzanın ESHS sertifikası iptal",
    ),
    tags: ["negative", "multi", "chain"],
  },
  {
    n: "39_p",
    en: "Parallel signatures; the first signer's sub-root is revoked",
    tr: "Paralel imza; ilk imzacının alt kökü iptal",
    as: [C_BES],
    signer: tag("39_p", "39", "29_1", "29"),
    second: ["nes-ec"],
    multi: "parallel",
    expected: INDET(
      "REVOKED_CA_NO_POE",
      "The first signature's CA certificate is revoked",
      "İlk imzanın ESHS sertifikası iptal",
    ),
    tags: ["negative", "multi", "chain"],
  },
  // time-stamp problems (40–49), on CAdES-T and XAdES-T under P2
  // time-stamp problems: KAMU SM's 40–49 (TSA1–5, TSB, TSC1–3) list these cases without saying which number is
  // which, so the scenario reads "40-49:<case>", the tag the PKI uses for the matching TSA
  {
    n: "40-49:ts-imprint-wrong",
    en: "Signature time-stamp imprint corrupted",
    tr: "İmza zaman damgası özeti bozuk",
    as: [
      ["CAdES", "attached", "T", "P2"],
      ["XAdES", "enveloped", "T", "P2"],
      ["PAdES", "enveloped", "B-T"],
    ],
    tsa: ["tsa-wrong-imprint"],
    expected: FAIL(
      "HASH_FAILURE",
      "The time-stamp's message imprint does not match the signature value",
      "Zaman damgası özeti imza değeriyle uyuşmuyor",
    ),
    tags: ["negative", "timestamp"],
  },
  {
    n: "40-49:ts-signature-forged",
    en: "Signature time-stamp with a forged TSA signature",
    tr: "Zaman damgası imzası sahte",
    as: [
      ["CAdES", "attached", "T", "P2"],
      ["XAdES", "enveloped", "T", "P2"],
    ],
    tsa: ["tsa-forged-signature"],
    expected: FAIL(
      "SIG_CRYPTO_FAILURE",
      "The time-stamp token's signature does not verify",
      "Zaman damgası imzası doğrulanmıyor",
    ),
    tags: ["negative", "timestamp"],
  },
  {
    n: "40-49:tsa-expired",
    en: "TSA certificate expired",
    tr: "ZD sertifikasının süresi dolmuş",
    as: [
      ["CAdES", "attached", "T", "P2"],
      ["XAdES", "enveloped", "T", "P2"],
    ],
    tsa: ["tsa-expired"],
    expected: INDET(
      "OUT_OF_BOUNDS_NO_POE",
      "The TSA certificate was not valid at the time-stamp's genTime",
      "ZD sertifikası genTime anında geçerli değildi",
    ),
    tags: ["negative", "timestamp"],
  },
  {
    n: "40-49:tsa-forged",
    en: "TSA certificate with a forged signature",
    tr: "ZD sertifikasının imzası sahte",
    as: [["CAdES", "attached", "T", "P2"]],
    tsa: ["tsa-forged"],
    expected: INDET(
      "CERTIFICATE_CHAIN_GENERAL_FAILURE",
      "The TSA certificate's signature does not verify",
      "ZD sertifikasının imzası doğrulanmıyor",
    ),
    tags: ["negative", "timestamp"],
  },
  {
    n: "40-49:tsa-revoked-before",
    en: "TSA certificate revoked before the time-stamp",
    tr: "ZD sertifikası damgadan önce iptal",
    as: [["CAdES", "attached", "T", "P2"]],
    tsa: ["tsa-revoked-before"],
    expected: INDET(
      "REVOKED_NO_POE",
      "The TSA certificate was revoked before the time-stamp",
      "ZD sertifikası damgadan önce iptal edilmiş",
    ),
    tags: ["negative", "timestamp"],
  },
  {
    n: "40-49:tsa-revoked-after",
    en: "TSA certificate revoked after the time-stamp",
    tr: "ZD sertifikası damgadan sonra iptal",
    as: [["CAdES", "attached", "T", "P2"]],
    tsa: ["tsa-revoked-after"],
    expected: PASS("Revocation after the time-stamp does not affect it", "Damgadan sonraki iptal onu etkilemez"),
    tags: ["timestamp"],
  },
  {
    n: "40-49:forged-tsa-root",
    en: "TSA chains to a forged root",
    tr: "ZD sahte köke bağlı",
    as: [["CAdES", "attached", "T", "P2"]],
    tsa: ["tsa-forged-root"],
    expected: INDET(
      "NO_CERTIFICATE_CHAIN_FOUND",
      "The TSA certificate does not chain to a trusted root",
      "ZD sertifikası güvenilen bir köke bağlanmıyor",
    ),
    tags: ["negative", "timestamp"],
  },
  {
    n: "40-49:valid",
    en: "Valid signature time-stamp",
    tr: "Geçerli imza zaman damgası",
    as: [
      ["CAdES", "attached", "T", "P2"],
      ["XAdES", "enveloped", "T", "P2"],
      ["PAdES", "enveloped", "B-T"],
    ],
    expected: PASS("Valid", "Geçerli"),
    tags: ["positive", "timestamp"],
  },
  {
    n: "40-49:tsa-crl-expired",
    en: "TSA certificate points to an expired CRL",
    tr: "ZD sertifikası süresi dolmuş SİL'i gösteriyor",
    as: [["CAdES", "detached", "X-L", "P3"]],
    tsa: ["tsa-crl-expired"],
    spec: { caRevocation: "ocsp" },
    expected: INDET(
      "TRY_LATER",
      "The CRL for the TSA certificate is past its nextUpdate",
      "ZD sertifikası için SİL nextUpdate tarihini geçmiş",
    ),
    tags: ["negative", "timestamp"],
  },
  {
    n: "40-49:tsa-crl-forged",
    en: "TSA certificate points to a forged CRL",
    tr: "ZD sertifikası imzası sahte SİL'i gösteriyor",
    as: [["CAdES", "detached", "X-L", "P3"]],
    tsa: ["tsa-crl-forged"],
    spec: { caRevocation: "ocsp" },
    expected: INDET(
      "CERTIFICATE_CHAIN_GENERAL_FAILURE",
      "The CRL for the TSA certificate does not verify",
      "ZD sertifikası için SİL doğrulanmıyor",
    ),
    tags: ["negative", "timestamp"],
  },
  // ES-X type 1 time-stamp ("İmza ve Referans ZD", 62_1–71_1) and archive time-stamp (84–93) variants: the same
  // faults as 40–49, put on those time-stamps
  {
    n: "62-71:ts-imprint-wrong",
    en: "ES-X (signature and references) time-stamp imprint corrupted",
    tr: "İmza ve referans zaman damgası özeti bozuk",
    as: [
      ["CAdES", "detached", "X-Type1", "P2"],
      ["XAdES", "enveloped", "X-Type1", "P2"],
    ],
    spec: { escTsa: "tsa-wrong-imprint" },
    expected: FAIL(
      "HASH_FAILURE",
      "The ES-X time-stamp's imprint does not match the signature and references",
      "ES-X zaman damgası özeti imza ve referanslarla uyuşmuyor",
    ),
    tags: ["negative", "timestamp"],
  },
  {
    n: "62-71:ts-signature-forged",
    en: "ES-X time-stamp with a forged TSA signature",
    tr: "İmza ve referans zaman damgasının imzası sahte",
    as: [
      ["CAdES", "detached", "X-Type1", "P2"],
      ["XAdES", "enveloped", "X-Type1", "P2"],
    ],
    spec: { escTsa: "tsa-forged-signature" },
    expected: FAIL(
      "SIG_CRYPTO_FAILURE",
      "The ES-X time-stamp token's signature does not verify",
      "ES-X zaman damgası imzası doğrulanmıyor",
    ),
    tags: ["negative", "timestamp"],
  },
  {
    n: "62-71:valid",
    en: "Valid ES-X time-stamp",
    tr: "Geçerli imza ve referans zaman damgası",
    as: [
      ["CAdES", "attached", "X-Type1", "P2"],
      ["XAdES", "enveloped", "X-Type1", "P2"],
    ],
    expected: PASS("Valid", "Geçerli"),
    tags: ["positive", "timestamp"],
  },
  {
    n: "84-93:ts-imprint-wrong",
    en: "Archive time-stamp imprint corrupted",
    tr: "Arşiv zaman damgası özeti bozuk",
    as: [
      ["CAdES", "detached", "A", "P3"],
      ["XAdES", "enveloped", "A", "P3"],
      ["PAdES", "enveloped", "B-LTA"],
    ],
    spec: { atsTsa: "tsa-wrong-imprint" },
    expected: FAIL(
      "HASH_FAILURE",
      "The archive time-stamp's imprint does not match the archived data",
      "Arşiv zaman damgası özeti arşivlenen veriyle uyuşmuyor",
    ),
    tags: ["negative", "timestamp", "archive"],
  },
  {
    n: "84-93:ts-signature-forged",
    en: "Archive time-stamp with a forged TSA signature",
    tr: "Arşiv zaman damgasının imzası sahte",
    as: [
      ["CAdES", "detached", "A", "P3"],
      ["XAdES", "enveloped", "A", "P3"],
      ["PAdES", "enveloped", "B-LTA"],
    ],
    spec: { atsTsa: "tsa-forged-signature" },
    expected: FAIL(
      "SIG_CRYPTO_FAILURE",
      "The archive time-stamp token's signature does not verify",
      "Arşiv zaman damgası imzası doğrulanmıyor",
    ),
    tags: ["negative", "timestamp", "archive"],
  },
  {
    n: "84-93:valid",
    en: "Valid archive time-stamp",
    tr: "Geçerli arşiv zaman damgası",
    as: [
      ["CAdES", "attached", "A", "P3"],
      ["XAdES", "enveloped", "A", "P3"],
      ["PAdES", "enveloped", "B-LTA"],
    ],
    expected: PASS("Valid", "Geçerli"),
    tags: ["positive", "timestamp", "archive"],
  },
  {
    n: "109",
    en: "Archive time-stamp over a SHA-1 imprint",
    tr: "SHA-1 özetli arşiv zaman damgası",
    as: [
      ["CAdES", "attached", "A", "P3"],
      ["XAdES", "enveloped", "A", "P3"],
    ],
    spec: { atsHash: "SHA-1" },
    expected: PASS(
      "Valid (KAMU SM accepts an SHA-1 archive time-stamp)",
      "Geçerli (KAMU SM SHA-1 arşiv zaman damgasını kabul ediyor)",
    ),
    tags: ["positive", "timestamp", "archive", "crypto"],
  },
  // references (50–61) and values (72–82), on CAdES and XAdES X-L / C under P3
  {
    n: "50",
    en: "complete-certificate-references missing",
    tr: "Sertifika referansları yok",
    as: [
      ["CAdES", "detached", "C", "P3"],
      ["CAdES", "detached", "X-L", "P3"],
      ["XAdES", "enveloped", "X-L", "P3"],
    ],
    spec: { omit: ["certRefs"] },
    expected: INDET(
      "SIG_CONSTRAINTS_FAILURE",
      "The profile requires complete certificate references; they are missing",
      "Profil sertifika referanslarını zorunlu kılıyor; yoklar",
    ),
    tags: ["negative", "refs"],
  },
  {
    n: "51",
    en: "complete-revocation-references missing",
    tr: "İptal referansları yok",
    as: [
      ["CAdES", "detached", "C", "P3"],
      ["CAdES", "detached", "X-L", "P3"],
      ["XAdES", "enveloped", "X-L", "P3"],
    ],
    spec: { omit: ["revRefs"] },
    expected: INDET(
      "SIG_CONSTRAINTS_FAILURE",
      "The profile requires complete revocation references; they are missing",
      "Profil iptal referanslarını zorunlu kılıyor; yoklar",
    ),
    tags: ["negative", "refs"],
  },
  {
    n: "52",
    en: "A certificate reference does not match the certificate",
    tr: "Sertifika referansı sertifikayla uyuşmuyor",
    as: [
      ["CAdES", "detached", "X-L", "P3"],
      ["XAdES", "enveloped", "X-L", "P3"],
    ],
    spec: { wrongRef: "cert" },
    expected: INDET(
      "SIG_CONSTRAINTS_FAILURE",
      "The sub-root certificate's digest in the references does not match the certificate used",
      "Referanstaki alt kök sertifika özeti kullanılan sertifikayla uyuşmuyor",
    ),
    tags: ["negative", "refs"],
  },
  {
    n: "53",
    en: "A revocation reference does not match the revocation data",
    tr: "İptal referansı iptal verisiyle uyuşmuyor",
    as: [
      ["CAdES", "detached", "X-L", "P3"],
      ["XAdES", "enveloped", "X-L", "P3"],
    ],
    spec: { wrongRef: "rev" },
    expected: INDET(
      "SIG_CONSTRAINTS_FAILURE",
      "The signer's revocation reference does not match the revocation data",
      "İmzacının iptal referansı iptal verisiyle uyuşmuyor",
    ),
    tags: ["negative", "refs"],
  },
  {
    n: "72",
    en: "certificate-values missing",
    tr: "Sertifika değerleri yok",
    as: [
      ["CAdES", "detached", "X-L", "P3"],
      ["XAdES", "enveloped", "X-L", "P3"],
    ],
    spec: { omit: ["certValues"] },
    expected: INDET(
      "SIG_CONSTRAINTS_FAILURE",
      "X-L requires certificate values; they are missing",
      "X-L sertifika değerlerini zorunlu kılıyor; yoklar",
    ),
    tags: ["negative", "values"],
  },
  {
    n: "73",
    en: "revocation-values missing",
    tr: "İptal değerleri yok",
    as: [
      ["CAdES", "detached", "X-L", "P3"],
      ["XAdES", "enveloped", "X-L", "P3"],
    ],
    spec: { omit: ["revValues"] },
    expected: INDET(
      "SIG_CONSTRAINTS_FAILURE",
      "X-L requires revocation values; they are missing",
      "X-L iptal değerlerini zorunlu kılıyor; yoklar",
    ),
    tags: ["negative", "values"],
  },
  {
    n: "74",
    en: "The sub-root certificate is missing from the certificate values",
    tr: "Alt kök sertifikası değerlerde yok",
    as: [
      ["CAdES", "detached", "X-L", "P3"],
      ["XAdES", "enveloped", "X-L", "P3"],
    ],
    spec: { omit: ["caCertValue"] },
    expected: INDET(
      "NO_CERTIFICATE_CHAIN_FOUND",
      "The chain cannot be built from the embedded values",
      "Zincir gömülü değerlerden kurulamıyor",
    ),
    tags: ["negative", "values"],
  },
  {
    n: "75",
    en: "The signer's CRL is missing from the revocation values",
    tr: "İmzacının SİL'i değerlerde yok",
    as: [
      ["CAdES", "detached", "X-L", "P3"],
      ["XAdES", "enveloped", "X-L", "P3"],
    ],
    spec: { omit: ["signerRevValue"] },
    expected: INDET(
      "TRY_LATER",
      "No embedded revocation data for the signer certificate",
      "İmzacı sertifikası için gömülü iptal verisi yok",
    ),
    tags: ["negative", "values"],
  },
  {
    n: "95",
    en: "The TSA's CRL is not embedded",
    tr: "ZD SİL'i gömülü değil",
    as: [["CAdES", "detached", "X-L", "P3"]],
    spec: { omit: ["tsaRevValue"], caRevocation: "ocsp" },
    expected: INDET(
      "TRY_LATER",
      "No embedded revocation data for the TSA certificate",
      "ZD sertifikası için gömülü iptal verisi yok",
    ),
    tags: ["negative", "values", "timestamp"],
  },
  // P4-specific
  {
    n: "P4_93_s",
    en: "P4 serial signatures; the first signer was revoked (OCSP) before the signing time",
    tr: "P4 seri imza; ilk imzacı imza zamanından önce (OCSP) iptal",
    as: [["CAdES", "attached", "X-L", "P4"]],
    signer: tag("17_1"),
    second: ["nes-ec"],
    multi: "serial",
    signerRevocation: "ocsp",
    expected: FAIL(
      "REVOKED",
      "The first signer's certificate was revoked before the signature time-stamp",
      "İlk imzacının sertifikası imza zaman damgasından önce iptal edilmiş",
    ),
    tags: ["negative", "multi", "revocation", "profile"],
  },
  {
    n: "P4_93_p",
    en: "P4 parallel signatures; the first signer was revoked (OCSP) before the signing time",
    tr: "P4 paralel imza; ilk imzacı imza zamanından önce (OCSP) iptal",
    as: [["CAdES", "attached", "X-L", "P4"]],
    signer: tag("17_1"),
    second: ["nes-ec"],
    multi: "parallel",
    signerRevocation: "ocsp",
    expected: FAIL(
      "REVOKED",
      "The first signer's certificate was revoked before the signature time-stamp",
      "İlk imzacının sertifikası imza zaman damgasından önce iptal edilmiş",
    ),
    tags: ["negative", "multi", "revocation", "profile"],
  },
  {
    n: "P4_12",
    en: "The TSA's CRL is not embedded (P4)",
    tr: "ZD SİL'i gömülü değil (P4)",
    as: [["CAdES", "attached", "X-L", "P4"]],
    signerRevocation: "ocsp",
    spec: { omit: ["tsaRevValue"], caRevocation: "ocsp" },
    expected: INDET(
      "TRY_LATER",
      "No embedded revocation data for the TSA certificate",
      "ZD sertifikası için gömülü iptal verisi yok",
    ),
    tags: ["negative", "values", "timestamp", "profile"],
  },

  {
    n: "P4_4",
    en: "Wrong SigPolicyId",
    tr: "Yanlış SigPolicyId",
    as: [
      ["CAdES", "attached", "X-L", "P4"],
      ["XAdES", "enveloped", "X-L", "P4"],
    ],
    signerRevocation: "ocsp",
    spec: {
      policy: {
        oid: "2.16.792.1.61.0.1.5070.3.9.1",
        hash: "SHA-256",
        hashValue: Uint8Array.from(
          Buffer.from("FF39BD29463383F69B2052AC47439E06CE7C3B8646E888B6E5AE3E46BA08117A", "hex"),
        ),
        uri: "http://www.eimza.gov.tr/EimzaPolitikalari/216792161015070321.pdf",
      },
    },
    expected: INDET(
      "SIGNATURE_POLICY_NOT_AVAILABLE",
      "The signature policy identifier is not a known Turkish profile",
      "İmza politikası tanımlayıcısı bilinen bir Türk profili değil",
    ),
    tags: ["negative", "profile"],
  },
  {
    n: "P4_5",
    en: "Wrong SigPolicyHash",
    tr: "Yanlış SigPolicyHash",
    as: [
      ["CAdES", "attached", "X-L", "P4"],
      ["XAdES", "enveloped", "X-L", "P4"],
    ],
    signerRevocation: "ocsp",
    spec: {
      policy: {
        oid: "2.16.792.1.61.0.1.5070.3.3.1",
        hash: "SHA-256",
        hashValue: new Uint8Array(32).fill(0x11),
        uri: "http://www.eimza.gov.tr/EimzaPolitikalari/216792161015070321.pdf",
      },
    },
    expected: INDET(
      "POLICY_PROCESSING_ERROR",
      "The policy hash does not match the policy document",
      "Politika özeti politika belgesiyle uyuşmuyor",
    ),
    tags: ["negative", "profile"],
  },
  {
    n: "P4_6",
    en: "SPUserNotice qualifier present",
    tr: "SPUserNotice niteleyicisi var",
    as: [
      ["CAdES", "attached", "X-L", "P4"],
      ["XAdES", "enveloped", "X-L", "P4"],
    ],
    signerRevocation: "ocsp",
    spec: {
      policy: {
        oid: "2.16.792.1.61.0.1.5070.3.3.1",
        hash: "SHA-256",
        hashValue: Uint8Array.from(
          Buffer.from("FF39BD29463383F69B2052AC47439E06CE7C3B8646E888B6E5AE3E46BA08117A", "hex"),
        ),
        uri: "http://www.eimza.gov.tr/EimzaPolitikalari/216792161015070321.pdf",
        userNotice: "Bu imza P4 profiline göre atılmıştır.",
      },
    },
    expected: PASS("A user notice qualifier is allowed", "Kullanıcı uyarısı niteleyicisine izin verilir"),
    tags: ["positive", "profile"],
  },
  {
    n: "P4_7",
    en: "SHA-1 ESS signing-certificate",
    tr: "SHA-1 ESS signing-certificate",
    as: [["CAdES", "attached", "X-L", "P4"]],
    signerRevocation: "ocsp",
    spec: { essCert: "v1" },
    expected: INDET(
      "SIG_CONSTRAINTS_FAILURE",
      "P4 requires signing-certificate-v2 with SHA-256",
      "P4, SHA-256 ile signing-certificate-v2 ister",
    ),
    tags: ["negative", "profile"],
  },
  {
    n: "P4_8",
    en: "No SigningTime",
    tr: "SigningTime yok",
    as: [
      ["CAdES", "attached", "X-L", "P4"],
      ["XAdES", "enveloped", "X-L", "P4"],
    ],
    signerRevocation: "ocsp",
    spec: { noSigningTime: true },
    expected: INDET(
      "SIG_CONSTRAINTS_FAILURE",
      "Turkish profiles require the signing time",
      "Türk profilleri imza zamanını zorunlu kılar",
    ),
    tags: ["negative", "profile"],
  },
  {
    n: "P4_9",
    en: "Signing time 3 hours before the time-stamp",
    tr: "İmza zamanı zaman damgasından 3 saat önce",
    as: [
      ["CAdES", "attached", "X-L", "P4"],
      ["XAdES", "enveloped", "X-L", "P4"],
    ],
    signerRevocation: "ocsp",
    tsOffsetMinutes: 180,
    expected: INDET(
      "SIG_CONSTRAINTS_FAILURE",
      "The signature time-stamp was not taken within 2 hours of the claimed signing time",
      "İmza zaman damgası, beyan edilen zamandan sonraki 2 saat içinde alınmamış",
    ),
    tags: ["negative", "profile"],
  },
  {
    n: "P4_10",
    en: "CRL instead of OCSP for the signer",
    tr: "İmzacı için OCSP yerine SİL",
    as: [
      ["CAdES", "attached", "X-L", "P4"],
      ["XAdES", "enveloped", "X-L", "P4"],
    ],
    signerRevocation: "crl",
    expected: INDET(
      "SIG_CONSTRAINTS_FAILURE",
      "P4 requires an OCSP response for the signer certificate",
      "P4 imzacı sertifikası için OCSP yanıtı ister",
    ),
    tags: ["negative", "profile"],
  },
  // added later: appended here so that every earlier vector keeps its time-stamp serial numbers (byte-identical)
  {
    n: "97",
    en: "The TSA's CRL is not embedded (archive level)",
    tr: "ZD SİL'i gömülü değil (arşiv seviyesi)",
    as: [
      ["CAdES", "detached", "A", "P3"],
      ["XAdES", "enveloped", "A", "P3"],
    ],
    spec: { omit: ["tsaRevValue"], caRevocation: "ocsp" },
    expected: INDET(
      "TRY_LATER",
      "No embedded revocation data for the signature time-stamp's TSA certificate",
      "İmza zaman damgasının ZD sertifikası için gömülü iptal verisi yok",
    ),
    tags: ["negative", "values", "timestamp", "archive"],
  },
  {
    n: "101",
    en: "The archive time-stamp TSA's CRL is not embedded",
    tr: "Arşiv zaman damgası ZD'sinin SİL'i gömülü değil",
    as: [
      ["CAdES", "detached", "A", "P3"],
      ["XAdES", "enveloped", "A", "P3"],
    ],
    trustAnchors: ["tsa-root-2"],
    spec: { atsTsa: "tsa2", omit: ["atsTsaRevValue"] },
    expected: INDET(
      "TRY_LATER",
      "No revocation data for the archive time-stamp's TSA certificate (its CRL is neither embedded nor fetched)",
      "Arşiv zaman damgasının ZD sertifikası için iptal verisi yok (SİL gömülü değil)",
    ),
    tags: ["negative", "values", "timestamp", "archive"],
  },
  {
    n: "106",
    en: "Archive time-stamp TSA certificate expired after the archive time-stamp",
    tr: "Arşiv zaman damgası ZD sertifikasının süresi damgadan sonra dolmuş",
    as: [
      ["CAdES", "attached", "A", "P3"],
      ["XAdES", "enveloped", "A", "P3"],
    ],
    spec: { atsTsa: "tsa-ats-expiring" },
    expected: PASS(
      "The TSA certificate was valid at the archive time-stamp's genTime; its later expiry does not undo the proof of existence",
      "ZD sertifikası arşiv damgası anında geçerliydi; sonradan süresinin dolması varlık kanıtını bozmaz",
    ),
    tags: ["positive", "timestamp", "archive"],
  },
  {
    n: "P4_11",
    en: "The TSA's root certificate is not embedded (P4)",
    tr: "ZD kök sertifikası gömülü değil (P4)",
    as: [
      ["CAdES", "attached", "X-L", "P4"],
      ["XAdES", "enveloped", "X-L", "P4"],
    ],
    signerRevocation: "ocsp",
    tsa: ["tsa2"],
    trustAnchors: ["tsa-root-2"],
    spec: { omit: ["tsaRootValue"] },
    expected: INDET(
      "SIG_CONSTRAINTS_FAILURE",
      "P4 requires every certificate of the time-stamp's path, its root included, in the certificate values; the TSA root is missing",
      "P4, zaman damgası yolundaki kök dahil tüm sertifikaları sertifika değerlerinde ister; ZD kökü yok",
    ),
    tags: ["negative", "values", "timestamp", "profile"],
  },
];

function kamusmVectors(): ScenarioDef[] {
  const out: ScenarioDef[] = [];
  for (const k of KAMUSM)
    for (const [format, packaging, level, profile] of k.as) {
      const num = /^\d+(_|$)/.test(k.n) ? slug(k.n).replace(/^(\d)(?!\d)/, "0$1") : slug(k.n);
      out.push({
        id: `kamusm-${num}-${format.toLowerCase()}-${slug(level)}-${packaging}`,
        scenario: k.n,
        kamusm: true,
        description: { tr: k.tr, en: k.en },
        format,
        packaging,
        level,
        profile: profile ?? (format === "PAdES" ? "none" : level === "BES" ? "P1" : levelProfile(level)),
        document:
          format === "XAdES" && packaging === "enveloped"
            ? "doc-xml"
            : format === "PAdES"
              ? k.document === "doc-pdfa3-docx"
                ? k.document
                : "doc-pdf"
              : (k.document ?? "doc-txt"),
        signer: k.signer ?? VALID_SIGNER,
        second: k.second,
        tsa: k.tsa,
        multi: k.multi,
        signerRevocation: k.signerRevocation,
        spec: k.spec,
        tsFault: k.tsFault,
        tsOffsetMinutes: k.tsOffsetMinutes,
        expected: k.byLevel?.[level] ?? k.expected,
        tags: [...k.tags, "kamusm"],
        outsideApiScope: k.outsideApiScope,
        ...(k.trustAnchors ? { trustAnchors: k.trustAnchors } : {}),
      });
    }
  return out;
}

/** Controls for P4_11 and 101: the same signatures with the second TSA root's material embedded validate, so
 *  those vectors fail for the missing piece alone. (Last: earlier vectors keep their time-stamp serials.) */
function ownTsaRootVectors(): ScenarioDef[] {
  return [
    {
      id: "cades-p4-x-l-tsa-own-root",
      scenario: "tsa-own-root",
      kamusm: false,
      description: {
        tr: "P4 X-L, ZD kendi kökü altında, kök sertifika değerlerinde",
        en: "P4 X-L, the TSA under its own root, that root in the certificate values",
      },
      format: "CAdES",
      packaging: "attached",
      level: "X-L",
      profile: "P4",
      document: "doc-txt",
      signer: VALID_SIGNER,
      signerRevocation: "ocsp",
      tsa: ["tsa2"],
      trustAnchors: ["tsa-root-2"],
      expected: PASS("The TSA path, root included, is embedded", "ZD yolu kök dahil gömülü"),
      tags: ["positive", "timestamp", "profile"],
    },
    {
      id: "cades-a-ats-own-root",
      scenario: "tsa-own-root",
      kamusm: false,
      description: {
        tr: "CAdES-A, arşiv damgası kendi kökü olan ZD'den, SİL'i gömülü",
        en: "CAdES-A, archive time-stamp from the TSA under its own root, its CRL embedded",
      },
      format: "CAdES",
      packaging: "detached",
      level: "A",
      profile: "P3",
      document: "doc-txt",
      signer: VALID_SIGNER,
      trustAnchors: ["tsa-root-2"],
      spec: { atsTsa: "tsa2" },
      expected: PASS("The archive TSA's CRL is embedded", "Arşiv ZD'sinin SİL'i gömülü"),
      tags: ["positive", "timestamp", "archive"],
    },
  ];
}

/** 97 / 101 / 106 on PAdES B-LTA, whose archive time-stamp is the document time-stamp (last, for the same reason). */
function padesArchiveVectors(): ScenarioDef[] {
  const base = {
    kamusm: true,
    format: "PAdES",
    packaging: "enveloped",
    level: "B-LTA",
    profile: "none",
    document: "doc-pdf",
    signer: VALID_SIGNER,
  } as const;
  const k = (n: string) => KAMUSM.find((x) => x.n === n)!;
  return (["97", "101", "106"] as const).map((n) => ({
    ...base,
    id: `kamusm-${n}-pades-b-lta-enveloped`,
    scenario: n,
    description: { tr: k(n).tr, en: k(n).en },
    spec: k(n).spec,
    expected: k(n).expected,
    tags: [...k(n).tags, "kamusm"],
    ...(k(n).trustAnchors ? { trustAnchors: k(n).trustAnchors } : {}),
  }));
}

export function allScenarios(): ScenarioDef[] {
  return [
    ...levelVectors(),
    ...profileVectors(),
    ...profileNegatives(),
    ...certificateClassVectors(),
    ...contentVectors(),
    ...malformedVectors(),
    ...multiVectors(),
    ...kamusmVectors(),
    ...ownTsaRootVectors(),
    ...padesArchiveVectors(),
  ];
}
