// The http driver: a server application's API (driver.kind: http). uyum starts it as the profile says (given the
// campaign's card and PKI, like the web driver), then
//  - signs through the whole-document flow of a server that holds the card itself (sign: the document and the
//    signer's PIN in one request, masked in every exchange stored; the server logs in and signs, so its card
//    handling is judged like a CLI's), or
//  - through the hash-only three-step flow: prepare (the document and the card's certificate go to the
//    server) → the card signs what the server prepared, with uyum in the part of the signer's local signing tool
//    (PKCS#11 on the interposed module: the key never leaves the card, the PIN goes to C_Login only and never into
//    a request) → finalize (the signature value goes back, the signature file comes out);
//  - verifies through the verify endpoint, the answer mapped to a verdict by the profile's rules (status code,
//    a JSON field, a pattern: verdict-rules.ts, shared with the cli driver).
// Every exchange is kept as evidence (long base64 strings as their length and SHA-256). No connection, no answer
// in time, a 5xx or garbage is a result naming the problem, never an exception: the campaign goes on.
import { PROJECT_ROOT } from "../core/paths.ts";
import type { AppProfile } from "../profile/types.ts";
import { makePdf } from "../vectors/documents.ts";
import { CardRefusal, certificateFromCard, signOnCard, CARD_HASHES, type CardHash } from "./card-signer.ts";
import { wrongPinFor } from "./cli-face.ts";
import type { CommandRun } from "./cli.ts";
import type { ApplicationFaces, DriverEnv, SignAttempt, SigningFace, VerifyAttempt, VerifyingFace } from "./face.ts";
import { exchangeLog, fillRequest, send, type HttpExchange, type HttpVars } from "./http-request.ts";
import { tellsTime, type HttpSettings } from "./http-settings.ts";
import { firstVerdict, jsonAt } from "./verdict-rules.ts";
import { startApp, type RunningApp } from "./web/app-process.ts";
import { fillStart } from "./web/settings.ts";

const MIME: Record<string, string> = {
  pdf: "application/pdf",
  xml: "application/xml",
  txt: "text/plain",
  html: "text/html",
  htm: "text/html",
  zip: "application/vnd.eyp+zip",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};
const b64 = (b: Uint8Array) => Buffer.from(b).toString("base64");

/** A run as the sessions record it: the exchanges on stdout, what went wrong on stderr. */
function runOf(
  first: string,
  log: (HttpExchange | string)[],
  o: { ok: boolean; problem?: string; timedOut?: boolean; answered: boolean; ms: number },
): CommandRun {
  return {
    argv: [first],
    exitCode: o.ok ? 0 : o.answered ? 1 : null,
    signal: null,
    timedOut: o.timedOut === true,
    ...(!o.answered && !o.timedOut ? { spawnError: o.problem ?? "no answer" } : {}),
    stdout: exchangeLog(log),
    stderr: o.problem ?? "",
    ms: o.ms,
    http: true,
  };
}

/** The refusal the server gave, in its words: error.code/error.message or message, else the body. */
function refusalOf(a: { status?: number; text: string; json?: unknown }, what: string): string {
  const code = jsonAt(a.json, "error.code") ?? jsonAt(a.json, "code");
  const message = jsonAt(a.json, "error.message") ?? jsonAt(a.json, "message") ?? jsonAt(a.json, "error");
  const words = message !== undefined ? String(message) : a.text.slice(0, 500);
  return `${what} answered ${a.status}${code !== undefined ? ` ${String(code)}` : ""}: ${words}`;
}

