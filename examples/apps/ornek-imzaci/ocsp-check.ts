// The OCSP half of the check before signing: every certificate of the signer's path that names a responder in
// its AIA is asked, and the answer is judged as the validator judges one (harness/ades/revocation.ts): about
// this certificate (CertID), signed by the issuing CA or by a delegated responder it issued with id-kp-OCSPSigning,
// valid when the response was produced and not revoked (unless ocsp-nocheck), current (thisUpdate/nextUpdate),
// not produced in the future, carrying the nonce the request sent. An answer that fails any of these refuses the
// signature: the CRL being good does not make a forged or stale OCSP answer acceptable.
import { randomBytes } from "node:crypto";
import type { Cert } from "../../../harness/ades/index.ts";
import type { Crl } from "../../../harness/ades/crl.ts";
import type { Ctx } from "../../../harness/ades/checks.ts";
import { isLoopbackUrl, ocspRequest } from "../../../harness/ades/fetch.ts";
import { findSingle, parseOcsp, type BasicOcsp } from "../../../harness/ades/ocsp.ts";
import { revocationOf } from "../../../harness/ades/revocation.ts";
import { AgentError } from "./card.ts";

/** What one responder said: an answer, nothing (no connection, an HTTP error: the CRL decides), or bytes that are not an OCSP answer. */
export type OcspAsked =
  | { url: string; resp: BasicOcsp; nonce: Uint8Array }
  | { url: string; unanswered: string }
  | { url: string; unreadable: string };

export async function askOcsp(url: string, cert: Cert, issuer: Cert, timeoutMs = 10_000): Promise<OcspAsked> {
  const nonce = new Uint8Array(randomBytes(16));
  let bytes: Uint8Array;
  try {
    const r = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/ocsp-request" },
      body: Buffer.from(ocspRequest(cert, issuer, nonce)),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!r.ok) return { url, unanswered: `HTTP ${r.status}` };
    bytes = new Uint8Array(await r.arrayBuffer());
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    return { url, unanswered: e.cause?.code ?? e.message };
  }
  try {
    return { url, resp: parseOcsp(bytes), nonce };
  } catch (err) {
    return { url, unreadable: (err as Error).message };
  }
}

/** The validator's reasons for an unusable OCSP answer, in Turkish (the English is the validator's own). */
const TR: [RegExp, string][] = [
  [/response signature does not verify/, "OCSP yanıtının imzası doğrulanmıyor (sahte yanıt)"],
  [
    /not issued by the certificate's issuer/,
    "OCSP sunucu sertifikası, sertifikayı veren SM'ce verilmemiş (sahte ya da yetkisiz)",
  ],
  [/lacks the OCSPSigning/, "OCSP sunucu sertifikasında OCSPSigning (id-kp-OCSPSigning) yok: yetkisiz sunucu"],
  [/keyUsage does not allow signing/, "OCSP sunucu sertifikasının anahtar kullanımı imzaya izin vermiyor"],
  [/no certificate matches the OCSP responder id/, "OCSP yanıtını imzalayan sunucu tanımlanamıyor"],
  [
    /not valid when the response was produced/,
    "OCSP sunucu sertifikası yanıtın üretildiği anda geçerli değil (süresi dolmuş)",
  ],
  [/responder certificate was revoked/, "OCSP sunucu sertifikası iptal edilmiş"],
  [/revocation status is unknown/, "OCSP sunucu sertifikasının iptal durumu bilinmiyor (ocsp-nocheck yok)"],
  [/out of date/, "OCSP yanıtı güncel değil (nextUpdate geçmiş)"],
  [/does not know the certificate/, "OCSP sunucusu sertifikayı tanımıyor"],
];
const inTurkish = (en: string) => TR.find(([re]) => re.test(en))?.[1] ?? "OCSP yanıtı kullanılamaz";

/** Clock skew allowed between this computer and the responder for producedAt/thisUpdate (a real signer allows some). */
const SKEW_MS = 5 * 60_000;

export interface OcspJudgeInput {
  asked: OcspAsked;
  cert: Cert;
  issuer: Cert;
  /** the signer's path, end entity first */
  path: Cert[];
  at: Date;
  anchors: Cert[];
  intermediates: Cert[];
  /** the CRLs fetched for the path (a delegated responder without ocsp-nocheck is checked against them) */
  crls: Crl[];
}

