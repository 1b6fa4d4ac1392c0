// Time-stamps: each token judged on its own (imprint, signature, TSA certificate and chain at genTime, TSA
// revocation), then the proof of existence they give the signature and the content/signature ordering.
import { validatePath } from "./path.ts";
import { Checks, GRACE, type Ctx } from "./checks.ts";
import type { Profile, SigModel, TimestampUse } from "./model.ts";
import type { SignatureReport } from "./report.ts";
import { revocationOf } from "./revocation.ts";
import type { Text, Indication, SubIndication } from "./verdict.ts";
import type { Cert } from "./x509.ts";

const EKU_TIMESTAMPING = "1.3.6.1.5.5.7.3.8";

export interface TsEval {
  use: TimestampUse;
  ok: boolean;
  genTime?: Date;
  /** the TSA's certification path, TSA certificate first, trust anchor last (when it was built) */
  path?: Cert[];
  sub?: SubIndication;
  indication?: Indication;
  why?: Text;
  /** a valid time-stamp that no longer covers everything it once did (said in its passed check) */
  warning?: Text;
}

/** A time-stamp: imprint, token signature, TSA certificate (EKU, validity at genTime: pkijs #462), TSA chain, revocation. */
function evalTimestamp(use: TimestampUse, ctx: Ctx, profile: Profile): TsEval {
  if (!use.ts)
    return {
      use,
      ok: false,
      sub: "FORMAT_FAILURE",
      indication: "TOTAL-FAILED",
      why: { en: use.problem ?? "unreadable time-stamp", tr: "zaman damgası okunamadı" },
    };
  const ts = use.ts;
  const g = ts.tst.genTime;
  if (use.imprintUnknown)
    return {
      use,
      ok: false,
      genTime: g,
      sub: "SIGNED_DATA_NOT_FOUND",
      indication: "INDETERMINATE",
      why: { en: use.imprintUnknown, tr: `${use.kind} zaman damgası özeti hesaplanamadı: imzalı veri yok` },
    };
  if (!use.imprintOk)
    return {
      use,
      ok: false,
      genTime: g,
      sub: "HASH_FAILURE",
      indication: "TOTAL-FAILED",
      why: {
        en: `${use.kind} time-stamp: the message imprint does not match`,
        tr: `${use.kind} zaman damgası: özet değeri uyuşmuyor`,
      },
    };
  const tsa = ts.signer.cert;
  if (!tsa)
    return {
      use,
      ok: false,
      genTime: g,
      sub: "NO_SIGNING_CERTIFICATE_FOUND",
      indication: "INDETERMINATE",
      why: {
        en: `${use.kind} time-stamp: the TSA certificate was not found`,
        tr: `${use.kind} zaman damgası: ZD sertifikası bulunamadı`,
      },
    };
  if (!ts.signer.signatureOk || ts.signer.messageDigestOk === false)
    return {
      use,
      ok: false,
      genTime: g,
      sub: "SIG_CRYPTO_FAILURE",
      indication: "TOTAL-FAILED",
      why: {
        en: `${use.kind} time-stamp: the token's signature does not verify`,
        tr: `${use.kind} zaman damgası: imza doğrulanamadı`,
      },
    };
  if (ts.signer.essOk === false)
    return {
      use,
      ok: false,
      genTime: g,
      sub: "NO_SIGNING_CERTIFICATE_FOUND",
      indication: "INDETERMINATE",
      why: {
        en: `${use.kind} time-stamp: signing-certificate attribute does not match the TSA certificate`,
        tr: `${use.kind} zaman damgası: imzacı sertifika özniteliği uyuşmuyor`,
      },
    };
  if (!tsa.extKeyUsage?.includes(EKU_TIMESTAMPING))
    return {
      use,
      ok: false,
      genTime: g,
      sub: "CHAIN_CONSTRAINTS_FAILURE",
      indication: "INDETERMINATE",
      why: {
        en: `${use.kind} time-stamp: the TSA certificate lacks the timeStamping extended key usage`,
        tr: `${use.kind} zaman damgası: ZD sertifikasında timeStamping kullanımı yok`,
      },
    };
  if (g < tsa.notBefore || g > tsa.notAfter)
    return {
      use,
      ok: false,
      genTime: g,
      sub: "OUT_OF_BOUNDS_NO_POE",
      indication: "INDETERMINATE",
      why: {
        en: `${use.kind} time-stamp: the TSA certificate was not valid at genTime ${g.toISOString()}`,
        tr: `${use.kind} zaman damgası: ZD sertifikası damga zamanında geçerli değil`,
      },
    };
  const pool = [...ctx.pool, ...ts.certs];
  const path = validatePath(tsa, { at: g, anchors: ctx.opts.anchors, intermediates: pool, revocation: "off" });
  if (!path.ok) {
    const sub: SubIndication =
      path.kind === "no-path" ? "NO_CERTIFICATE_CHAIN_FOUND" : "CERTIFICATE_CHAIN_GENERAL_FAILURE";
    return {
      use,
      ok: false,
      genTime: g,
      sub,
      indication: "INDETERMINATE",
      why: {
        en: `${use.kind} time-stamp: TSA chain: ${path.message}`,
        tr: `${use.kind} zaman damgası: ZD sertifika zinciri doğrulanamadı`,
      },
    };
  }
  // TSA revocation: revoked before genTime → the token proves nothing.
  for (let i = 0; i < path.path.length - 1; i++) {
    const c = path.path[i];
    const rv = revocationOf(c, path.path[i + 1], path.path, { ...ctx, pool }, new Date(g.getTime() + GRACE[profile]));
    if (rv.status === "revoked" && rv.revokedAt! <= g) {
      return {
        use,
        ok: false,
        genTime: g,
        sub: "REVOKED_NO_POE",
        indication: "INDETERMINATE",
        why: {
          en: `${use.kind} time-stamp: TSA certificate "${c.subject.text}" was revoked at ${rv.revokedAt!.toISOString()}, before genTime`,
          tr: `${use.kind} zaman damgası: ZD sertifikası damga zamanından önce iptal edilmiş`,
        },
      };
    }
    if (rv.status === "unknown") {
      return {
        use,
        ok: false,
        genTime: g,
        sub: rv.why === "invalid" ? "CERTIFICATE_CHAIN_GENERAL_FAILURE" : "TRY_LATER",
        indication: "INDETERMINATE",
        why: {
          en: `${use.kind} time-stamp: revocation status of "${c.subject.text}" unknown: ${rv.problem}`,
          tr: `${use.kind} zaman damgası: ZD sertifikasının iptal durumu belirlenemedi`,
        },
      };
    }
  }
  // An ats-hash-index entry naming validation material no longer in the signature (removed or altered after
  // the time-stamp) does not break the time-stamp: its imprint covers the signature value, the content digest
  // and the index as they were, so it still proves the signature existed at genTime (DSS: "ats-hash-index not
  // valid", a warning, the A level still valid). The removed material is what it no longer protects: said, not
  // hidden, and that time-stamp is not used as proof for the embedded validation data (validate.ts).
  const warning = use.coverageProblem
    ? {
        en: `${use.coverageProblem}; that material is not protected by this time-stamp`,
        tr: `${use.kind} zaman damgasının ats-hash-index'inde adı geçen bazı veriler imzada artık yok (sonradan çıkarılmış ya da değiştirilmiş); bu veriler bu zaman damgasıyla korunmuyor`,
      }
    : undefined;
  return { use, ok: true, genTime: g, path: path.path, warning };
}