export function httpSigningFace(o: { settings: HttpSettings; base: string; env: DriverEnv }): SigningFace {
  const { settings, env } = o;
  const wrongPin = wrongPinFor(env.pin);
  return {
    kinds: () => settings.kinds.map((k) => ({ format: k.format, level: k.level })),
    async sign(kind, document, name, so = {}): Promise<SignAttempt> {
      const t0 = performance.now();
      const k = settings.kinds.find((x) => x.format === kind.format && x.level === kind.level)!;
      // a PDF signature needs a PDF: a text document is set on a page, as an assessor would print it to PDF
      let ext = so.ext ?? (kind.format === "PAdES" ? "pdf" : "txt");
      let doc = document;
      if (kind.format === "PAdES" && !Buffer.from(document.subarray(0, 5)).toString("latin1").startsWith("%PDF")) {
        doc = makePdf(new TextDecoder().decode(document).split("\n").filter(Boolean), name);
        ext = "pdf";
      }
      const log: (HttpExchange | string)[] = [];
      const first = settings.sign ?? settings.prepare!;
      const done = (a: { output?: Uint8Array; problem?: string; timedOut?: boolean; answered: boolean }) => ({
        ...kind,
        document: doc,
        ...(a.output ? { output: a.output } : {}),
        outputExt: k.output,
        run: runOf(`${first.method} ${o.base}${first.path}`, log, {
          ...a,
          ok: a.output !== undefined,
          ms: Math.round(performance.now() - t0),
        }),
      });
      const key = so.key === undefined ? env.card.keys[0] : env.card.keys.find((x) => x.label === so.key);
      if (!key)
        throw new Error(
          `http driver: no key ${so.key ?? ""} on the card (has ${env.card.keys.map((x) => x.label).join(", ")})`,
        );
      // whole-document: the server reads its card itself (uyum touching it would put uyum's calls in the trace)
      let cert: Uint8Array | undefined;
      if (!settings.sign)
        try {
          cert = certificateFromCard(env.card, key);
        } catch (err) {
          log.push(`uyum (local signer) card: ${(err as Error).message}`);
          return done({
            problem: `uyum (the local signer) could not read the card: ${(err as Error).message}`,
            answered: true,
          });
        }
      if (cert) log.push(`uyum (local signer) card: certificate ${key.label} read (${cert.length} bytes)`);
      const vars: HttpVars = {
        documentBase64: b64(doc),
        mimeType: MIME[ext] ?? "application/octet-stream",
        fileName: `${name}.${ext}`,
        format: kind.format,
        level: kind.level,
        kind: k.kind,
        certificateBase64: cert ? b64(cert) : undefined,
        keyLabel: key.label,
      };
      const step = async (t: NonNullable<HttpSettings["prepare"]>, v: HttpVars, what: string) => {
        let req;
        try {
          req = fillRequest(o.base, t, v);
        } catch (err) {
          return { problem: `${what}: the profile's template: ${(err as Error).message}`, answered: false as const };
        }
        const a = await send(req, {
          timeoutMs: (t.timeoutSeconds ?? settings.timeoutSeconds) * 1000,
          wantJson: true,
          // the whole-document request carries a PIN: masked in the stored exchange and in the answer read
          secrets: v.pin ? [v.pin] : [],
        });
        log.push(a.exchange);
        if (a.problem) return { problem: a.problem, timedOut: a.timedOut, answered: a.status !== undefined };
        if (a.status! >= 300) return { problem: refusalOf(a, what), answered: true as const };
        return { json: a.json };
      };
      if (settings.sign) {
        // whole-document: the server signs on its own card, logging in with the signer's PIN sent with the document
        const signed = await step(settings.sign, { ...vars, pin: so.pin === "wrong" ? wrongPin : env.pin }, "sign");
        if (!("json" in signed)) return done(signed);
        const out = jsonAt(signed.json, settings.sign.output);
        if (typeof out !== "string" || !out)
          return done({ problem: `sign's answer has no base64 signature at ${settings.sign.output}`, answered: true });
        return done({ output: new Uint8Array(Buffer.from(out, "base64")), answered: true });
      }
      const prepared = await step(settings.prepare!, vars, "prepare");
      if (!("json" in prepared)) return done(prepared);
      const c = settings.signOnCard!;
      const input = jsonAt(prepared.json, c.input);
      const hashName = c.hashAlgorithm ?? jsonAt(prepared.json, c.hash!);
      if (typeof input !== "string" || !/^[A-Za-z0-9+/=\s]+$/.test(input))
        return done({ problem: `prepare's answer has no base64 data to sign at ${c.input}`, answered: true });
      if (!CARD_HASHES.includes(hashName as CardHash))
        return done({
          problem: `prepare's answer names no hash the card can use at ${c.hash} (${JSON.stringify(hashName)}; one of ${CARD_HASHES.join(", ")})`,
          answered: true,
        });
      const tbs = new Uint8Array(Buffer.from(input, "base64"));
      let value: Uint8Array;
      try {
        value = signOnCard(env.card, key, so.pin === "wrong" ? wrongPin : env.pin, tbs, hashName as CardHash, {
          prehashed: c.prehashed,
        });
      } catch (err) {
        const m = err instanceof CardRefusal ? err.message : `card: ${(err as Error).message}`;
        log.push(`uyum (local signer) card: ${m}`);
        // uyum, the local signer, stops here as a signing tool would: nothing goes to finalize
        return done({ problem: `uyum (the local signer): ${m}`, answered: true });
      }
      log.push(
        `uyum (local signer) card: ${key.label} signed ${tbs.length} bytes (${hashName}) → ${value.length}-byte signature value`,
      );
      // prepare's answer lends its fields to finalize ({id}), under the driver's own names
      const fromPrepare: HttpVars = {};
      const flatten = (v: unknown, path: string) => {
        if (v !== null && typeof v === "object")
          for (const [kk, x] of Object.entries(v)) flatten(x, path ? `${path}.${kk}` : kk);
        else if (path && v !== undefined && v !== null) fromPrepare[path] = String(v);
      };
      flatten(prepared.json, "");
      const finalized = await step(
        settings.finalize!,
        { ...fromPrepare, ...vars, signatureValueBase64: b64(value) },
        "finalize",
      );
      if (!("json" in finalized)) return done(finalized);
      const out = jsonAt(finalized.json, settings.finalize!.output);
      if (typeof out !== "string" || !out)
        return done({
          problem: `finalize's answer has no base64 signature at ${settings.finalize!.output}`,
          answered: true,
        });
      return done({ output: new Uint8Array(Buffer.from(out, "base64")), answered: true });
    },
  };
}

