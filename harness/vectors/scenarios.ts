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
import type { TsaFault } from "../pki/index.ts";
import { loadKamusmScenarios, type KamusmScenario, type ScenarioSpec } from "./kamusm-scenarios.ts";
import { turkishPolicy } from "../sign/common.ts";

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
  spec?: ScenarioSpec;
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
  /** validated this many minutes after the signing time, its revocation data gathered an hour before that
   *  (default: after the grace period, see generate.ts) */
  validatedAfterMinutes?: number;
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

/** The role the signer-role vector's signer claims (CAdES signer-attributes), which a verifier must show (11.7.10-1). */
export const CLAIMED_ROLE = "Genel Müdür Yardımcısı";

/** A valid signature whose signer claims a role (our class): 11.7.10-1 asks the verifier to show it. */
function signerRoleVectors(): ScenarioDef[] {
  return [
    {
      id: "cades-bes-attached-signer-role",
      scenario: "signer-role",
      kamusm: false,
      description: {
        tr: `İmzacı rolü beyan edilmiş (signer-attributes: "${CLAIMED_ROLE}")`,
        en: `The signer claims a role (signer-attributes: "${CLAIMED_ROLE}")`,
      },
      format: "CAdES",
      packaging: "attached",
      level: "BES",
      profile: "P1",
      document: "doc-txt",
      signer: VALID_SIGNER,
      spec: { claimedRoles: [CLAIMED_ROLE] },
      expected: PASS(
        "Valid; the claimed role is shown, not certified",
        "Geçerli; beyan edilen rol gösterilir, onaylı değildir",
      ),
      tags: ["positive", "signer-role"],
    },
  ];
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

/** KAMU SM's numbered scenarios (vectors/scenarios/kamusm.yaml), each in the renderings its entry lists. */
function kamusmVectors(table: KamusmScenario[]): ScenarioDef[] {
  const out: ScenarioDef[] = [];
  for (const k of table)
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
function padesArchiveVectors(table: KamusmScenario[]): ScenarioDef[] {
  const base = {
    kamusm: true,
    format: "PAdES",
    packaging: "enveloped",
    level: "B-LTA",
    profile: "none",
    document: "doc-pdf",
    signer: VALID_SIGNER,
  } as const;
  const k = (n: string) => table.find((x) => x.n === n)!;
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

/** Checklist 11.7.3-2: the sub-root had expired when the signature was made (the signer's own certificate is
 *  valid then). Without a time-stamp nothing proves the signature existed while the sub-root was valid
 *  (OUT_OF_BOUNDS_NO_POE); with one, the time-stamp proves it was made after the sub-root expired. */
function expiredCaVectors(): ScenarioDef[] {
  const rows: Array<[SignatureFormat, Packaging, SignatureLevel, string]> = [
    ["CAdES", "attached", "BES", "doc-txt"],
    ["CAdES", "attached", "T", "doc-txt"],
    ["XAdES", "enveloped", "BES", "doc-xml"],
  ];
  return rows.map(([format, packaging, level, document]) => ({
    id: `${format.toLowerCase()}-${slug(level)}-subroot-expired`,
    scenario: "cert-subroot-expired",
    kamusm: false,
    description: {
      tr: `Alt kök sertifikasının süresi imza zamanından önce dolmuş (${format}-${level})`,
      en: `The sub-root certificate expired before the signing time (${format}-${level})`,
    },
    format,
    packaging,
    level,
    profile: level === "BES" ? "P1" : "P2",
    document,
    signer: ["nes-subroot-expired"],
    expected:
      level === "BES"
        ? INDET(
            "OUT_OF_BOUNDS_NO_POE",
            "The sub-root certificate has expired and nothing proves the signature existed while it was valid",
            "Alt kök sertifikasının süresi dolmuş ve imzanın alt kök geçerliyken var olduğuna kanıt yok",
          )
        : FAIL(
            "EXPIRED",
            "The sub-root certificate had already expired at the time-stamp",
            "Zaman damgası anında alt kök sertifikasının süresi dolmuştu",
          ),
    tags: ["negative", "cert-validity", "ca-validity"],
  }));
}

/** SHA-1 of the policy document all three Turkish policy OIDs name (/work/shared/kamusm/notes.md §3). */
const TR_POLICY_SHA1 = "7E3B50D9020C676BBBF07A998E75E63734909CD8";

/** Checklist 11.7.9-2: P2–P4 signatures whose SigPolicyHash is the right SHA-1 digest of the policy document;
 *  the profiles demand SHA-256 there (notes.md §3), so only the algorithm is wrong (P4_5 spoils the value). */
function policyHashSha1Vectors(): ScenarioDef[] {
  const rows: Array<[SignatureFormat, Profile, SignatureLevel, "crl" | "ocsp"]> = [
    ["CAdES", "P2", "T", "crl"],
    ["CAdES", "P3", "X-L", "crl"],
    ["CAdES", "P4", "X-L", "ocsp"],
    ["XAdES", "P2", "T", "crl"],
  ];
  return rows.map(([format, profile, level, rev]) => ({
    id: `${format.toLowerCase()}-${profile.toLowerCase()}-${slug(level)}-policy-hash-sha1`,
    scenario: "policy-hash-sha1",
    kamusm: false,
    description: {
      tr: `${profile} politikası, politika özeti SHA-1 ile (${format}-${level})`,
      en: `${profile} policy whose hash is SHA-1 (${format}-${level})`,
    },
    format,
    packaging: format === "CAdES" ? "attached" : "enveloped",
    level,
    profile,
    document: format === "CAdES" ? "doc-txt" : "doc-xml",
    signer: VALID_SIGNER,
    signerRevocation: rev,
    spec: {
      policy: turkishPolicy(profile as "P2" | "P3" | "P4", {
        hash: "SHA-1",
        hashValue: Uint8Array.from(Buffer.from(TR_POLICY_SHA1, "hex")),
      }),
    },
    expected: INDET(
      "SIG_CONSTRAINTS_FAILURE",
      `Profile ${profile} requires the signature policy hash to be SHA-256`,
      `${profile} profili imza politikası özetinin SHA-256 olmasını ister`,
    ),
    tags: ["negative", "profile", "policy"],
  }));
}

/** Checklist 11.2-2: a P2 signature verified two hours after it was made, inside its one-day grace period, with
 *  revocation data of that moment (CAdES: embedded; XAdES: the live services at the validation time). The
 *  status at the signing time is not known yet: TRY_LATER. The controls are the profile-P2 vectors, verified
 *  after the grace period. */
function gracePeriodVectors(): ScenarioDef[] {
  return (["CAdES", "XAdES"] as const).map((format) => ({
    id: `${format.toLowerCase()}-p2-t-inside-grace-period`,
    scenario: "grace-period",
    kamusm: false,
    description: {
      tr: `P2 ${format}-T, ertelenme süresi dolmadan (imzadan 2 saat sonra) doğrulanıyor`,
      en: `P2 ${format}-T verified inside its grace period (2 hours after signing)`,
    },
    format,
    packaging: format === "CAdES" ? "attached" : "enveloped",
    level: "T",
    profile: "P2",
    document: format === "CAdES" ? "doc-txt" : "doc-xml",
    signer: VALID_SIGNER,
    signerRevocation: "crl",
    validatedAfterMinutes: 120,
    expected: INDET(
      "TRY_LATER",
      "The grace period (1 day) after the signature time-stamp has not elapsed: revocation data that shows the status at the signing time cannot exist yet",
      "İmza zaman damgasından sonraki ertelenme süresi (1 gün) dolmadı: imza zamanındaki durumu gösteren iptal bilgisi henüz olamaz",
    ),
    tags: ["negative", "revocation", "grace-period"],
  }));
}

export function allScenarios(): ScenarioDef[] {
  const table = loadKamusmScenarios();
  return [
    ...levelVectors(),
    ...profileVectors(),
    ...profileNegatives(),
    ...certificateClassVectors(),
    ...contentVectors(),
    ...malformedVectors(),
    ...multiVectors(),
    ...kamusmVectors(table),
    ...ownTsaRootVectors(),
    ...signerRoleVectors(),
    ...padesArchiveVectors(table),
    // last, so the vectors above keep their time-stamp serials (bytes)
    ...expiredCaVectors(),
    ...policyHashSha1Vectors(),
    ...gracePeriodVectors(),
  ];
}
