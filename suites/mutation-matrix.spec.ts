// The mutation matrix of the web face: `uyum run` on the reference application (driver.kind: web, its page and
// its agent's window in Chromium) marks no item ✗, and on each flawed variant the web face reaches it marks ✗
// (or a suggested ✗) at least one of the items flaws.yaml says the flaw breaks. A ✗ on an item the flaw does
// not list must be one this file explains. The matrix (flaw × item) is printed and kept in
// .tmp/mutation-matrix.{md,json}. One campaign takes about 80 s here (2 CPUs): UYUM_MATRIX_FLAWS=a,b limits
// the variants run (add "reference" for the good application), keeping earlier rows in the matrix.
import { test, expect } from "@playwright/test";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

// not serial: a variant that fails does not keep the others from running (workers: 1 runs them one by one)
// 600 s: a row is about 2 min, but a variant whose agent never gives up (no-idle-timeout) makes each wrong-PIN and
// idle attempt wait out the page object's step timeouts (30 s each): 5 min and more
test.describe.configure({ timeout: 600_000 });

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, ".tmp", "mutation-matrix");
const FLAWS = (
  parse(readFileSync(join(ROOT, "examples", "apps", "ornek-imzaci", "flaws.yaml"), "utf8")) as {
    flaws: { id: string; breaks: string[] }[];
  }
).flaws;

/** Flaws the web face does not reach, and why: their items are proven by other sessions or faces. */
const NOT_REACHED: Record<string, string> = {
  "pin-logged": "the agent's log file is not on any screen (D-4, D-8 are declarations)",
  "no-dynamic-warning": "needs a document with scripts: the bad-documents sessions",
  "no-format-warning": "needs a damaged document: the bad-documents sessions",
  "no-whole-warning":
    "needs a document the window cannot show whole: the bad-documents session through the web face (web-campaign.test.ts)",
  "empty-document-signed": "needs an empty document: the bad-documents session (provoking.test.ts)",
  "attribute-markup": "needs a file name with markup: the bad-documents session (provoking.test.ts)",
  "no-revocation-check": "needs a revoked certificate on the card: the signing-side certificate sessions",
  "expired-cert": "needs an expired certificate on the card: the signing-side certificate sessions",
  "non-qualified-cert": "needs a non-qualified certificate on the card: the signing-side certificate sessions",
  "revoked-cert": "needs a revoked certificate on the card: the signing-side certificate sessions",
  "ocsp-response-unchecked":
    "needs certificates with bad OCSP answers on the card: the signing-side certificate sessions (campaign.test.ts)",
  "pin-locked-retry": "needs wrong PINs until locked: the wrong-PIN sessions",
  "no-wrong-pin-message": "needs a wrong PIN: the wrong-PIN sessions",
  "card-removed-silent": "needs the card pulled mid-signing: the card-removed session",
  "verify-revoked-valid": "a verifier flaw: the verify-vectors session",
  "verify-ignores-digest": "a verifier flaw: the verify-vectors session",
  "verify-ignores-expiry": "a verifier flaw: the verify-vectors session",
  "verify-untrusted-root": "a verifier flaw: the verify-vectors session",
  "verify-page-terse":
    "the verification page's screens: the verify-screens session (harness/sessions/verify-screens.test.ts); here each row would run it (about a minute)",
  "verify-valid-without-revocation":
    "a verifier flaw: the verify-degraded session (harness/sessions/verify-degraded.test.ts)",
  "upgrade-without-revocation-values":
    "a command on an existing signature: the cli face's upgrade session (campaign.test.ts, long-term.test.ts)",
  "countersign-wrong-digest":
    "a command on an existing signature: the cli face's add-signatures session (campaign.test.ts, long-term.test.ts)",
  "upgrade-in-grace":
    "a command on an existing signature, P3 before the grace period: long-term.test.ts and the upgrade-grace session (campaign.test.ts)",
  "verify-skips-grace-period":
    "a verifier flaw (a P2 signature called valid inside its grace period): the verify-vectors session (verify-matrix.test.ts)",
  "verify-ignores-policy-hash":
    "a verifier flaw (a SHA-1 policy hash taken): the verify-vectors session (verify-matrix.test.ts)",
  "signer-role-hidden":
    "a verifier flaw (the claimed role not shown): the verify-vectors session (verify-matrix.test.ts); here each row would run it (about ten minutes)",
  "pin-stored": "a flaw of the command line (a PIN file in its working directory): campaign.test.ts, 7.1-1",
  "first-token-always": "a flaw of the command line (--token ignored): campaign.test.ts, 7.2-1",
  "pin-change-noop": "a flaw of the command line's change-pin: campaign.test.ts, 4.4-3",
  "cert-cache-stale":
    "a flaw of the command line (a certificate file in its working directory): campaign.test.ts, 7.3-3",
};

