// End to end, real parts only: the test PKI's live CRL/OCSP services on a free port, a SoftHSM2 card behind
// the uyum interposer provisioned from that PKI, openssl cms signing through libp11's pkcs11 engine, and the
// validator (library and CLI) fetching revocation from the services. Why: future probes chain exactly these
// parts (vendor app → card → validator while the PKI answers); this proves they compose as their READMEs say.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateBytes, parseCert, pemOrDer, type ValidationResult } from "../ades/index.ts";
import { provisionCard, type CardInfo } from "../card/index.ts";
import {
  authorisations,
  loginBeforeEachSign,
  pinPolicy,
  readTrace,
  traceMark,
  whichKeySigned,
  type TraceEvent,
} from "../card/trace.ts";
import {
  DEFAULT_PKI_CONFIG,
  loadPkiConfig,
  SettableClock,
  startPkiServices,
  writePki,
  type PkiJson,
  type Services,
} from "../pki/index.ts";

const REPO = join(import.meta.dirname, "..", "..");
const UYUM = join(REPO, "bin", "uyum.js");
const DOC_TEXT = "Bu belge, uçtan uca imza testi içindir: ğüşöçıİ — Türkçe metin.\n";
const GOOD = "nes-rsa";
/** the negative scenario: signer revoked in the CRL before the reference (signing) time; picked by tag from pki.json */
const REVOKED_TAG = "revoked-crl-before";

let root: string;
let pkiDir: string;
let svc: Services;
let card: CardInfo;
let revokedLabel: string;
let rootPem: string;
/** everything openssl and the CLI printed, for the PIN scan */
const outputs: { what: string; text: string }[] = [];
const signed: Record<string, { file: string; trace: TraceEvent[] }> = {};

function run(what: string, cmd: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(cmd, args, { env: { ...process.env, ...env }, encoding: "utf8", timeout: 30_000 });
  const ran = { code: r.status ?? -1, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
  outputs.push({ what, text: ran.stdout + ran.stderr });
  return ran;
}

/**
 * openssl cms CAdES-BES through the card: the key is addressed by its CKA_ID, the PIN comes from the environment.
 * -nodetach: openssl cms signs detached by default, and the CLI call under test (validate FILE) takes no --detached.
 */
function signOnCard(label: string, detached = false): { file: string; trace: TraceEvent[] } {
  const key = card.keys.find((k) => k.label === label);
  if (!key) throw new Error(`card has no key "${label}"`);
  const doc = join(root, "belge.txt");
  const out = join(root, `${label}${detached ? ".detached" : ""}.p7s`);
  const mark = traceMark(card.dir);
  const r = run(
    `openssl cms -sign ${label}`,
    "openssl",
    [
      "cms",
      "-sign",
      "-cades",
      "-binary",
      ...(detached ? [] : ["-nodetach"]),
      "-md",
      "sha256",
      "-in",
      doc,
      "-out",
      out,
      "-outform",
      "DER",
      "-signer",
      join(pkiDir, "certs", `${label}.pem`),
      "-certfile",
      join(pkiDir, "certs", "subroot.pem"),
      "-engine",
      "pkcs11",
      "-keyform",
      "engine",
      "-inkey",
      `pkcs11:token=${card.tokenLabel};id=%${key.id};type=private`,
      "-passin",
      "env:UYUM_E2E_PIN",
    ],
    { ...card.env, OPENSSL_CONF: card.opensslConf, UYUM_E2E_PIN: card.pin! },
  );
  expect(r.code, r.stderr).toBe(0);
  return { file: out, trace: readTrace(card.dir, mark) };
}

/** Like run, but asynchronous: the PKI services live in this process, so a blocking spawnSync would starve them. */
function runAsync(
  what: string,
  cmd: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], timeout: 30_000 });
    let stdout = "";
    let stderr = "";
    p.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    p.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    p.on("error", reject);
    p.on("close", (code) => {
      outputs.push({ what, text: stdout + stderr });
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

async function cliValidate(file: string, extra: string[] = []): Promise<{ code: number; result: ValidationResult }> {
  const r = await runAsync(`uyum validate ${file}`, process.execPath, [
    UYUM,
    "validate",
    file,
    "--trust",
    rootPem,
    "--json",
    "--at",
    svc.clock.now().toISOString(),
    "--fetch-timeout",
    "2000",
    ...extra,
  ]);
  expect(r.stderr).toBe("");
  return { code: r.code, result: JSON.parse(r.stdout) as ValidationResult };
}

const libOpts = () => ({
  anchors: [parseCert(pemOrDer(readFileSync(rootPem))[0]!)],
  at: svc.clock.now(),
  fetch: true,
  fetchTimeoutMs: 2000,
});
const revocationChecks = (r: ValidationResult) => r.checks.filter((c) => c.id === "revocation");

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "uyum-e2e-"));
  // openssl stamps the real time as signingTime, so the services' frozen clock is set to now: validation
  // happens at the services' clock, after the signing, as a verifier would.
  svc = await startPkiServices(loadPkiConfig(DEFAULT_PKI_CONFIG), { clock: new SettableClock(new Date()) });
  pkiDir = join(root, "pki");
  await writePki(svc.pki, pkiDir);
  const index = JSON.parse(readFileSync(join(pkiDir, "pki.json"), "utf8")) as PkiJson;
  const tagged = index.scenarios[REVOKED_TAG] ?? [];
  expect(tagged).toHaveLength(1);
  revokedLabel = tagged[0]!;
  rootPem = join(pkiDir, "certs", "root.pem");
  writeFileSync(join(root, "belge.txt"), DOC_TEXT);
  card = await provisionCard({ pkiDir, outDir: join(root, "card"), certLabels: [GOOD, revokedLabel] });
});

