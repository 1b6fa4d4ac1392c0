// The pieces every concern of validation shares: the named check list (EU DSS style), the rule that turns
// checks into an ETSI indication, the options, and the context a signature is judged in (time, pools).
import { stepRank, type CheckId } from "./catalogue.ts";
import type { Crl } from "./crl.ts";
import type { FetchFailure } from "./fetch.ts";
import type { BasicOcsp } from "./ocsp.ts";
import type { Profile } from "./model.ts";
import type { Text, CheckResult, Indication, SubIndication, ValidationCheck } from "./verdict.ts";
import type { Cert } from "./x509.ts";

export interface ValidateOptions {
  anchors: Cert[];
  /** Validation time (default: now, read after live CRL/OCSP are fetched). */
  at?: Date;
  /** The clock "now" is read from when `at` is not given (default: the system clock). */
  now?: () => Date;
  extraCerts?: Cert[];
  extraCrls?: Crl[];
  extraOcsps?: BasicOcsp[];
  /** Require the NES (qualified certificate) profile of the signer (default true: KAMU SM context). */
  requireQualified?: boolean;
}

const DAY = 86_400_000;
/** How long after the best signature time revocation data must be issued to count (profile P2/P3: one day). */
export const GRACE: Record<Profile, number> = { P1: 0, P2: DAY, P3: DAY, P4: 0, none: 0 };

export class Checks {
  list: ValidationCheck[] = [];
  add(
    id: CheckId,
    result: CheckResult,
    en: string,
    tr: string,
    subIndication?: SubIndication,
    indication?: Indication,
  ): void {
    const c: ValidationCheck & { indication?: Indication } = { id, result, reason: { tr, en } as Text };
    if (result !== "passed" && result !== "skipped" && subIndication) c.subIndication = subIndication;
    if (indication) c.indication = indication;
    this.list.push(c);
  }
  pass(id: CheckId, en: string, tr: string): void {
    this.add(id, "passed", en, tr);
  }
  fail(id: CheckId, sub: SubIndication, en: string, tr: string): void {
    this.add(id, "failed", en, tr, sub);
  }
  indet(id: CheckId, sub: SubIndication, en: string, tr: string): void {
    this.add(id, "indeterminate", en, tr, sub);
  }
  /** Indeterminate because uyum does not support a construct of the file: flagged "not assessed". */
  notAssessed(id: CheckId, sub: SubIndication, en: string, tr: string): void {
    this.add(id, "indeterminate", en, tr, sub);
    this.list[this.list.length - 1]!.notAssessed = true;
  }
  skip(id: CheckId, en: string, tr: string): void {
    this.add(id, "skipped", en, tr);
  }
}

/**
 * The verdict a list of checks gives: a failed check before an indeterminate one (EN 319 102-1 §5.3.4: a FAILED
 * result is final, an INDETERMINATE may still be resolved by later proof), and among those the one whose step comes
 * first in the catalogue's step order (catalogue.ts), whatever order the checks were recorded in.
 */
export function verdictOf(checks: ValidationCheck[]): { indication: Indication; subIndication?: SubIndication } {
  const decisive = (result: "failed" | "indeterminate"): ValidationCheck | undefined => {
    let best: ValidationCheck | undefined;
    for (const c of checks) if (c.result === result && (!best || stepRank(c.id) < stepRank(best.id))) best = c;
    return best;
  };
  const failed = decisive("failed");
  if (failed) return { indication: "TOTAL-FAILED", subIndication: failed.subIndication };
  const ind = decisive("indeterminate");
  if (ind) return { indication: "INDETERMINATE", subIndication: ind.subIndication };
  return { indication: "TOTAL-PASSED" };
}

export interface Ctx {
  opts: ValidateOptions;
  at: Date;
  pool: Cert[];
  crls: Crl[];
  ocsps: BasicOcsp[];
  /** All CRLs known, for OCSP responder certificates (not bound by the signer's revocation references). */
  allCrls?: Crl[];
  /** Live requests (fetch) that gave nothing usable, each with its URL: named in the reasons they explain. */
  fetchFailures?: FetchFailure[];
  /** The revocation data was named by the signature's own references: any of it being invalid is a failure. */
  bound?: boolean;
  /**
   * The earliest time an archive time-stamp of the signature proves its long-term data existed: a CRL or OCSP
   * response current then stays good evidence after its nextUpdate (EN 319 102-1 §5.6.2: freshness is judged
   * at the proof-of-existence time, not at the validation time).
   */
  archivePoe?: Date;
}

const systemNow = (): Date => new Date();

export function newCtx(opts: ValidateOptions): Ctx {
  return {
    opts,
    at: opts.at ?? (opts.now ?? systemNow)(),
    pool: [...(opts.extraCerts ?? []), ...opts.anchors],
    crls: opts.extraCrls ?? [],
    ocsps: opts.extraOcsps ?? [],
  };
}

/**
 * Without an explicit validation time, "now" is read again after live revocation data was fetched: a CRL or OCSP
 * response a ticking service issued during the fetch is then not "from the future" (thisUpdate > now → TRY_LATER).
 */
export function nowAfterFetch(ctx: Ctx): void {
  if (!ctx.opts.at) ctx.at = (ctx.opts.now ?? systemNow)();
}