/** Throws the refusal (AgentError) when the answer cannot be relied on or says "revoked"; returns when it is good or absent. */
export function judgeOcspAnswer(x: OcspJudgeInput): void {
  const who = `"${x.cert.subject.text}"`;
  const refuse = (code: "REVOCATION_INVALID" | "REVOCATION_UNKNOWN", en: string, tr: string): never => {
    // the reason first: a summary that cuts the line still says what was wrong
    throw new AgentError(
      code,
      `OCSP answer unusable: ${en} (certificate ${who}, responder ${x.asked.url}) / OCSP yanıtı kullanılamaz: ${tr} (sertifika ${who})`,
    );
  };
  if ("unanswered" in x.asked) return; // no answer at all: the current CRL, required before this, decides
  if ("unreadable" in x.asked)
    return refuse(
      "REVOCATION_INVALID",
      `it is not a successful OCSP response (${x.asked.unreadable})`,
      "başarılı bir OCSP yanıtı değil",
    );
  const { resp, nonce } = x.asked;
  const single = findSingle(resp, x.cert, x.issuer);
  if (!single)
    return refuse(
      "REVOCATION_UNKNOWN",
      `it is about another certificate (serial ${resp.responses.map((r) => r.serialHex).join(", ") || "none"}, not ${x.cert.serialHex}): no status for this one`,
      `yanıt başka bir sertifika için (seri ${resp.responses.map((r) => r.serialHex).join(", ") || "yok"}): bu sertifikanın durumu yok`,
    );
  if (resp.nonce && Buffer.compare(Buffer.from(resp.nonce), Buffer.from(nonce)) !== 0)
    return refuse(
      "REVOCATION_INVALID",
      "its nonce is not the one the request sent (a replayed answer)",
      "nonce isteğinkiyle aynı değil (tekrar oynatılmış yanıt)",
    );
  const future = x.at.getTime() + SKEW_MS;
  if (resp.producedAt.getTime() > future || single.thisUpdate.getTime() > future)
    return refuse(
      "REVOCATION_INVALID",
      `it was produced in the future (producedAt ${resp.producedAt.toISOString()}, thisUpdate ${single.thisUpdate.toISOString()}, now ${x.at.toISOString()})`,
      "yanıt gelecekte üretilmiş görünüyor",
    );
  // the validator's own rules, with this one answer as the only OCSP data and the judging time as both
  // validation and signing time (a signer judges freshness now)
  const at = new Date(Math.max(x.at.getTime(), single.thisUpdate.getTime(), resp.producedAt.getTime()));
  const ctx: Ctx = {
    opts: { anchors: x.anchors },
    at,
    pool: [...x.intermediates, ...x.anchors],
    crls: x.crls,
    allCrls: x.crls,
    ocsps: [resp],
  };
  const rv = revocationOf(x.cert, x.issuer, x.path, ctx, at, "ocsp");
  if (rv.status === "good") return;
  if (rv.status === "revoked") {
    if (rv.revokedAt && rv.revokedAt > at) return;
    throw new AgentError(
      "CERT_REVOKED",
      `the certificate ${who} is revoked according to its OCSP responder${rv.revokedAt ? ` (since ${rv.revokedAt.toISOString()})` : ""} / sertifika OCSP yanıtına göre iptal edilmiş`,
    );
  }
  const en = rv.problem.replace(/^OCSP response unusable: /, "");
  return refuse(rv.why === "invalid" ? "REVOCATION_INVALID" : "REVOCATION_UNKNOWN", en, inTurkish(en));
}

/** The old, flawed way: only a "revoked" about this certificate counts; anything else is taken as good. */
export function takeOcspRevokedOnly(asked: OcspAsked, cert: Cert, issuer: Cert, at: Date): void {
  if (!("resp" in asked)) return;
  const single = findSingle(asked.resp, cert, issuer);
  if (single?.status === "revoked" && (!single.revokedAt || single.revokedAt <= at))
    throw new AgentError(
      "CERT_REVOKED",
      `the certificate "${cert.subject.text}" is revoked according to its OCSP responder` +
        `${single.revokedAt ? ` (since ${single.revokedAt.toISOString()})` : ""} / sertifika OCSP yanıtına göre iptal edilmiş`,
    );
}

export const ocspUrlsOf = (c: Cert) => c.ocspUrls.filter(isLoopbackUrl);