export interface TsOutcome {
  tsEvals: TsEval[];
  /** the time-stamps' own checks, listed later (after the long-term checks, which decide first) */
  tsCh: Checks;
  /** proof of existence: the earliest valid signature/esc/archive/document time-stamp */
  poe?: Date;
  sigTsFirst?: TsEval;
}

/** Step 4 of the pipeline: evaluates the time-stamps, records them in the report, checks their order. */
export function timestampChecks(m: SigModel, sctx: Ctx, report: SignatureReport, ch: Checks): TsOutcome {
  const tsEvals = m.timestamps.map((u) => evalTimestamp(u, sctx, m.profile));
  // Their checks are listed after the structural long-term checks (references/values), which decide first.
  const tsCh = new Checks();
  for (const t of tsEvals) {
    report.timestamps.push({
      kind: t.use.kind,
      genTime: t.genTime?.toISOString(),
      tsa: t.use.ts?.signer.cert?.subject.text,
      ok: t.ok,
    });
    if (t.ok)
      tsCh.pass(
        `timestamp-${t.use.kind}`,
        `${t.use.kind} time-stamp valid (genTime ${t.genTime!.toISOString()})${t.warning ? `, but ${t.warning.en}` : ""}`,
        `${t.use.kind} zaman damgası geçerli${t.warning ? `; ancak ${t.warning.tr}` : ""}`,
      );
    else
      tsCh.add(
        `timestamp-${t.use.kind}`,
        t.indication === "TOTAL-FAILED" ? "failed" : "indeterminate",
        t.why!.en,
        t.why!.tr,
        t.sub,
      );
  }
  const sigTs = tsEvals.filter(
    (t) =>
      t.ok &&
      (t.use.kind === "signature" || t.use.kind === "esc" || t.use.kind === "archive" || t.use.kind === "document"),
  );
  const poe = sigTs.length ? new Date(Math.min(...sigTs.map((t) => t.genTime!.getTime()))) : undefined;
  const contentTs = tsEvals.find((t) => t.ok && t.use.kind === "content");
  if (poe) report.bestSignatureTime = poe.toISOString();
  // Ordering: content time-stamp ≤ signing time ≤ signature time-stamp (EN 319 102-1 5.6.2.4)
  if (poe && contentTs && contentTs.genTime! > poe)
    ch.fail(
      "timestamp-order",
      "TIMESTAMP_ORDER_FAILURE",
      "the content time-stamp is later than the signature time-stamp",
      "içerik zaman damgası imza zaman damgasından sonra",
    );
  const sigTsFirst = tsEvals.find((t) => t.ok && t.use.kind === "signature");
  return { tsEvals, tsCh, poe, sigTsFirst };
}
