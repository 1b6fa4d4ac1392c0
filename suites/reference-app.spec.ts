// The reference application end to end, through Debian's Chromium: the EBYS page starts signing, the agent's
// own window shows the document, the certificate and the warning, takes the PIN; the signed PDF is
// TOTAL-PASSED by `uyum validate` with live revocation; the card saw one C_Login before the one C_Sign; no PIN
// in the agent's log, the card trace, the page's HTTP exchanges or any file written. Then two flawed variants
// seen in the browser: the PIN typed into the page and sent in its JSON body, and an unmasked PIN field.
import { test, expect, type Page } from "@playwright/test";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";

// each test starts the application (PKI build, card provisioning): more than the default minute on a busy machine
test.describe.configure({ timeout: 180_000 });

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const START = join(ROOT, "examples", "apps", "ornek-imzaci", "start.ts");

interface Started {
  ebys: string;
  verify: string;
  module: string;
  pkiDir: string;
  agent: string;
  agentWindow: string;
  pki: string;
  trust: string;
  card: string;
  signedDir: string;
  agentLog: string;
}

async function startApp(flaw?: string): Promise<{ app: Started; proc: ChildProcess; pin: string; dir: string }> {
  const proc = spawn(
    process.execPath,
    [join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), START, ...(flaw ? ["--flaw", flaw] : [])],
    {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let err = "";
  proc.stderr!.on("data", (c: Buffer) => (err += c.toString()));
  const line = await new Promise<string>((ok, fail) => {
    const rl = createInterface({ input: proc.stdout! });
    rl.once("line", ok);
    proc.once("exit", (code) => fail(new Error(`start.ts exited ${code}: ${err}`)));
  });
  const app = JSON.parse(line) as Started;
  const pin = (JSON.parse(readFileSync(join(app.card, "card.json"), "utf8")) as { pin: string }).pin;
  return { app, proc, pin, dir: resolve(app.card, "..") };
}

async function stopApp(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null) return;
  const gone = new Promise((ok) => proc.once("exit", ok));
  proc.kill("SIGTERM");
  await gone;
}

async function pkiNow(app: Started): Promise<string> {
  return ((await (await fetch(`${app.pki}/_admin/state`)).json()) as { now: string }).now;
}

/** In the agent's window: look at the document, choose the certificate labelled `label`. */
async function reviewAndChoose(win: Page, app: Started, label: string): Promise<void> {
  await expect(win.locator("#belge-onizleme")).toContainText("Resmi yazi 2026/14");
  await win.click("#devam");
  await expect(win.locator("input[name=sertifika]").first()).toBeVisible();
  const token = new URL(app.agentWindow).searchParams.get("t")!;
  const state = (await (
    await fetch(`${app.agent}/window/api/state`, { headers: { "x-window-token": token } })
  ).json()) as {
    request: { certificates: { id: string; label: string }[] };
  };
  const id = state.request.certificates.find((c) => c.label === label)!.id;
  await win.check(`input[name=sertifika][value="${id}"]`);
  await win.click("#sertifika-sec");
  await expect(win.locator("#sertifika-bilgi")).toBeVisible();
}