/** ✗ marks a variant may show beyond its listed items, each with why. */
const ALSO_FAILS: Record<string, Record<string, string>> = {
  "no-cancel": { "4.4-2": "listed", "4.2-1": "listed" },
  "pin-cached": {
    "7.1-3": "one login signs the sign-several documents while the profile declares a PIN per signature",
  },
  "pin-in-page": {
    "4.1-3":
      "the page asks the PIN, not the window beside the certificate and the qualified-signature warning (suggested ✗)",
    "7.1-2":
      "the agent's window asks for no PIN (suggested ?, not ✗) — listed here in case an adapter reads the page's field",
  },
  "no-signing-time": { "3-4": "listed" },
  "no-signing-certificate": {
    "5-3":
      "a CMS signature without a signing-certificate attribute is not CAdES-BES: not the format and level asked for",
  },
  "preview-mismatch": { "4.4-1": "the preview is right but the bytes signed differ: only 1.1-1 should fail" },
};

const only = process.env.UYUM_MATRIX_FLAWS?.split(",").filter(Boolean);
const variants = [
  ...(!only || only.includes("reference") ? [undefined] : []),
  ...FLAWS.map((f) => f.id).filter((id) => !(id in NOT_REACHED) && (!only || only.includes(id))),
];

/**
 * The items the web face's flaws are about (their listed items and the explained extra ones): every campaign of
 * the matrix assesses these (`uyum run --only`), so each row runs the same sessions (signing and the screen
 * sessions) and a ✗ outside a flaw's own items is seen on every row; the sessions other faces prove (signing-side
 * certificates, wrong PINs, verify-vectors, …) are left to their own tests.
 */
const WEB_ITEMS = [
  ...new Set([
    ...FLAWS.filter((f) => !(f.id in NOT_REACHED)).flatMap((f) => f.breaks),
    ...Object.values(ALSO_FAILS).flatMap((m) => Object.keys(m)),
  ]),
].sort();

/**
 * The reference row assesses the whole creation side (sections 1–10, every session: signing-side certificates,
 * bad documents, wrong PINs, …) besides the web items, so "no item ✗ on the reference application" holds for all
 * of it through the web face, not only for the items the flaw rows need.
 */
const CREATION_SECTIONS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"];

interface Row {
  flaw: string;
  ms: number;
  failed: string[];
  suggestedFailed: string[];
}

