// KAMU SM's signing-side certificate scenarios (CAdES_Signing_Tests, notes.md §5): certificates a conformant
// signature-creation application must refuse to sign with (or, for the valid ones, sign with). They become the
// manifest's `signingSide` list, one entry per scenario with the PKI certificate and key to drive an app with.
// The mapping comes from the PKI YAML's `kamusm:` tags (role nes); where the YAML has no tag, or its tag cannot
// carry the expected behaviour, the table names the certificate itself (`mapping: "inferred"`, reasoning in `note`).
import type { Text } from "../ades/verdict.ts";
import type { Pki } from "../pki/index.ts";
import type { SigningSideEntry } from "./manifest.ts";

interface SigningSideDef {
  id: string;
  expected: "sign" | "refuse";
  reason: Text;
  outsideApiScope?: boolean;
  /** the PKI label to use instead of the YAML's tag (none, or one that cannot carry the expectation) */
  inferred?: { label: string; note: string };
}

const R = (en: string, tr: string): Text => ({ en, tr });
const refuse = (id: string, en: string, tr: string, more: Partial<SigningSideDef> = {}): SigningSideDef => ({
  id,
  expected: "refuse",
  reason: R(en, tr),
  ...more,
});

export const SIGNING_SIDE: SigningSideDef[] = [
  {
    id: "QCA1_1",
    expected: "sign",
    reason: R("Valid qualified (NES) certificate, RSA", "Geçerli nitelikli (NES) sertifika, RSA"),
  },
  {
    id: "QCA1_2",
    expected: "sign",
    reason: R("Valid qualified (NES) certificate, ECDSA P-256", "Geçerli nitelikli (NES) sertifika, ECDSA P-256"),
  },
  refuse(
    "QCA1_3",
    "keyUsage lacks nonRepudiation: not a signing (NES) certificate",
    "keyUsage nonRepudiation içermiyor: imza (NES) sertifikası değil",
  ),
  refuse(
    "QCA1_4",
    "certificatePolicies carries no user notice (the NES statement)",
    "Sertifika ilkelerinde kullanıcı uyarısı (NES ibaresi) yok",
  ),
  refuse("QCA1_5", "No ETSI QcCompliance statement (0.4.0.1862.1.1)", "ETSI QcCompliance beyanı (0.4.0.1862.1.1) yok"),
  refuse(
    "QCA1_6",
    "No BTK NES statement (2.16.792.1.61.0.1.5070.1.1)",
    "BTK NES beyanı (2.16.792.1.61.0.1.5070.1.1) yok",
  ),
  refuse("QCA1_8", "The certificate has expired", "Sertifikanın süresi dolmuş"),
  refuse(
    "QCA1_9",
    "The certificate's signature (by the sub-root) does not verify",
    "Sertifikanın imzası (alt kök tarafından) doğrulanmıyor",
  ),
  refuse("QCA1_10", "The certificate is revoked (CRL)", "Sertifika iptal edilmiş (SİL)"),
  refuse("QCA1_11", "The certificate is revoked (OCSP)", "Sertifika iptal edilmiş (OCSP)"),
  refuse(
    "QCA1_12",
    "The only CRL for the certificate has expired: its status cannot be established",
    "Sertifikanın tek SİL'inin süresi dolmuş: durumu belirlenemiyor",
  ),
  refuse("QCA1_13", "The CRL for the certificate has a forged signature", "Sertifikanın SİL'inin imzası sahte"),
  refuse(
    "QCA1_14",
    "The only OCSP response for the certificate has expired",
    "Sertifikanın tek OCSP yanıtının süresi dolmuş",
  ),
  refuse(
    "QCA1_15",
    "The OCSP response for the certificate has a forged signature",
    "Sertifikanın OCSP yanıtının imzası sahte",
  ),
  refuse("QCA1_16", "The OCSP responder certificate has expired", "OCSP sunucu sertifikasının süresi dolmuş"),
  refuse("QCA1_17", "The OCSP responder certificate has a forged signature", "OCSP sunucu sertifikasının imzası sahte"),
  refuse(
    "QCA1_18",
    "The OCSP responder certificate (no ocsp-nocheck) was revoked before the signing time",
    "OCSP sunucu sertifikası (ocsp-nocheck yok) imza zamanından önce iptal edilmiş",
    {
      inferred: {
        label: "nes-ocsp-signer-revoked-before",
        note: "the PKI YAML tags QCA1_18 on nes-ocsp-signer-revoked-nocheck, whose responder carries id-pkix-ocsp-nocheck: its revocation cannot be held against it (RFC 6960 4.2.2.2.1; KAMU SM's own BES_24_1 is valid), so a 'refuse' needs the responder without nocheck, revoked before the signing time (ESXL_24_1)",
      },
    },
  ),
  {
    id: "QCA1_19",
    expected: "sign",
    outsideApiScope: true,
    reason: R(
      "A monetary limit (even 0) does not bar signing; the application may show it",
      "Para limiti (0 dahil) imzayı engellemez; uygulama bunu gösterebilir",
    ),
  },
  refuse(
    "QCA1_20",
    "The certificate carries a usage restriction (kullanım kısıtı)",
    "Sertifikada kullanım kısıtı var",
    { outsideApiScope: true },
  ),
  refuse(
    "QCA1_21",
    "The OCSP response is for another certificate: no status for this one",
    "OCSP yanıtı başka bir sertifika için: bu sertifikanın durumu yok",
  ),
  refuse("QCA2", "The sub-root certificate's signature does not verify", "Alt kök sertifikasının imzası doğrulanmıyor"),
  refuse("QCA3", "The sub-root is revoked in the root's CRL", "Alt kök, kökün SİL'inde iptal"),
  refuse("QCA4", "The sub-root is revoked (OCSP)", "Alt kök iptal (OCSP)"),
  refuse("QCA5", "The sub-root's CRL has expired", "Alt kökün SİL'inin süresi dolmuş"),
  refuse("QCA6", "The sub-root's CRL has a forged signature", "Alt kökün SİL'inin imzası sahte"),
  refuse("QCA7", "The sub-root's OCSP response has expired", "Alt kökün OCSP yanıtının süresi dolmuş"),
  refuse("QCA8", "The sub-root's OCSP response has a forged signature", "Alt kökün OCSP yanıtının imzası sahte"),
  refuse(
    "QCA9",
    "The sub-root's OCSP responder certificate has expired",
    "Alt kökün OCSP sunucu sertifikasının süresi dolmuş",
  ),
  refuse(
    "QCA10",
    "The sub-root's OCSP responder certificate has a forged signature",
    "Alt kökün OCSP sunucu sertifikasının imzası sahte",
  ),
  refuse(
    "QCA11",
    "The sub-root's OCSP responder certificate (no ocsp-nocheck) is revoked",
    "Alt kökün OCSP sunucu sertifikası (ocsp-nocheck yok) iptal",
    { outsideApiScope: true },
  ),
  {
    id: "QCA12",
    expected: "sign",
    reason: R("Valid qualified (NES) certificate", "Geçerli nitelikli (NES) sertifika"),
    inferred: {
      label: "nes-ec-chain",
      note: "notes.md lists QCA12 only as valid; mapped to the valid NES under the ECDSA sub-root (a valid case not already taken by QCA1_1/QCA1_2)",
    },
  },
  refuse(
    "QCB",
    "The sub-root's OCSP response is for another certificate: no status for the sub-root",
    "Alt kökün OCSP yanıtı başka bir sertifika için: alt kökün durumu yok",
    {
      inferred: {
        label: "nes-subroot-ocsp-wrong-cert",
        note: "notes.md groups QCB with the sub-root CRL/OCSP problems without naming it; the one such problem no QCA number takes is the sub-root OCSP response for the wrong certificate (validation scenario 37)",
      },
    },
  ),
];

/** Resolve the table against the PKI; ids with no matching certificate are returned in `missing`. */
export function signingSideEntries(pki: Pki, signingTime: string): { entries: SigningSideEntry[]; missing: string[] } {
  const entries: SigningSideEntry[] = [];
  const missing: string[] = [];
  for (const d of SIGNING_SIDE) {
    const inferred = d.inferred && pki.entities.has(d.inferred.label) ? d.inferred.label : undefined;
    const tagged = inferred
      ? undefined
      : [...pki.entities.values()].find((e) => e.role === "nes" && e.kamusm?.includes(d.id));
    const label = inferred ?? tagged?.label;
    if (!label) {
      missing.push(d.id);
      continue;
    }
    entries.push({
      kamusm: d.id,
      pkiLabel: label,
      certificate: `pki/certs/${label}.pem`,
      chain: `pki/chains/${label}.chain.pem`,
      privateKey: `pki/keys/${label}.key.pem`,
      signingTime,
      expected: d.expected,
      reason: d.reason,
      mapping: tagged ? "pki-tag" : "inferred",
      ...(inferred ? { note: d.inferred!.note } : {}),
      ...(d.outsideApiScope ? { outsideApiScope: true } : {}),
    });
  }
  return { entries, missing };
}
