// Policies a signature must meet beyond cryptography: the algorithm policy (ETSI TS 119 312), the signature
// policy (the Turkish P2–P4 policy OIDs and their document hashes) and the P2–P4 profile rules.
import { ALG, DIGEST_BY_OID } from "../asn1/oids.ts";
import type { DigestName } from "./algs.ts";
import type { Checks, Ctx } from "./checks.ts";
import { TR_POLICIES, TR_POLICY_HASH, type SigModel } from "./model.ts";
import type { TsEval } from "./timestamps.ts";
import type { Text } from "./verdict.ts";
import { certKey, type Cert } from "./x509.ts";

/**
 * Algorithm policy, after ETSI TS 119 312's dates: MD2/MD5 never; RSA under 1024 bits never, under 1900 bits
 * not after 2019; EC curves under 256 bits never. SHA-1 stays acceptable for signatures (KAMU SM scenario 6
 * expects a SHA-1 signature to validate; the P2–P4 profiles demand SHA-256 separately).
 */
export function algorithmProblem(
  m: { digestHash?: DigestName; sigHash?: DigestName },
  cert: Cert,
  at: Date,
): Text | undefined {
  for (const h of [m.digestHash, m.sigHash]) {
    if (h === "MD5" || h === "MD2")
      return { en: `hash algorithm ${h} is broken (TS 119 312)`, tr: `${h} özet algoritması kırılmış (TS 119 312)` };
  }
  let details: { modulusLength?: number; namedCurve?: string } | undefined;
  try {
    details = certKey(cert).asymmetricKeyDetails;
  } catch {
    return { en: "the signer's public key cannot be read", tr: "imzacının açık anahtarı okunamadı" };
  }
  const bits = details?.modulusLength;
  if (bits !== undefined && bits < 1024)
    return { en: `RSA key of ${bits} bits is too short`, tr: `${bits} bit RSA anahtarı çok kısa` };
  if (bits !== undefined && bits < 1900 && at > new Date("2019-12-31T23:59:59Z"))
    return {
      en: `RSA key of ${bits} bits is not acceptable after 2019 (TS 119 312)`,
      tr: `${bits} bit RSA anahtarı 2019'dan sonra kabul edilmez (TS 119 312)`,
    };
  if (details?.namedCurve && /^(secp(160|192|224)|prime192)/.test(details.namedCurve))
    return { en: `elliptic curve ${details.namedCurve} is too small`, tr: `${details.namedCurve} eğrisi çok küçük` };
  return undefined;
}

/** What the algorithm check says when it accepts SHA-1: outside TS 119 312, accepted by KAMU SM's rule. */
export const SHA1_NOTE: Text = {
  en:
    "SHA-1 is outside ETSI TS 119 312's accepted algorithms for signatures; uyum accepts it by KAMU SM's rule " +
    "(E-İmza Kontrol Listesi item 6-1 lists SHA-1; KAMU SM test BES_6 expects a SHA-1 signature to validate; " +
    "profiles P2–P4 still require SHA-256)",
  tr:
    "SHA-1, ETSI TS 119 312'nin imza için kabul ettiği algoritmalar arasında değildir; uyum onu KAMU SM kuralıyla " +
    "kabul eder (E-İmza Kontrol Listesi madde 6-1 SHA-1'i sayar; KAMU SM BES_6 testi SHA-1 imzanın doğrulanmasını " +
    "bekler; P2–P4 profilleri yine SHA-256 ister)",
};

/** Step 8 of the pipeline: the algorithm policy at the best signature time. */
export function algorithmChecks(m: SigModel, cert: Cert, poe: Date | undefined, ctx: Ctx, ch: Checks): void {
  // Never pass what the policy cannot name: an unknown digest or signature algorithm is not "acceptable".
  const sigName = m.sigAlgName ?? (m.sigHash ? `signature with ${m.sigHash}` : undefined);
  if (!m.digestHash || !sigName) {
    const en = [!m.digestHash && "the digest algorithm", !sigName && "the signature algorithm"].filter(Boolean);
    const tr = [!m.digestHash && "özet algoritmasını", !sigName && "imza algoritmasını"].filter(Boolean);
    ch.indet(
      "algorithms",
      "CRYPTO_CONSTRAINTS_FAILURE",
      `the algorithm policy cannot judge ${en.join(" and ")}: uyum does not know it`,
      `algoritma politikası ${tr.join(" ve ")} değerlendiremiyor: uyum tanımıyor`,
    );
    return;
  }
  const algProblem = algorithmProblem(m, cert, poe ?? m.signingTime ?? ctx.at);
  if (algProblem) ch.indet("algorithms", "CRYPTO_CONSTRAINTS_FAILURE_NO_POE", algProblem.en, algProblem.tr);
  else {
    const sha1 = m.digestHash === "SHA-1" || m.sigHash === "SHA-1";
    ch.pass(
      "algorithms",
      `algorithms acceptable (digest ${m.digestHash}, ${sigName})${sha1 ? `; ${SHA1_NOTE.en}` : ""}`,
      `algoritmalar kabul edilebilir (özet ${m.digestHash}, ${sigName})${sha1 ? `; ${SHA1_NOTE.tr}` : ""}`,
    );
  }
}