function campaign(flaw?: string): Promise<Row & { out: string }> {
  const dir = mkdtempSync(join(tmpdir(), "uyum-matrix-"));
  const t0 = Date.now();
  return new Promise((ok) => {
    const env = { ...process.env };
    if (flaw) env.ORNEK_IMZACI_FLAW = flaw;
    else delete env.ORNEK_IMZACI_FLAW;
    const p = spawn(
      process.execPath,
      [
        join(ROOT, "bin", "uyum.js"),
        "run",
        "--app",
        "examples/profiles/ornek-imzaci.yaml",
        "--out",
        join(dir, "c"),
        "--only",
        (flaw ? WEB_ITEMS : [...CREATION_SECTIONS, ...WEB_ITEMS]).join(","),
      ],
      { cwd: ROOT, env },
    );
    let out = "";
    p.stdout.on("data", (c: Buffer) => (out += c.toString()));
    p.stderr.on("data", (c: Buffer) => (out += c.toString()));
    p.on("close", () => {
      let findings: { item: string; mark: string; suggested?: boolean }[] = [];
      try {
        findings = readFileSync(join(dir, "c", "results.jsonl"), "utf8")
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l) as { item: string; mark: string; suggested?: boolean });
      } catch {
        /* no results: the output says why */
      }
      rmSync(dir, { recursive: true, force: true });
      const fails = findings.filter((f) => f.mark === "fail");
      ok({
        flaw: flaw ?? "(reference)",
        ms: Date.now() - t0,
        failed: fails.filter((f) => !f.suggested).map((f) => f.item),
        suggestedFailed: fails.filter((f) => f.suggested).map((f) => f.item),
        out,
      });
    });
  });
}

function writeMatrix(): void {
  const rows = readdirSync(OUT)
    .filter((f) => f.endsWith(".row.json"))
    .map((f) => JSON.parse(readFileSync(join(OUT, f), "utf8")) as Row);
  const items = [...new Set(rows.flatMap((r) => [...r.failed, ...r.suggestedFailed]))].sort();
  const listed = (flaw: string) => FLAWS.find((f) => f.id === flaw)?.breaks ?? [];
  const cell = (r: Row, i: string) =>
    r.failed.includes(i)
      ? listed(r.flaw).includes(i)
        ? "✗"
        : "✗!"
      : r.suggestedFailed.includes(i)
        ? listed(r.flaw).includes(i)
          ? "(✗)"
          : "(✗)!"
        : "";
  const md = [
    `| flaw | s | ${items.join(" | ")} |`,
    `| --- | --: | ${items.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.flaw} | ${Math.round(r.ms / 1000)} | ${items.map((i) => cell(r, i)).join(" | ")} |`),
    "",
    "✗ fail, (✗) suggested fail, ! on an item the flaw does not list (explained in ALSO_FAILS).",
    ...Object.entries(NOT_REACHED).map(([f, why]) => `not reached by the web face: ${f} — ${why}`),
  ].join("\n");
  writeFileSync(join(OUT, "..", "mutation-matrix.md"), md + "\n");
  writeFileSync(join(OUT, "..", "mutation-matrix.json"), JSON.stringify({ rows, notReached: NOT_REACHED }, null, 2));
  console.log(md);
}

// each variant's row is its own file, rewritten when it runs: a run limited by UYUM_MATRIX_FLAWS (or a worker
// restarted after a failure) adds to the rows already there; every row says when it was made
test.beforeAll(() => mkdirSync(OUT, { recursive: true }));
test.afterAll(() => writeMatrix());

for (const flaw of variants)
  test(flaw ? `variant ${flaw}: ✗ on an item it breaks` : "the reference application: no item ✗", async () => {
    const r = await campaign(flaw);
    writeFileSync(
      join(OUT, `${flaw ?? "_reference"}.row.json`),
      JSON.stringify({ ...r, out: undefined, at: new Date().toISOString() }),
    );
    const all = [...r.failed, ...r.suggestedFailed];
    if (!flaw) {
      expect(all, r.out.slice(-3000)).toEqual([]);
      return;
    }
    const breaks = FLAWS.find((f) => f.id === flaw)!.breaks;
    expect(
      all.filter((i) => breaks.includes(i)),
      r.out.slice(-3000),
    ).not.toEqual([]);
    const unexplained = all.filter((i) => !breaks.includes(i) && !(i in (ALSO_FAILS[flaw] ?? {})));
    expect(unexplained, `✗ on items ${flaw} does not list:\n${r.out.slice(-3000)}`).toEqual([]);
  });