export function httpVerifyingFace(o: { settings: HttpSettings; base: string; env: DriverEnv }): VerifyingFace {
  const t = o.settings.verify!;
  return {
    tellsTime: tellsTime(t),
    async verify(signature, v): Promise<VerifyAttempt> {
      const t0 = performance.now();
      const vars: HttpVars = {
        signatureBase64: b64(signature.bytes),
        detachedBase64: v.detached ? b64(v.detached) : undefined,
        fileName: `${v.name}.${signature.ext}`,
        at: v.at.toISOString(),
        atUnix: String(Math.floor(v.at.getTime() / 1000)),
        trustAnchorsPem: v.pki?.anchorsPem ?? o.env.rootPem,
        pkiBaseUrl: v.pki?.baseUrl ?? o.env.pkiBaseUrl,
      };
      let req;
      try {
        req = fillRequest(o.base, t, vars);
      } catch (err) {
        return { verdict: "no-answer", text: "", ended: `not sent: ${(err as Error).message}` };
      }
      const a = await send(req, { timeoutMs: (t.timeoutSeconds ?? o.settings.timeoutSeconds) * 1000, wantJson: false });
      const run = runOf(`${t.method} ${req.url}`, [a.exchange], {
        ok: !a.problem,
        problem: a.problem,
        timedOut: a.timedOut,
        answered: a.status !== undefined,
        ms: Math.round(performance.now() - t0),
      });
      const text = a.text.trim();
      // a server error, no answer or a crash is not a verdict
      if (a.problem) return { verdict: "no-answer", text, ended: a.problem, run };
      const verdict = firstVerdict(t.verdicts, { status: a.status, text, json: a.json });
      if (!verdict)
        return {
          verdict: "no-answer",
          text,
          ended: `its answer (${a.status}) matches none of the profile's verdict rules: ${text.slice(0, 200)}`,
          run,
        };
      return { verdict, text, run };
    },
  };
}

/** Starts the application (when the profile says how) and offers the faces its settings describe. */
export async function openHttpApplication(
  profile: AppProfile,
  settings: HttpSettings,
  env: DriverEnv,
): Promise<ApplicationFaces> {
  let app: RunningApp | undefined;
  let base = settings.url ?? "";
  if (settings.start) {
    const argv = fillStart(settings.start, {
      card: env.card.dir,
      module: env.card.module,
      tokenLabel: env.card.tokenLabel,
      pkiDir: env.pkiDir,
      pkiBaseUrl: env.pkiBaseUrl,
    });
    app = await startApp(argv, {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...env.card.env },
      timeoutMs: settings.startTimeoutSeconds * 1000,
    });
    const u = app.urls[settings.urlKey];
    if (typeof u !== "string" || !/^https?:\/\//.test(u)) {
      await app.stop();
      throw new Error(
        `${profile.file}: the application printed no URL under "${settings.urlKey}" (driver.settings.url); it printed ${JSON.stringify(app.urls).slice(0, 300)}`,
      );
    }
    base = u;
  }
  const faceOptions = { settings, base, env };
  return {
    driver: "http",
    ...(settings.prepare || settings.sign ? { signing: httpSigningFace(faceOptions) } : {}),
    ...(settings.verify ? { verifying: httpVerifyingFace(faceOptions) } : {}),
    async close() {
      await app?.stop();
    },
  };
}

/**
 * Items the http driver cannot judge in the hash-only three-step flow: how the card is handled (PIN entry and its refusals, login per signature,
 * the certificate read from the card, a card pulled mid-signing). With a server API uyum itself is the signer's
 * local tool that talks to the card, so a mark there would grade uyum, not the application.
 */
export const HTTP_CARD_SIDE_ITEMS: ReadonlySet<string> = new Set([
  "4.1-4",
  "4.1-6",
  "7.1-3",
  "7.3-1",
  "7.5-1",
  "7.5-2",
]);

export const HTTP_CARD_SIDE_REASON = {
  tr: "Kartla konuşan, sunucu API'sinin değil imza sahibinin yerel imzalama aracının işidir; http sürücüsünde bu aracı uyum'un kendisi oynar (sunucu karta hiç dokunmaz), bu yüzden buradaki bir işaret uygulamayı değil uyum'u değerlendirirdi. Uygulamayla birlikte kullanılan yerel imzalayıcı ayrıca değerlendirilir.",
  en: "Talking to the card is the job of the signer's local signing tool, not of the server API; with the http driver uyum itself plays that tool (the server never touches the card), so a mark here would grade uyum, not the application. The local signer used with the application is assessed on its own.",
};
