// The three commands as a user runs them (child processes; the test PKI's services in this process on an
// ephemeral port, so every child is spawned asynchronously): uyum hash's files checked by coreutils, uyum report
// signing with the virtual card (PIN on a file descriptor) and with a PKCS#12 (password in the environment),
// the PIN never in any output; refusals named.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CardInfo, provisionCard } from "../card/index.ts";
import { UYUM_BIN, writeTestPki } from "../testing/card.ts";
import { loadChecklist } from "../checklist/load.ts";
import { readPki, SettableClock, startServices, type Services } from "../pki/index.ts";
import { makeFixtureCampaign, type FixtureCampaign } from "../testing/report/fixture-campaign.ts";

let root: string;
let pkiDir: string;
let services: Services;
let card: CardInfo;
let fixture: FixtureCampaign;
let at: Date;
const outputs: string[] = [];

/** Runs uyum without blocking this process (the PKI services answer from it); `fd3` is written to fd 3. */
function uyum(
  args: string[],
  o: { fd3?: string; env?: Record<string, string> } = {},
): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [UYUM_BIN, ...args], {
      env: { ...process.env, ...(o.env ?? {}) },
      stdio: ["ignore", "pipe", "pipe", "pipe"],
    });
    let out = "";
    child.stdout!.on("data", (d) => (out += d));
    child.stderr!.on("data", (d) => (out += d));
    const fd3 = child.stdio[3] as NodeJS.WritableStream;
    fd3.on("error", () => {});
    fd3.end(o.fd3 ?? "");
    child.on("close", (code) => {
      outputs.push(out);
      resolve({ code: code ?? -1, out });
    });
  });
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "uyum-report-cli-"));
  fixture = await makeFixtureCampaign(join(root, "kampanya"), loadChecklist());
  pkiDir = await writeTestPki(root);
  const pki = await readPki(pkiDir);
  at = pki.validationTime;
  services = await startServices(pki, { clock: new SettableClock(at) });
  card = await provisionCard({ pkiDir, outDir: join(root, "kart"), certLabels: ["nes-rsa"], withChain: true });
}, 120_000);

afterAll(async () => {
  await services?.stop();
});

describe("uyum hash", () => {
  it("--out writes a manifest sha256sum -c accepts and prints the digest coreutils recomputes", async () => {
    const mf = join(root, "app.sha256");
    const r = await uyum(["hash", fixture.appDir, "--out", mf]);
    expect(r.code).toBe(0);
    expect(spawnSync("sha256sum", ["--strict", "-c", mf], { cwd: fixture.appDir }).status).toBe(0);
    const digest = execFileSync("sh", ["-c", `sha256sum < "${mf}" | cut -c1-64`], { encoding: "utf8" }).trim();
    expect(r.out).toContain(`overall digest (SHA-256 of the manifest; sha256sum < ${mf}): ${digest}`);
    expect(digest).toBe(fixture.digest);
    const twin = JSON.parse(readFileSync(join(root, "app.json"), "utf8")) as { digest: string; files: unknown[] };
    expect(twin.digest).toBe(digest);
    expect(twin.files).toHaveLength(4);
  });

  it("a path that does not exist: a named error, exit 2", async () => {
    const r = await uyum(["hash", join(root, "yok")]);
    expect(r.out).toMatch(/uyum: .*yok: no such file/);
    expect(r.code).toBe(2);
  });
});

