// Revocation: the status of one certificate from CRLs and OCSP (responder authorisation, freshness against the
// grace period), and the per-certificate "revocation" checks of a signature's path with the revoked/POE rules.
import type { CheckId } from "./catalogue.ts";
import { crlStatus, type PathResult } from "./path.ts";
import { REASONS } from "./crl.ts";
import { findSingle, ocspSigner } from "./ocsp.ts";
import { GRACE, type Checks, type Ctx } from "./checks.ts";
import type { SigModel } from "./model.ts";
import { refBound } from "./refs.ts";
import type { Cert } from "./x509.ts";

export interface RevResult {
  status: "good" | "revoked" | "unknown";
  /** Why unknown: "invalid" = data present but its signature/signer fails; "missing" = none or out of date. */
  why?: "invalid" | "missing";
  revokedAt?: Date;
  reason?: string;
  source?: "crl" | "ocsp";
  problem: string;
}

/**
 * Revocation status of `cert` for a signature whose existence is proven at `poe`: revocation data is usable
 * when it is current at the validation time, or was issued after `poe + grace` (so it covers the signing).
 * With `issuedAfter` (the signing time or its time-stamp) data issued before it is never used: it cannot show the
 * status at the signing time, however long its nextUpdate (11.7.4-2; DSS's RevocationFreshness 0).
 */
export function revocationOf(
  cert: Cert,
  issuer: Cert,
  path: Cert[],
  ctx: Ctx,
  tRev: Date,
  only?: "crl" | "ocsp",
  issuedAfter?: Date,
): RevResult {
  const poe = ctx.archivePoe;
  const usable = (thisUpdate: Date, nextUpdate?: Date): boolean =>
    ((issuedAfter === undefined || thisUpdate >= issuedAfter) &&
      thisUpdate <= ctx.at &&
      (nextUpdate === undefined || nextUpdate >= ctx.at || thisUpdate >= tRev)) ||
    (poe !== undefined && thisUpdate <= poe && (nextUpdate === undefined || nextUpdate >= poe));
  let problem = "no revocation information (CRL or OCSP) was found";
  let invalid = false;
  // Both sources are consulted: a usable CRL that says "revoked" wins over an OCSP "good" (and vice versa).
  let ocspGood = false;
  if (only !== "crl") {
    for (const resp of ctx.ocsps) {
      const single = findSingle(resp, cert, issuer);
      if (!single) continue;
      const signer = ocspSigner(resp, issuer, ctx.pool);
      if (!signer.signer) {
        problem = `OCSP response unusable: ${signer.problem}`;
        invalid = true;
        continue;
      }
      const rc = signer.signer;
      if (signer.delegated) {
        if (resp.producedAt < rc.notBefore || resp.producedAt > rc.notAfter) {
          problem = "OCSP response unusable: the responder certificate was not valid when the response was produced";
          invalid = true;
          continue;
        }
        if (!rc.ocspNoCheck) {
          const st = crlStatus(rc, issuer, [rc, ...path], {
            at: ctx.at,
            anchors: ctx.opts.anchors,
            intermediates: ctx.pool,
            crls: ctx.allCrls ?? ctx.crls,
            revocation: "require",
          });
          if (st.status === "revoked" && st.entry!.date <= resp.producedAt) {
            problem = "OCSP response unusable: the responder certificate was revoked";
            invalid = true;
            continue;
          }
          // RFC 6960 §4.2.2.2.1: without id-pkix-ocsp-nocheck the responder's own status must be known.
          if (st.status === "unknown") {
            problem = `OCSP response unusable: the responder certificate has no ocsp-nocheck and its revocation status is unknown (${st.message})`;
            invalid = true;
            continue;
          }
        }
      }
      if (!usable(single.thisUpdate, single.nextUpdate)) {
        problem = "OCSP response unusable: it is out of date (nextUpdate passed and not issued after the signing time)";
        continue;
      }
      if (single.status === "revoked")
        return {
          status: "revoked",
          revokedAt: single.revokedAt,
          reason: REASONS[single.reason ?? 0],
          source: "ocsp",
          problem: "",
        };
      if (single.status === "good") {
        ocspGood = true;
        if (only === "ocsp") return { status: "good", source: "ocsp", problem: "" };
        continue;
      }
      problem = "OCSP responder does not know the certificate";
    }
  }
  if (only === "ocsp") return { status: "unknown", problem, why: invalid ? "invalid" : "missing" };
  const st = crlStatus(cert, issuer, path, {
    at: ctx.at,
    anchors: ctx.opts.anchors,
    intermediates: ctx.pool,
    crls: ctx.crls,
    revocation: "require",
    crlFresh: (crl) => usable(crl.thisUpdate, crl.nextUpdate),
  });
  if (st.status === "revoked")
    return {
      status: "revoked",
      revokedAt: st.entry!.date,
      reason: REASONS[st.entry!.reason ?? 0],
      source: "crl",
      problem: "",
    };
  // Data the signature itself references for this certificate must all be valid (an X-L carrying a forged or
  // unauthorised OCSP response is not rescued by another source).
  if (ctx.bound && invalid) return { status: "unknown", problem, why: "invalid" };
  if (st.status === "good") return { status: "good", source: "crl", problem: "" };
  if (ocspGood) return { status: "good", source: "ocsp", problem: "" };
  if (invalid) return { status: "unknown", problem, why: "invalid" };
  const crlInvalid = /signature could not be verified|CRL issuer|not allowed to sign CRLs/.test(st.message);
  return {
    status: "unknown",
    problem: ctx.crls.length ? st.message : problem,
    why: crlInvalid ? "invalid" : "missing",
  };
}