/** Step 9 of the pipeline: signature policy identifier and the Turkish profile rules (P2–P4). */
export function signaturePolicyChecks(
  m: SigModel,
  sigTsFirst: TsEval | undefined,
  isCounter: boolean,
  ch: Checks,
): void {
  if (m.policy && !m.policy.implied) {
    const known = TR_POLICY_HASH[m.policy.hashOid ?? ""];
    if (!Object.hasOwn(TR_POLICIES, m.policy.oid))
      ch.indet(
        "signature-policy",
        "SIGNATURE_POLICY_NOT_AVAILABLE",
        `unknown signature policy ${m.policy.oid}`,
        `bilinmeyen imza politikası ${m.policy.oid}`,
      );
    else if (!known || known !== m.policy.hashHex?.toLowerCase())
      ch.indet(
        "signature-policy",
        "POLICY_PROCESSING_ERROR",
        `the signature policy hash does not match the policy document (${m.policy.hashHex})`,
        "imza politikası özet değeri politika belgesiyle uyuşmuyor",
      );
    else
      ch.pass(
        "signature-policy",
        `signature policy ${m.policy.oid} (${m.profile}) with the right hash`,
        `imza politikası ${m.policy.oid} (${m.profile}) doğru özetle`,
      );
  }
  if (m.profile === "P2" || m.profile === "P3" || m.profile === "P4") {
    // the profiles name the policy document by its SHA-256 (notes.md §3; MA3: "Politika özet algoritması
    // SHA-256 değil"): a right SHA-1 digest of it is still a profile violation
    if (m.policy && !m.policy.implied && m.policy.hashOid !== ALG.sha256)
      ch.indet(
        "profile-policy-hash",
        "SIG_CONSTRAINTS_FAILURE",
        `profile ${m.profile} requires the signature policy hash to be SHA-256 (found ${DIGEST_BY_OID[m.policy.hashOid ?? ""] ?? m.policy.hashOid ?? "none"})`,
        `${m.profile} profili imza politikası özetinin SHA-256 olmasını ister`,
      );
    if (m.digestHash !== "SHA-256" && m.digestHash !== "SHA-384" && m.digestHash !== "SHA-512")
      ch.indet(
        "profile-hash",
        "CRYPTO_CONSTRAINTS_FAILURE",
        `profile ${m.profile} requires SHA-256 or stronger (found ${m.digestHash})`,
        `${m.profile} profili en az SHA-256 gerektirir`,
      );
    // CAdES: ESS signing-certificate-v2. XAdES: KAMU SM's XAdES profiles mandate xades:SigningCertificate (the
    // element MA3 writes; its CertDigest names its own hash), so v1 there is right as long as it is not SHA-1.
    const xadesV1 = m.format === "XAdES" && m.essVersion === 1;
    if ((m.essVersion !== 2 && !xadesV1) || m.essHash === "SHA-1")
      ch.indet(
        "profile-ess",
        "SIG_CONSTRAINTS_FAILURE",
        m.format === "XAdES"
          ? `profile ${m.profile} requires SigningCertificate(V2) with SHA-256 or stronger (found ${m.essVersion ? `v${m.essVersion}` : "none"} ${m.essHash ?? ""})`
          : `profile ${m.profile} requires signing-certificate-v2 with SHA-256 (found v${m.essVersion ?? "-"} ${m.essHash ?? ""})`,
        m.format === "XAdES"
          ? `${m.profile} profili SHA-256 veya daha güçlü özetli SigningCertificate(V2) gerektirir`
          : `${m.profile} profili SHA-256 ile signing-certificate-v2 gerektirir`,
      );
    if (!m.signingTime)
      ch.indet(
        "profile-signing-time",
        "SIG_CONSTRAINTS_FAILURE",
        `profile ${m.profile} requires the signing-time attribute`,
        `${m.profile} profili imza zamanı özniteliği gerektirir`,
      );
    // A counter-signature is time-stamped through its parent's long-term data, not with its own ES-T.
    if (!sigTsFirst && !isCounter)
      ch.indet(
        "profile-timestamp",
        "SIG_CONSTRAINTS_FAILURE",
        `profile ${m.profile} requires a valid signature time-stamp (ES-T or higher)`,
        `${m.profile} profili geçerli imza zaman damgası (ES-T veya üstü) gerektirir`,
      );
    else if (
      sigTsFirst &&
      m.signingTime &&
      Math.abs(sigTsFirst.genTime!.getTime() - m.signingTime.getTime()) > 2 * 3600_000
    ) {
      ch.indet(
        "profile-timestamp",
        "SIG_CONSTRAINTS_FAILURE",
        `the signature time-stamp (${sigTsFirst.genTime!.toISOString()}) is more than 2 hours from the signing time (${m.signingTime.toISOString()})`,
        "imza zaman damgası imza zamanından 2 saatten fazla uzak",
      );
    }
  }
}
