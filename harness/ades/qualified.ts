// The NES (qualified electronic certificate) profile of KAMU SM, checked on the signer's certificate.
import { QC } from "../asn1/oids.ts";
import type { Checks } from "./checks.ts";
import { hasKu, KU, type Cert } from "./x509.ts";

/** NES (qualified certificate) checks of KAMU SM: nonRepudiation, QC statements, user notice, usage restriction. */
export function nesChecks(c: Cert, ch: Checks): void {
  if (!c.keyUsage || !hasKu(c, KU.nonRepudiation))
    ch.indet(
      "nes-key-usage",
      "CHAIN_CONSTRAINTS_FAILURE",
      "the signer's certificate keyUsage lacks nonRepudiation",
      "imzacı sertifikasının anahtar kullanımında inkâr edilemezlik (nonRepudiation) yok",
    );
  else ch.pass("nes-key-usage", "keyUsage has nonRepudiation", "anahtar kullanımında nonRepudiation var");
  const qs = new Set((c.qcStatements ?? []).map((q) => q.oid));
  if (!qs.has(QC.etsiCompliance))
    ch.indet(
      "nes-qc-etsi",
      "CHAIN_CONSTRAINTS_FAILURE",
      "qcStatements lacks the ETSI QcCompliance statement 0.4.0.1862.1.1",
      "qcStatements içinde ETSI 0.4.0.1862.1.1 ifadesi yok",
    );
  else ch.pass("nes-qc-etsi", "ETSI QcCompliance present", "ETSI QcCompliance ifadesi var");
  if (!qs.has(QC.btkNes) && !qs.has(QC.btkNes2))
    ch.indet(
      "nes-qc-btk",
      "CHAIN_CONSTRAINTS_FAILURE",
      "qcStatements lacks the BTK NES statement 2.16.792.1.61.0.1.5070.1.1 (or .2.1)",
      "qcStatements içinde BTK NES ifadesi (2.16.792.1.61.0.1.5070.1.1) yok",
    );
  else ch.pass("nes-qc-btk", "BTK NES statement present", "BTK NES ifadesi var");
  const notice = (c.policies ?? []).some((p) => p.userNotices.some((n) => n.trim().length > 0));
  if (!notice)
    ch.indet(
      "nes-user-notice",
      "CHAIN_CONSTRAINTS_FAILURE",
      "certificatePolicies carries no user notice (the NES statement)",
      "sertifika ilkelerinde kullanıcı bildirimi (ibare) yok",
    );
  else ch.pass("nes-user-notice", "certificate policy user notice present", "sertifika ilkesi kullanıcı bildirimi var");
  if (qs.has(QC.btkUsageRestriction) || qs.has(QC.btkUsageRestriction2)) {
    ch.indet(
      "nes-usage-restriction",
      "CHAIN_CONSTRAINTS_FAILURE",
      "the certificate carries a usage restriction (kullanım kısıtı): it may not be used for this signature",
      "sertifikada kullanım kısıtı var: bu imza için kullanılamaz",
    );
  }
  if (qs.has(QC.etsiLimit))
    ch.pass(
      "nes-monetary-limit",
      "a monetary limit is present; a limit (even 0) does not invalidate the signature",
      "para limiti var; limit (0 dahil) imzayı geçersiz kılmaz",
    );
}