/** Step 6 of the pipeline: every certificate of the signer's path (grace period by profile), signer first. */
export function revocationChecks(
  m: SigModel,
  pr: PathResult,
  poe: Date | undefined,
  ctx: Ctx,
  sctx: Ctx,
  ch: Checks,
): void {
  if (pr.ok) {
    const basis = poe ?? m.signingTime ?? ctx.at;
    const tRev = new Date(basis.getTime() + GRACE[m.profile]);
    // a signature without a signing time or a time-stamp has no moment the data must postdate
    // (to the whole second: thisUpdate / producedAt carry no fraction, so data of the same second counts)
    // (a claimed signing time after the validation time, which no data can postdate, is left to the other checks)
    const after = poe ?? m.signingTime;
    const issuedAfter = after && after <= ctx.at ? new Date(Math.floor(after.getTime() / 1000) * 1000) : undefined;
    if (GRACE[m.profile] && ctx.at < tRev)
      ch.indet(
        "grace-period",
        "TRY_LATER",
        `the grace period (${GRACE[m.profile] / 3600000} h) after ${basis.toISOString()} has not elapsed`,
        "kesinleşme süresi dolmadı",
      );
    for (let i = 0; i < pr.path.length - 1; i++) {
      const c = pr.path[i];
      const isSigner = i === 0;
      const rctx = refBound(m, i, sctx);
      const rv = revocationOf(
        c,
        pr.path[i + 1],
        pr.path,
        rctx,
        tRev,
        isSigner && m.profile === "P4" ? "ocsp" : undefined,
        issuedAfter,
      );
      const who = isSigner ? "the signer's certificate" : `CA certificate "${c.subject.text}"`;
      const kim = isSigner ? "imzacı sertifikası" : "alt kök sertifikası";
      if (rv.status === "good")
        ch.pass(
          isSigner ? "revocation" : `revocation-ca-${i}`,
          `${who} is not revoked (${rv.source})`,
          `${kim} iptal edilmemiş (${rv.source === "crl" ? "SİL" : "OCSP"})`,
        );
      else if (rv.status === "unknown") {
        // P4 wants OCSP for the signer: a CRL that would have answered is a profile violation, not missing data.
        if (
          isSigner &&
          m.profile === "P4" &&
          revocationOf(c, pr.path[i + 1], pr.path, rctx, tRev, "crl", issuedAfter).status !== "unknown"
        ) {
          ch.indet(
            "revocation",
            "SIG_CONSTRAINTS_FAILURE",
            "profile P4 requires an OCSP response for the signer's certificate; only a CRL is available",
            "P4 profili imzacı sertifikası için OCSP yanıtı ister; yalnızca SİL var",
          );
        } else
          ch.indet(
            isSigner ? "revocation" : `revocation-ca-${i}`,
            rv.why === "invalid" ? "CERTIFICATE_CHAIN_GENERAL_FAILURE" : "TRY_LATER",
            `${who}: ${rv.problem}${liveFailures(c, ctx)}`,
            `${kim} için geçerli iptal bilgisi yok${liveFailures(c, ctx)}`,
          );
      } else {
        const when = rv.revokedAt!;
        const id: CheckId = isSigner ? "revocation" : `revocation-ca-${i}`;
        // Name the source that said "revoked": an assessor must be able to tell which service the verdict rests on.
        const per =
          rv.source === "crl" ? { en: "per the CRL", tr: "SİL'e göre" } : { en: "per OCSP", tr: "OCSP'ye göre" };
        if (poe && poe < when)
          ch.pass(
            id,
            `${who} was revoked at ${when.toISOString()} (${per.en}), after the time-stamp proves the signature existed (${poe.toISOString()})`,
            `${kim} imzadan (zaman damgasından) sonra iptal edilmiş (${per.tr})`,
          );
        else if (poe && isSigner)
          ch.fail(
            id,
            "REVOKED",
            `${who} was revoked at ${when.toISOString()} (${rv.reason}, ${per.en}), before the signature time-stamp`,
            `${kim} imza zaman damgasından önce iptal edilmiş (${per.tr})`,
          );
        else
          ch.indet(
            id,
            isSigner ? "REVOKED_NO_POE" : "REVOKED_CA_NO_POE",
            `${who} was revoked at ${when.toISOString()} (${rv.reason}, ${per.en}) and nothing proves the signature existed before`,
            `${kim} iptal edilmiş (${per.tr}) ve imzanın öncesinde var olduğunu gösteren kanıt yok`,
          );
      }
    }
  }
}

/** The live requests for this certificate's CRL/OCSP that failed, as "; live CRL <url>: <problem>" (or ""). */
function liveFailures(c: Cert, ctx: Ctx): string {
  const urls = new Set<string>([
    ...c.ocspUrls,
    ...(c.crlDistributionPoints ?? []).flatMap((dp) =>
      (dp.fullName ?? []).flatMap((g) => (g.type === "uri" ? [g.value] : [])),
    ),
  ]);
  const mine = (ctx.fetchFailures ?? []).filter((f) => urls.has(f.url));
  return mine.map((f) => `; live ${f.what} ${f.url}: ${f.problem}`).join("");
}
