// The web driver: starts the application as its profile says (given the campaign's card and PKI), drives its
// page and its agent's own window in Debian's Chromium through the profile's page object, and records each
// step's screen and the pages' HTTP exchanges (PIN checked, then masked). It offers sessions the signing face
// (sign-once, sign-several run through the screen) and the screen face (what only a screen can show).
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { tsImport } from "tsx/esm/api";
import { PROJECT_ROOT } from "../../core/paths.ts";
import type { SignatureFormat, SignatureLevel } from "../../core/signature-forms.ts";
import type { AppProfile } from "../../profile/types.ts";
import { observeAgentExposure } from "../agent.ts";
import type { CommandRun } from "../cli.ts";
import { wrongPinFor } from "../cli-face.ts";
import type { ApplicationFaces, DriverEnv, SignAttempt, VerifyingFace } from "../face.ts";
import type { WebAdapter, WebKind } from "./adapter.ts";
import { startApp, type RunningApp } from "./app-process.ts";
import { ExchangeRecorder } from "./exchanges.ts";
import { fillStart, type WebSettings } from "./settings.ts";
import type { AtConfirm, ScreenFace, ScreenRun, ScreenStep, VerifyScreenRun } from "./types.ts";

export const CHROMIUM = process.env.UYUM_CHROMIUM ?? "/usr/bin/chromium";
const MIME: Record<string, string> = {
  pdf: "application/pdf",
  xml: "application/xml",
  txt: "text/plain",
  html: "text/html",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

export async function loadAdapter(path: string): Promise<WebAdapter> {
  const m = (await tsImport(path, import.meta.url)) as { default?: WebAdapter };
  const a = m.default;
  if (!a || typeof a.start !== "function" || !Array.isArray(a.kinds))
    throw new Error(`${path}: its default export is not a page object (kinds, start, openWindow, …)`);
  return a;
}

/** One step's screen: its text, and its picture unless the caller keeps none (a picture is most of a step's cost). */
async function snapshot(page: Page, step: string, from: ScreenStep["page"], picture = true): Promise<ScreenStep> {
  const text = await page.evaluate(() => document.body?.innerText ?? "").catch((e: Error) => `(${e.message})`);
  const screenshot = picture ? await page.screenshot({ fullPage: true }).catch(() => Buffer.alloc(0)) : Buffer.alloc(0);
  return { step, page: from, url: page.url(), text, screenshot: new Uint8Array(screenshot) };
}

/**
 * The context as the page object sees it when it opens the agent's window: its first newPage() is the window page
 * the last walk used (loaded afresh by the page object), so no new renderer is started. Everything else is the
 * context's own.
 */
function offering(context: BrowserContext, spare: Page | undefined): BrowserContext {
  let left = spare && !spare.isClosed() ? spare : undefined;
  return new Proxy(context, {
    get(target, key) {
      if (key === "newPage")
        return async () => {
          const p = left;
          left = undefined;
          return p ?? target.newPage();
        };
      const v = Reflect.get(target, key, target) as unknown;
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

function runOf(r: ScreenRun, argv: string[]): CommandRun {
  return {
    argv,
    exitCode: r.outcome.status === "signed" ? 0 : null,
    signal: null,
    timedOut: r.outcome.status === "no-answer",
    stdout: `${r.outcome.status}${r.outcome.code ? ` ${r.outcome.code}` : ""}: ${r.outcome.message}\n`,
    stderr: r.outcome.status === "signed" ? "" : r.outcome.message,
    ms: r.ms,
  };
}

export async function openWebApplication(
  profile: AppProfile,
  settings: WebSettings,
  env: DriverEnv,
): Promise<ApplicationFaces> {
  const adapter = await loadAdapter(settings.adapter);
  const argv = fillStart(settings.start, {
    card: env.card.dir,
    module: env.card.module,
    tokenLabel: env.card.tokenLabel,
    pkiDir: env.pkiDir,
    pkiBaseUrl: env.pkiBaseUrl,
    idleTimeoutMs: String(settings.idleTimeoutMs ?? ""),
  });
  const app: RunningApp = await startApp(argv, {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env.card.env },
    timeoutMs: settings.startTimeoutSeconds * 1000,
  });
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (e) {
    await app.stop();
    throw e;
  }
  const agentUrl = adapter.agentUrl?.(app.urls);
  let lastRaw: ExchangeRecorder["lastRaw"];

  const kindOf = (k: { format: SignatureFormat; level: SignatureLevel }): WebKind => {
    const w = adapter.kinds.find((x) => x.format === k.format && x.level === k.level);
    if (!w) throw new Error(`the page object offers no ${k.format} ${k.level}`);
    return w;
  };

  // one wrong PIN per face, as the cli face: a user who keeps typing the same mistake
  const wrongPin = wrongPinFor(env.pin);
  // the agent has one window and serves one signing at a time, as its user does: a session that asks for several
  // signings at once (signing-side) gets them one after the other, or one window would answer another's request
  let windowFree: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(f: () => Promise<T>): Promise<T> => {
    const turn = windowFree.then(f, f);
    windowFree = turn.catch(() => undefined);
    return turn;
  };
  // One browser context for the face's walks, whose application page and agent window go from one walk to the
  // next (each walk loads them afresh): a new page is a new renderer process, most of a short walk's cost here
  // (about 0.6 s and 1.2 s of CPU of a 3.5 s walk). Sessions run one walk at a time (oneAtATime).
  let kept: { context: BrowserContext; rec: ExchangeRecorder; windows: Page[]; app?: Page; win?: Page } | undefined;
  const keepContext = async () => {
    const context = await browser.newContext();
    const windows: Page[] = [];
    return { context, windows, rec: new ExchangeRecorder(context, env.pin, () => windows, agentUrl) };
  };
  const walkAlone = async (o: {
    kind: { format: SignatureFormat; level: SignatureLevel };
    document: Uint8Array;
    fileName: string;
    atConfirm: AtConfirm;
    /** a wrong PIN to type instead of the card's (the sessions that provoke the application) */
    wrongPin?: boolean;
    key?: { label: string; id: string };
    /** false: the steps' text only; the signing face's callers keep the outcome, never a step's picture */
    pictures?: false;
  }): Promise<ScreenRun> => {
    const t0 = Date.now();
    const snap = (p: Page, step: string, from: ScreenStep["page"]) => snapshot(p, step, from, o.pictures ?? true);
    const kind = kindOf(o.kind);
    const { context, rec, windows } = (kept ??= await keepContext());
    windows.length = 0;
    await rec.drain(); // what the kept pages asked between two walks is neither walk's
    const steps: ScreenStep[] = [];
    const run: ScreenRun = {
      kind: o.kind,
      document: o.document,
      fileName: o.fileName,
      atConfirm: o.atConfirm,
      steps,
      documentView: null,
      outcome: { status: "no-answer", message: "" },
      outputExt: kind.ext,
      exchanges: [],
      ms: 0,
    };
    const ext = o.fileName.split(".").pop() ?? "";
    let page: Page | undefined;
    let win: Page | undefined;
    try {
      page = kept.app = kept.app && !kept.app.isClosed() ? kept.app : await context.newPage();
      // a page behind another is a hidden tab: Chromium stops its animation frames, and the page object's waits
      // (polled on them) crawl; the page the user works in is the one in front
      await page.bringToFront();
      await page.goto(adapter.pageUrl(app.urls));
      await adapter.start(
        page,
        { bytes: o.document, fileName: o.fileName, mimeType: MIME[ext] ?? "application/octet-stream" },
        kind,
        o.wrongPin ? wrongPin : env.pin,
      );
      steps.push(await snap(page, "page-started", "app"));
      win = kept.win = await adapter.openWindow({ urls: app.urls, context: offering(context, kept.win) }, page);
      windows.push(win);
      await win.bringToFront();
      run.documentView = await adapter.documentStep(win);
      steps.push(await snap(win, "window-document", "agent-window"));
      if (run.documentView) await adapter.proceed(win);
      if (o.key) {
        // the list the window offers, kept as evidence of the choice
        steps.push(await snap(win, "window-certificate", "agent-window"));
        const answer = await adapter.chooseCertificate(win, o.key);
        const chose = answer === true;
        run.keyChoice = {
          key: o.key.label,
          offered: chose,
          how: chose
            ? `the agent's window listed the card's certificates; the page object chose ${o.key.label} (CKA_ID ${o.key.id})`
            : answer === false
              ? `the agent's window offered no certificate ${o.key.label} (CKA_ID ${o.key.id}) to choose`
              : `the profile's page object cannot choose a key (its chooseCertificate answered neither true nor false)`,
          ...(answer === undefined ? { driverLimit: true as const } : {}),
        };
        if (!chose) {
          await adapter.cancel(win).catch(() => false);
          run.outcome = { status: "failed", message: run.keyChoice.how };
          return run;
        }
      } else await adapter.chooseCertificate(win);
      run.confirmView = await adapter.confirmStep(win);
      steps.push(await snap(win, "window-confirm", "agent-window"));
      if (run.confirmView) {
        if (o.atConfirm === "cancel") run.cancelled = await adapter.cancel(win);
        else {
          if (o.atConfirm === "idle") {
            const wait = (settings.idleTimeoutMs ?? 0) + 3000;
            await win.waitForTimeout(wait);
            run.idledMs = wait;
            steps.push(await snap(win, "window-after-idle", "agent-window"));
          }
          await adapter.sign(win, o.wrongPin ? wrongPin : env.pin);
        }
      }
      const out = await adapter.outcome({ urls: app.urls, context }, page, win);
      run.outcome = { status: out.status, message: out.message, ...(out.code ? { code: out.code } : {}) };
      if (out.signature) run.signature = out.signature;
      steps.push(await snap(win, "window-result", "agent-window"));
      steps.push(await snap(page, "page-result", "app"));
      // the walk went through: its two pages serve the next one, any other page it opened is closed
      for (const other of context.pages()) if (other !== page && other !== win) await other.close().catch(() => {});
    } catch (e) {
      run.outcome = {
        status: "no-answer",
        message: `the web driver could not go on: ${(e as Error).message.split("\n")[0]}`,
      };
      // the driver lost its way: the next walk starts on new pages
      for (const any of context.pages()) await any.close().catch(() => {});
      kept.app = kept.win = undefined;
    } finally {
      run.exchanges = await rec.drain();
      if (rec.lastRaw) lastRaw = rec.lastRaw;
      run.ms = Date.now() - t0;
    }
    return run;
  };
  const walk = (o: Parameters<typeof walkAlone>[0]) => oneAtATime(() => walkAlone(o));

  const verifyPage = adapter.verifyPage;
  const idleVerifyPages: { context: BrowserContext; page: Page }[] = [];
  const verifyThroughPage = async (o: Parameters<NonNullable<ScreenFace["verifyThroughPage"]>>[0]) => {
    const t0 = Date.now();
    const run: VerifyScreenRun = {
      steps: [],
      verdict: "no-answer",
      text: "",
      took: { detached: false, time: false, trust: false },
      ms: 0,
    };
    // a verification page of the pool, or a new one: each in a context of its own (a window of its own, so each
    // can be in front while verify-vectors asks two at once); one that lost its way is closed, not reused
    const spare = idleVerifyPages.pop();
    const context = spare?.context ?? (await browser.newContext({ acceptDownloads: true }));
    let reusable = false;
    try {
      const page = spare?.page ?? (await context.newPage());
      await page.bringToFront();
      await page.goto(verifyPage!.url(app.urls));
      const r = await verifyPage!.verify(page, o);
      Object.assign(run, r);
      run.steps.push(await snapshot(page, "verify-result", "app"));
      const report = await verifyPage!.saveReport?.(page).catch(() => undefined);
      if (report) run.report = report;
      idleVerifyPages.push({ context, page });
      reusable = true;
    } catch (e) {
      run.error = `the web driver could not go on: ${(e as Error).message.split("\n")[0]}`;
    } finally {
      if (!reusable) await context.close().catch(() => {});
      run.ms = Date.now() - t0;
    }
    return run;
  };

  // the page as a verifying face (verify-vectors): the file, the detached document, the vector's time and roots
  const verifying: VerifyingFace | undefined = verifyPage?.asVerifier
    ? {
        tellsTime: verifyPage!.takesTime === true,
        ...(typeof verifyPage!.asVerifier === "object" ? { upTo: verifyPage!.asVerifier.upTo } : {}),
        async verify(signature, o) {
          const r = await verifyThroughPage({
            file: { name: `${o.name}.${signature.ext}`, bytes: signature.bytes },
            ...(o.detached ? { detached: { name: `${o.name}-belge`, bytes: o.detached } } : {}),
            ...(verifyPage!.takesTime ? { at: o.at } : {}),
            ...(o.pki ? { trustPem: o.pki.anchorsPem } : {}),
          });
          return { verdict: r.verdict, text: r.text || r.error || "", ...(r.error ? { ended: r.error } : {}) };
        },
      }
    : undefined;

  return {
    driver: "web",
    oneAtATime: true,
    ...(verifying ? { verifying } : {}),
    signing: {
      kinds: () => adapter.kinds.map((k) => ({ format: k.format, level: k.level })),
      async sign(kind, document, name, so = {}): Promise<SignAttempt> {
        const pdf = kind.format === "PAdES";
        const doc = pdf ? (adapter.samplePdf ?? document) : document;
        const key = so.key === undefined ? undefined : env.card.keys.find((k) => k.label === so.key);
        if (so.key !== undefined && !key)
          throw new Error(
            `web driver: no key ${so.key} on the card (has ${env.card.keys.map((k) => k.label).join(", ")})`,
          );
        const r = await walk({
          kind,
          document: doc,
          fileName: `${name}.${pdf ? "pdf" : (so.ext ?? "txt")}`,
          atConfirm: "sign",
          pictures: false,
          ...(so.pin === "wrong" ? { wrongPin: true } : {}),
          ...(key ? { key: { label: key.label, id: key.id } } : {}),
        });
        return {
          ...kind,
          document: doc,
          ...(r.signature ? { output: r.signature } : {}),
          outputExt: r.outputExt,
          run: runOf(r, ["web", adapter.pageUrl(app.urls)]),
          screen: r,
          ...(r.keyChoice ? { keyChoice: r.keyChoice } : {}),
        };
      },
    },
    screen: {
      kinds: () => adapter.kinds.map((k) => ({ format: k.format, level: k.level })),
      idleTimeoutMs: settings.idleTimeoutMs,
      signThroughWindow: walk,
      ...(verifyPage ? { verifyThroughPage } : {}),
      async agentExposure() {
        if (!agentUrl || !adapter.agentProbePath) return undefined;
        const exposure = await observeAgentExposure({ agentUrl, probePath: adapter.agentProbePath, replay: lastRaw });
        // a replay the agent took opens a signing request in its window: close it, so later sessions start clean
        if (exposure.replay && exposure.replay.replayStatus < 300) {
          const context = await browser.newContext();
          const page = await context.newPage();
          const win = await adapter.openWindow({ urls: app.urls, context }, page).catch(() => undefined);
          if (win) await adapter.cancel(win).catch(() => false);
          await context.close().catch(() => {});
        }
        return exposure;
      },
    },
    async close() {
      await browser.close().catch(() => {});
      await app.stop();
    },
  };
}