describe("uyum report", () => {
  it("signs with the virtual card, the PIN read from fd 3; B-LT through --pki-url; pdfsig valid", async () => {
    const out = join(root, "rapor-kart");
    const r = await uyum(
      ["report", fixture.dir, "--card", card.dir, "--pin-fd", "3", "--pki-url", services.baseUrl, "--out", out],
      { fd3: `${card.pin}\n`, env: { UYUM_PIN: "" } },
    );
    expect(r.out).toContain("(PAdES B-LT; 163 items)");
    expect(r.code).toBe(0);
    const sig = spawnSync("pdfsig", [join(out, "rapor.pdf")], { encoding: "utf8" }).stdout;
    expect(sig).toContain("Signature is Valid");
    expect(sig).toContain("Signer Certificate Common Name: TEST Ayşe Yılmaz");
    expect(readFileSync(join(out, "rapor.pdf")).includes(Buffer.from("/Type/DSS"))).toBe(true);
  });

  it("signs with a PKCS#12, its password in the environment", async () => {
    const p12 = join(root, "degerlendirici.p12");
    execFileSync(
      "openssl",
      [
        "pkcs12",
        "-export",
        "-inkey",
        join(pkiDir, "keys", "nes-rsa.key.pem"),
        "-in",
        join(pkiDir, "certs", "nes-rsa.pem"),
        "-certfile",
        join(pkiDir, "chains", "nes-rsa.chain.pem"),
        "-passout",
        "env:P12PASS",
        "-out",
        p12,
      ],
      { env: { ...process.env, P12PASS: "gizli-parola-1" } },
    );
    const out = join(root, "rapor-p12");
    const r = await uyum(["report", fixture.dir, "--p12", p12, "--tsa", `${services.baseUrl}/tsa/tsa1`, "--out", out], {
      env: { UYUM_P12_PASSWORD: "gizli-parola-1" },
    });
    expect(r.out).toContain("report: ");
    expect(r.code).toBe(0);
    const sig = spawnSync("pdfsig", [join(out, "rapor.pdf")], { encoding: "utf8" }).stdout;
    expect(sig).toContain("Signature is Valid");
    expect(sig).toContain("Signer Certificate Common Name: TEST Ayşe Yılmaz");
    const bad = await uyum(["report", fixture.dir, "--p12", p12, "--out", out], {
      env: { UYUM_P12_PASSWORD: "yanlis" },
    });
    expect(bad.out).toMatch(/uyum: .*degerlendirici\.p12: openssl cannot open the PKCS#12/);
    expect(bad.code).toBe(2);
  });

  it("a wrong PIN on fd 3 is a named refusal; no signing material is a named refusal", async () => {
    const wrong = await uyum(["report", fixture.dir, "--card", card.dir, "--pin-fd", "3", "--out", join(root, "x")], {
      fd3: "99999999\n",
    });
    expect(wrong.out).toContain("login refused (CKR_PIN_INCORRECT)");
    expect(wrong.code).toBe(2);
    const none = await uyum(["report", fixture.dir, "--out", join(root, "y")]);
    expect(none.out).toContain("give --card, --module or --p12 (or --no-sign for an unsigned draft)");
    expect(none.code).toBe(2);
  });

  it("a campaign whose evidence changed or that names an unknown item: every problem named, exit 2", async () => {
    const bad = join(root, "bozuk-kampanya");
    await makeFixtureCampaign(bad, loadChecklist());
    const results = readFileSync(join(bad, "results.jsonl"), "utf8");
    const evidence = /"path":"(evidence\/[0-9a-f]+\.png)"/.exec(results)![1]!;
    writeFileSync(join(bad, evidence), "değiştirilmiş");
    writeFileSync(join(bad, "results.jsonl"), results.replace('"item":"F-1"', '"item":"F-99"'));
    const r = await uyum(["report", bad, "--no-sign", "--out", join(root, "z")]);
    expect(r.out).toContain(`${evidence} has SHA-256`);
    expect(r.out).toContain("evidence changed");
    expect(r.out).toMatch(/item F-99: field "item": no such checklist item \(did you mean F-\d\?\)/);
    expect(r.code).toBe(2);
  });

  it("a campaign as uyum run writes it (no software in campaign.json): the profile's software: hashed at report time", async () => {
    const dir = join(root, "run-kampanyasi");
    await makeFixtureCampaign(dir, loadChecklist());
    writeFileSync(join(dir, "profile.yaml"), "software:\n  - app/**\n");
    const meta = {
      uyum: { version: "0.1.0" },
      app: { name: "Örnek", version: "1.0" },
      profile: { file: "profile.yaml", sha256: "0".repeat(64) },
      instant: "2026-06-01T12:00:00.000Z",
      started: "2026-06-01T12:00:00.000Z",
      environment: { node: process.version, platform: "linux-x64", driver: "cli" },
    };
    writeFileSync(join(dir, "campaign.json"), JSON.stringify(meta));
    const r = await uyum(["report", dir, "--no-sign", "--out", join(root, "run-rapor")]);
    expect(r.out).toContain(`yazilim.sha256.txt (software digest ${fixture.digest})`);
    expect(r.code).toBe(0);
    writeFileSync(join(dir, "profile.yaml"), "driver: { kind: cli }\n");
    const none = await uyum(["report", dir, "--no-sign", "--out", join(root, "run-rapor-2")]);
    expect(none.out).toContain("no software hash values");
    const text = execFileSync("pdftotext", [join(root, "run-rapor-2", "rapor.pdf"), "-"], { encoding: "utf8" });
    expect(text).toContain("Bu raporda yazılım özet değeri yok");
  });

  it("the PIN was in no output of any command", () => {
    expect(outputs.length).toBeGreaterThan(5);
    for (const o of outputs) expect(o).not.toContain(card.pin!);
  });
});