afterAll(async () => {
  await svc?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe("sign on the virtual card, validate with live revocation", () => {
  it("the parts line up: services at the certificates' URLs, the revoked scenario revoked before signing, both keys on the card", () => {
    expect(svc.urlsMatchCertificates).toBe(true);
    const index = JSON.parse(readFileSync(join(pkiDir, "pki.json"), "utf8")) as PkiJson;
    expect(index.baseUrl).toBe(svc.baseUrl);
    const rev = index.entities.find((e) => e.label === revokedLabel)!;
    expect(rev.revocation?.via).toContain("crl");
    expect(Date.parse(rev.revocation!.date)).toBeLessThan(Date.parse(index.referenceTime));
    expect(card.keys.map((k) => k.label).sort()).toEqual([GOOD, revokedLabel].sort());
    expect(card.pin).toMatch(/^\d{8}$/);
    expect(card.soPin).toBeTruthy();
  });

  it("openssl cms signs once with each key: one C_Login before each C_Sign, with the key we asked for", () => {
    const start = traceMark(card.dir);
    for (const label of [GOOD, revokedLabel]) {
      const s = signOnCard(label);
      signed[label] = s;
      const auth = authorisations(s.trace);
      expect(auth).toHaveLength(1);
      const logins = s.trace.filter((e) => e.fn === "C_Login");
      expect(logins).toHaveLength(1);
      expect(logins[0]!.rv).toBe("CKR_OK");
      expect(logins[0]!.user).toBe("CKU_USER");
      expect(auth[0]!.login?.seq).toBe(logins[0]!.seq);
      expect(auth[0]!.signaturesSinceLogin).toBe(0);
      const uses = whichKeySigned(s.trace);
      expect(uses.map((u) => u.label)).toEqual([label]);
      expect(uses[0]!.mech).toMatch(/RSA/);
      // the key that signed is the one whose certificate the CMS names (openssl checks that too): cross-check
      // with openssl cms -verify against the PKI's own chain
      const v = run(`openssl cms -verify ${label}`, "openssl", [
        "cms",
        "-verify",
        "-binary",
        "-inform",
        "DER",
        "-in",
        s.file,
        "-CAfile",
        rootPem,
        "-purpose",
        "any",
        "-out",
        "/dev/null",
      ]);
      expect(v.code, v.stderr).toBe(0);
    }
    // both runs read as one trace (not two marked reads concatenated: their seq numbers each start at 0):
    // a PIN per signature, as the card trace's own policy question sees it
    const both = readTrace(card.dir, start);
    expect(pinPolicy(both)).toMatchObject({
      mode: "per-signature",
      signatures: 2,
      logins: 2,
      maxSignaturesPerLogin: 1,
    });
  });

  it("the good signature is TOTAL-PASSED (BES, P1, the NES subject) from the library and the CLI, with the services consulted", async () => {
    const s = signed[GOOD]!;
    const subject = parseCert(pemOrDer(readFileSync(join(pkiDir, "certs", `${GOOD}.pem`)))[0]!).subject.text;
    const before = svc.counts.crl + svc.counts.ocsp;
    const lib = await validateBytes(s.file, readFileSync(s.file), libOpts());
    expect(svc.counts.crl + svc.counts.ocsp).toBeGreaterThan(before);
    const beforeCli = svc.counts.crl + svc.counts.ocsp;
    const cli = await cliValidate(s.file);
    expect(svc.counts.crl + svc.counts.ocsp).toBeGreaterThan(beforeCli);
    expect(cli.code).toBe(0);
    for (const r of [lib, cli.result]) {
      expect(r.checks.filter((c) => c.result !== "passed")).toEqual([]);
      expect([r.indication, r.format, r.level, r.profile]).toEqual(["TOTAL-PASSED", "CAdES", "BES", "P1"]);
      expect(r.signer?.subject).toBe(subject);
      expect(r.signer?.subject).toContain("TEST Ayşe Yılmaz");
      expect(revocationChecks(r).map((c) => c.result)).toEqual(["passed"]);
    }
    expect(cli.result.validationTime).toBe(lib.validationTime);
  });

  it("the revoked signer is INDETERMINATE/REVOKED_NO_POE, revoked at its declared date; the live CRL lists it", async () => {
    const s = signed[revokedLabel]!;
    const index = JSON.parse(readFileSync(join(pkiDir, "pki.json"), "utf8")) as PkiJson;
    const rev = index.entities.find((e) => e.label === revokedLabel)!;
    const crlBefore = svc.counts.crl;
    const lib = await validateBytes(s.file, readFileSync(s.file), libOpts());
    const cli = await cliValidate(s.file);
    expect(cli.code).toBe(1);
    for (const r of [lib, cli.result]) {
      expect([r.indication, r.subIndication]).toEqual(["INDETERMINATE", "REVOKED_NO_POE"]);
      const rc = revocationChecks(r);
      expect(rc).toHaveLength(1);
      expect(rc[0]!.result).not.toBe("passed");
      expect(rc[0]!.subIndication).toBe("REVOKED_NO_POE");
      // the validator names the revocation date, reason and the source it rests on (the CRL: the revocation is
      // declared CRL-only); the live CRL is checked independently below
      expect(rc[0]!.reason.en).toContain(`revoked at ${rev.revocation!.date.replace(/Z$/, "")}`);
      expect(rc[0]!.reason.en).toContain(`(${rev.revocation!.reason}, per the CRL)`);
      expect(rc[0]!.reason.tr).toContain("SİL'e göre");
      expect(r.checks.find((c) => c.id === "revocation-ca-1")?.reason.en).toMatch(/not revoked \((crl|ocsp)\)/);
    }
    // the source: the live CRL (fetched as the validator fetched it, read by openssl) lists the signer's serial,
    // and the declared revocation is CRL-only
    expect(svc.counts.crl).toBeGreaterThan(crlBefore);
    expect(rev.revocation!.via).toEqual(["crl"]);
    const der = new Uint8Array(await (await fetch(rev.crlUrl!)).arrayBuffer());
    const crlFile = join(root, "live.crl");
    writeFileSync(crlFile, der);
    const text = run("openssl crl", "openssl", ["crl", "-inform", "DER", "-in", crlFile, "-noout", "-text"]).stdout;
    expect(text.replace(/\s+/g, " ")).toMatch(
      new RegExp(`Serial Number: 0*${rev.serialHex.toUpperCase()} Revocation Date: Dec 1 00:00:00 2025 GMT`),
    );
  });

  it("the card README's exact command (detached by default): SIGNED_DATA_NOT_FOUND without the document, TOTAL-PASSED with --detached", async () => {
    const s = signOnCard(GOOD, true);
    expect(loginBeforeEachSign(s.trace)).toBe(true);
    expect(whichKeySigned(s.trace).map((u) => u.label)).toEqual([GOOD]);
    const alone = await cliValidate(s.file);
    expect(alone.code).toBe(1);
    expect([alone.result.indication, alone.result.subIndication]).toEqual(["INDETERMINATE", "SIGNED_DATA_NOT_FOUND"]);
    const withDoc = await cliValidate(s.file, ["--detached", join(root, "belge.txt")]);
    expect(withDoc.code).toBe(0);
    expect([withDoc.result.indication, withDoc.result.level, withDoc.result.profile]).toEqual([
      "TOTAL-PASSED",
      "BES",
      "P1",
    ]);
  });

  it("the PIN and SO-PIN appear nowhere: trace, card dir files, openssl and validator output", async () => {
    const secrets = [card.pin!, card.soPin!];
    const texts: { what: string; text: string }[] = [...outputs];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (p !== join(card.dir, "card.json")) texts.push({ what: p, text: readFileSync(p).toString("latin1") });
      }
    };
    walk(card.dir);
    expect(texts.some((t) => t.what.endsWith("trace.jsonl") && t.text.includes("C_Sign"))).toBe(true);
    // the library's results too
    for (const s of Object.values(signed))
      texts.push({
        what: `validateBytes ${s.file}`,
        text: JSON.stringify(await validateBytes(s.file, readFileSync(s.file), libOpts())),
      });
    expect(outputs.length).toBeGreaterThanOrEqual(6);
    for (const t of texts)
      for (const secret of secrets) expect(t.text.includes(secret), `${t.what} holds a PIN`).toBe(false);
    // the only file that holds them is card.json, by design
    expect(readFileSync(join(card.dir, "card.json"), "utf8")).toContain(card.pin!);
  });

  it("with CRL and OCSP down the good signature becomes INDETERMINATE/TRY_LATER, and passes again once they are back", async () => {
    const s = signed[GOOD]!;
    svc.setFault("crl", { fault: "down" });
    svc.setFault("ocsp", { fault: "down" });
    try {
      const lib = await validateBytes(s.file, readFileSync(s.file), libOpts());
      const cli = await cliValidate(s.file);
      expect(cli.code).toBe(1);
      for (const r of [lib, cli.result]) {
        expect([r.indication, r.subIndication]).toEqual(["INDETERMINATE", "TRY_LATER"]);
        expect(revocationChecks(r).map((c) => c.subIndication)).toEqual(["TRY_LATER"]);
      }
    } finally {
      svc.clearFaults();
    }
    const again = await validateBytes(s.file, readFileSync(s.file), libOpts());
    expect(again.indication).toBe("TOTAL-PASSED");
  });
});
