// `uyum report DIR` wiring: the signing material from the options (card, PKCS#11 module or PKCS#12; the PIN from
// a file descriptor or the environment, never argv), the TSA, then buildReport; prints where everything went.
import { resolve } from "node:path";
import { type CardInfo, loadCard } from "../card/index.ts";
import { loadChecklist } from "../checklist/load.ts";
import { UserError } from "../core/errors.ts";
import { buildReport } from "./report.ts";
import {
  collectLtv,
  p12Signing,
  secretFromFdOrEnv,
  signReport,
  SigningError,
  type SignWith,
  withCardSigner,
} from "./sign-report.ts";

function signingFrom(o: Record<string, unknown>): SignWith | undefined {
  const pinFd = o.pinFd as string | undefined;
  if (o.p12) {
    const password = secretFromFdOrEnv(pinFd, "UYUM_P12_PASSWORD") ?? secretFromFdOrEnv(undefined);
    if (password === undefined)
      throw new UserError("--p12: give its password on a file descriptor (--pin-fd N) or in $UYUM_P12_PASSWORD");
    const s = p12Signing(String(o.p12), password);
    return (fn) => fn(s);
  }
  let card: CardInfo | undefined;
  if (o.card) card = loadCard(resolve(String(o.card)));
  else if (o.module) {
    if (!o.key) throw new UserError("--module: give --key, the signing key's label");
    card = {
      version: 1,
      kind: "vendor",
      dir: String(o.module),
      tokenLabel: String(o.token ?? ""),
      pinMaxTries: 3,
      module: String(o.module),
      realModule: String(o.module),
      env: {},
      keys: [],
      chain: [],
      opensslConf: "",
      tokens: [{ label: String(o.token ?? ""), keys: [], chain: [] }],
    };
  }
  if (!card) return undefined;
  const pin = secretFromFdOrEnv(pinFd) ?? (card.kind === "softhsm" ? card.pin : undefined);
  if (pin === undefined)
    throw new UserError("the card's PIN: give it on a file descriptor (--pin-fd N) or in $UYUM_PIN");
  const c = card;
  return (fn) => withCardSigner(c, o.key as string | undefined, pin, fn);
}

export async function runReportCommand(dir: string, o: Record<string, unknown>): Promise<number> {
  const checklist = loadChecklist();
  let signWith: SignWith | undefined;
  try {
    signWith = o.sign === false ? undefined : signingFrom(o);
  } catch (e) {
    if (e instanceof SigningError) throw new UserError(e.message);
    throw e;
  }
  if (o.sign !== false && !signWith)
    throw new UserError("sign the report: give --card, --module or --p12 (or --no-sign for an unsigned draft)");
  const tsaUrl =
    (o.tsa as string | undefined) ?? (o.pkiUrl ? `${String(o.pkiUrl).replace(/\/$/, "")}/tsa/tsa1` : undefined);
  let level = "unsigned draft";
  let sign: ((pdf: Uint8Array) => Promise<Uint8Array>) | undefined;
  if (signWith) {
    // the card is opened (and the PIN tried) before the long rendering, so a wrong PIN fails at once
    let certs: Uint8Array[];
    try {
      certs = signWith((s) => s.certificates);
    } catch (e) {
      if (e instanceof SigningError) throw new UserError(e.message);
      throw e;
    }
    // a test PKI served elsewhere than its certificates say (uyum pki serve --port 0): fetch from where it runs
    const pkiUrl = o.pkiUrl ? new URL(String(o.pkiUrl)).origin : undefined;
    const ltv = await collectLtv(certs, pkiUrl ? { rewrite: { from: "", to: pkiUrl } } : {});
    level = !tsaUrl ? "PAdES B-B (no --tsa)" : ltv.crls.length ? "PAdES B-LT" : "PAdES B-T (revocation unreachable)";
    const sw = signWith;
    sign = (pdf) => signReport(pdf, sw, { signingTime: new Date(), tsaUrl, ltv });
  }
  try {
    const r = await buildReport(dir, checklist, {
      lang: o.lang as "tr" | "en",
      outDir: o.out as string | undefined,
      sign,
    });
    process.stdout.write(
      `report: ${r.pdf} (${level}; ${r.items} items)\nhtml: ${r.html}\ntwins beside it and attached: sonuclar.json, junit.xml${r.digest ? `, yazilim.sha256.txt (software digest ${r.digest})` : " (no software hash values: the campaign and its profile name no software files)"}\n` +
        `render ${r.timings.renderMs.toFixed(0)} ms, sign ${r.timings.signMs.toFixed(0)} ms\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof SigningError) throw new UserError(e.message);
    throw e;
  }
}