/** Every file under dir except the card's own record of its PINs (card.json) and the SoftHSM store. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === "card.json" || name === "tokens") continue;
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

test("the good application signs a PDF end to end: PAdES B-T, validated with live revocation, one login, no PIN anywhere", async ({
  browser,
}) => {
  const { app, proc, pin, dir } = await startApp();
  try {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const pageTraffic: string[] = [];
    page.on("request", (r) => pageTraffic.push(`${r.method()} ${r.url()}\n${r.postData() ?? ""}`));
    page.on("response", async (r) => pageTraffic.push(await r.text().catch(() => "")));
    await page.goto(app.ebys);
    await page.selectOption("#ornek", "resmi-yazi.pdf");
    await page.selectOption("#bicim", "pades-b-t");
    await page.click("#imzala");
    await expect(page.locator("#durum")).toHaveAttribute("data-code", "WAITING");

    const win = await ctx.newPage();
    await win.goto(app.agentWindow);
    await reviewAndChoose(win, app, "nes-rsa");
    await expect(win.locator("#tckn")).toHaveText(/^\d{11}$/);
    await expect(win.locator("#nitelikli-uyari")).toContainText("elle atılan imza");
    await expect(win.locator("#imza-zamani")).toHaveText(await pkiNow(app));
    await expect(win.locator("#pin")).toHaveAttribute("type", "password");
    await win.fill("#pin", pin);
    await win.click("#imzala");
    await expect(win.locator("#mesaj")).toHaveAttribute("data-code", "OK");

    await expect(page.locator("#durum")).toHaveAttribute("data-code", "OK", { timeout: 30_000 });
    const file = join(app.signedDir, (await page.locator("#sonuc").getAttribute("data-file"))!);
    const v = spawnSync(
      process.execPath,
      [join(ROOT, "bin", "uyum.js"), "validate", file, "--trust", app.trust, "--at", await pkiNow(app), "--json"],
      {
        encoding: "utf8",
      },
    );
    const report = JSON.parse(v.stdout) as
      { indication: string; level: string }[] | { indication: string; level: string };
    const r = Array.isArray(report) ? report[0]! : report;
    expect(r.indication, v.stdout.slice(0, 2000)).toBe("TOTAL-PASSED");
    expect(r.level).toBe("B-T");
    expect(v.status).toBe(0);
    // pdfsig agrees on the signature
    expect(spawnSync("pdfsig", [file], { encoding: "utf8" }).stdout).toMatch(/Signature is Valid/);

    const trace = readFileSync(join(app.card, "trace.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { fn: string; rv: string });
    const auth = trace.filter((e) => e.fn === "C_Login" || e.fn === "C_Sign").map((e) => `${e.fn}:${e.rv}`);
    expect(auth).toEqual(["C_Login:CKR_OK", "C_Sign:CKR_OK"]);

    for (const f of filesUnder(dir)) expect(readFileSync(f).includes(pin), f).toBe(false);
    expect(pageTraffic.length).toBeGreaterThan(3);
    for (const t of pageTraffic) expect(t.includes(pin), t.slice(0, 200)).toBe(false);
    await ctx.close();
  } finally {
    await stopApp(proc);
  }
});

test("flaw pin-in-page: the PIN typed into the EBYS page travels in the JSON body to the agent", async ({
  browser,
}) => {
  const { app, proc, pin } = await startApp("pin-in-page");
  try {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const bodies: string[] = [];
    page.on("request", (r) => {
      if (r.url().startsWith(app.agent) && r.method() === "POST") bodies.push(r.postData() ?? "");
    });
    await page.goto(app.ebys);
    await page.selectOption("#ornek", "resmi-yazi.pdf");
    await page.fill("#sayfa-pin", pin);
    await page.click("#imzala");
    await expect(page.locator("#durum")).toHaveAttribute("data-code", "WAITING");
    expect(bodies.some((b) => (JSON.parse(b) as { pin?: string }).pin === pin)).toBe(true);
    const win = await ctx.newPage();
    await win.goto(app.agentWindow);
    await reviewAndChoose(win, app, "nes-rsa");
    await expect(win.locator("#pin")).toHaveCount(0); // the agent never asks: it uses the page's PIN
    await win.click("#imzala");
    await expect(page.locator("#durum")).toHaveAttribute("data-code", "OK", { timeout: 30_000 });
    await ctx.close();
  } finally {
    await stopApp(proc);
  }
});

test("flaw pin-unmasked: the agent window's PIN field shows what is typed", async ({ browser }) => {
  const { app, proc } = await startApp("pin-unmasked");
  try {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(app.ebys);
    await page.selectOption("#ornek", "resmi-yazi.pdf");
    await page.click("#imzala");
    const win = await ctx.newPage();
    await win.goto(app.agentWindow);
    await reviewAndChoose(win, app, "nes-rsa");
    await expect(win.locator("#pin")).toHaveAttribute("type", "text");
    await win.fill("#pin", "12345678");
    expect(await win.inputValue("#pin")).toBe("12345678");
    await win.click("#iptal");
    await expect(page.locator("#durum")).toContainText("iptal", { timeout: 30_000 });
    await ctx.close();
  } finally {
    await stopApp(proc);
  }
});

test("the verification page: the good verifier calls a signature by a revoked certificate not valid, with the reason; the verify-revoked-valid variant calls it valid", async ({
  browser,
}) => {
  test.setTimeout(240_000); // two applications started one after the other
  for (const [flaw, expected] of [
    [undefined, /^(invalid|indeterminate)$/], // revoked before signing, no proof of existence: REVOKED_NO_POE
    ["verify-revoked-valid", /^valid$/],
  ] as const) {
    const { app, proc, pin, dir } = await startApp(flaw);
    try {
      // a CAdES-BES by the revoked certificate, made on the card with the CLI face and the flaw that skips the check
      const doc = join(ROOT, "examples", "apps", "ornek-imzaci", "samples", "not.txt");
      const sig = join(dir, "iptal.p7s");
      const env = {
        ...process.env,
        ...(JSON.parse(readFileSync(join(app.card, "card.json"), "utf8")) as { env: Record<string, string> }).env,
      };
      const s = spawnSync(
        join(ROOT, "examples", "apps", "ornek-imzaci", "bin", "ornek-imzaci"),
        [
          "sign",
          "--in",
          doc,
          "--out",
          sig,
          "--format",
          "cades-bes",
          "--module",
          app.module,
          "--pki",
          app.pkiDir,
          "--clock",
          "pki",
          "--cert",
          "nes-revoked-crl-before",
          "--flaw",
          "revoked-cert",
        ],
        { input: `${pin}\n`, encoding: "utf8", env },
      );
      expect(s.status, s.stderr).toBe(0);
      const page = await browser.newPage();
      await page.goto(app.verify);
      await page.setInputFiles("#imzali", sig);
      await page.click("#dogrula");
      await expect(page.locator("#karar")).toHaveAttribute("data-verdict", expected, { timeout: 30_000 });
      if (!flaw) await expect(page.locator("#neden")).toContainText(/revoked|iptal/i);
      await expect(page.locator("#imzaci")).toContainText("TEST");
      await page.close();
    } finally {
      await stopApp(proc);
    }
  }
});
