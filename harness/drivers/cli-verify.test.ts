// The cli verifying face: the profile's verify template read and checked, the answer mapped to a verdict by the
// profile's rules then the default, and a real process that crashes, hangs or cannot start giving "no-answer".
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatIssue } from "../core/issues.ts";
import { loadChecklist } from "../checklist/load.ts";
import { loadProfile } from "../profile/load.ts";
import type { AppProfile } from "../profile/types.ts";
import type { CommandRun } from "./cli.ts";
import { cliVerifyingFace, cliVerifyTemplate, mapVerdict, verifyArgv, type VerdictRule } from "./cli-verify.ts";
import { driverProblems, openApplication } from "./open.ts";

const profile = (verify: unknown, sign?: unknown): AppProfile => ({
  app: { name: "deneme", version: "1" },
  assesses: ["verification"],
  driver: { kind: "cli", settings: { verify, ...(sign ? { sign } : {}) } },
  file: "/profiles/deneme.yaml",
});
const problems = (verify: unknown) => cliVerifyTemplate(profile(verify)).issues.map(formatIssue);
const ran = (exitCode: number | null, stdout = "", extra: Partial<CommandRun> = {}) => ({
  exitCode,
  signal: null,
  timedOut: false,
  stdout,
  stderr: "",
  ...extra,
});

describe("verdict mapping", () => {
  const geçersizForBoth: VerdictRule[] = [
    { match: "^geçerli\\b", verdict: "valid" },
    { match: "geçersiz", verdict: "invalid" },
  ];
  const byExit: VerdictRule[] = [
    { exit: 0, verdict: "valid" },
    { exit: [1, 3], verdict: "invalid" },
    { exit: 8, verdict: "indeterminate" },
  ];
  const both: VerdictRule[] = [{ exit: 2, match: "BELİRSİZ", verdict: "indeterminate" }];
  const cases: [string, VerdictRule[], ReturnType<typeof ran>, string][] = [
    ["default: exit 0 is valid", [], ran(0, "ok"), "valid"],
    ["default: any other exit is invalid", [], ran(8, "belirsiz"), "invalid"],
    ["default: killed by a signal is no answer", [], ran(null, "", { signal: "SIGSEGV" }), "no-answer"],
    ["default: past its timeout is no answer", [], ran(null, "", { timedOut: true }), "no-answer"],
    ["default: could not start is no answer", [], ran(null, "", { spawnError: "ENOENT" }), "no-answer"],
    [
      "rules cannot turn a crash into a verdict",
      [{ exit: 0, verdict: "valid" }],
      ran(null, "", { signal: "SIGKILL" }),
      "no-answer",
    ],
    ["by exit: 8 is indeterminate", byExit, ran(8), "indeterminate"],
    ["by exit: a listed code", byExit, ran(3), "invalid"],
    ["by exit: an unlisted code falls to the default", byExit, ran(5), "invalid"],
    ["by words: 'geçersiz' for an invalid one", geçersizForBoth, ran(1, "İmza GEÇERSİZ: özet tutmuyor"), "invalid"],
    [
      "by words: 'geçersiz' for an indeterminate one is invalid too",
      geçersizForBoth,
      ran(1, "geçersiz (iptal durumu bilinmiyor)"),
      "invalid",
    ],
    ["by words: case-insensitive, Unicode (GEÇERLİ)", geçersizForBoth, ran(0, "Geçerli"), "valid"],
    ["by words, exit 0 yet 'geçersiz' said: the words win", geçersizForBoth, ran(0, "imza geçersiz"), "invalid"],
    ["exit and words together: both must hold", both, ran(2, "durum: belirsiz"), "indeterminate"],
    ["Turkish I: 'BELİRSİZ' matches 'belirsiz' and 'BELIRSIZ'", both, ran(2, "BELIRSIZ"), "indeterminate"],
    ["exit and words together: words alone do not", both, ran(1, "durum: belirsiz"), "invalid"],
  ];
  it.each(cases)("%s", (_, verdicts, run, want) => {
    expect(mapVerdict({ verdicts, output: "both" }, run).verdict).toBe(want);
  });
  it("the text is the stream the profile names, trimmed", () => {
    const run = ran(0, "  evet \n", { stderr: "uyarı" });
    expect(mapVerdict({ verdicts: [], output: "stdout" }, run).text).toBe("evet");
    expect(mapVerdict({ verdicts: [], output: "stderr" }, run).text).toBe("uyarı");
    expect(mapVerdict({ verdicts: [], output: "both" }, run).text).toBe("evet \n\nuyarı");
  });
});

describe("the verify template in the profile", () => {
  const bad: [string, unknown, RegExp][] = [
    ["not a list or object", "openssl cms -verify", /must be \{ command/],
    ["no {input}", { command: ["openssl", "cms", "-verify"] }, /never names the signature to verify/],
    ["unknown placeholder", { command: ["v", "{input}", "{zaman}"] }, /unknown placeholder \{zaman\}/],
    ["the PIN is never a placeholder", { command: ["v", "{input}", "{pin}"] }, /unknown placeholder \{pin\}/],
    ["a command that is not strings", { command: ["v", 3] }, /must be a list of strings/],
    [
      "unknown verdict",
      { command: ["v", "{input}"], verdicts: [{ exit: 0, verdict: "ok" }] },
      /verdict": must be one of valid/,
    ],
    [
      "a rule with neither exit nor match",
      { command: ["v", "{input}"], verdicts: [{ verdict: "valid" }] },
      /says neither exit nor match/,
    ],
    [
      "exit code out of range",
      { command: ["v", "{input}"], verdicts: [{ exit: 300, verdict: "valid" }] },
      /must be an exit code/,
    ],
    [
      "a broken pattern",
      { command: ["v", "{input}"], verdicts: [{ match: "(geçersiz", verdict: "invalid" }] },
      /not a regular expression/,
    ],
    ["unknown output", { command: ["v", "{input}"], output: "screen" }, /output": must be one of stdout/],
    ["unknown setting", { command: ["v", "{input}"], verdict: [] }, /verify.verdict": unknown setting/],
    ["bad timeout", { command: ["v", "{input}"], timeoutSeconds: -1 }, /positive number of seconds/],
  ];
  it.each(bad)("refused: %s", (_, verify, message) => {
    expect(problems(verify)).toContainEqual(expect.stringMatching(message));
  });
  it("the old bare argv form reads, with the default mapping", () => {
    const { template, issues } = cliVerifyTemplate(profile(["./v", "verify", "{input}"]));
    expect(issues).toEqual([]);
    expect(template).toMatchObject({ command: ["/profiles/v", "verify", "{input}"], verdicts: [], output: "both" });
  });
  it("an optional group is passed only when all its placeholders have values; {at} means the time is told", async () => {
    const { template } = cliVerifyTemplate(
      profile({ command: ["v", "{input}", ["-content", "{detached}"], "--at", "{at}"] }),
    );
    expect(verifyArgv(template!, { input: "s.p7s", at: "T" })).toEqual(["v", "{input}", "--at", "{at}"]);
    expect(verifyArgv(template!, { input: "s.p7s", detached: "d", at: "T" })).toEqual([
      "v",
      "{input}",
      "-content",
      "{detached}",
      "--at",
      "{at}",
    ]);
    const face = (verify: unknown) =>
      openApplication(profile(verify), {
        pkiDir: "/p",
        pkiBaseUrl: "http://127.0.0.1:1",
        rootPem: "",
        workDir: "/tmp",
      } as never);
    expect((await face({ command: ["v", "{input}", "--at", "{at}"] })).verifying?.tellsTime).toBe(true);
    expect((await face({ command: ["v", "{input}"] })).verifying?.tellsTime).toBe(false);
  });
  it("a verifier-only profile needs no sign command; one with neither is told it has no sign command", () => {
    expect(driverProblems(profile({ command: ["v", "{input}"] }))).toEqual([]);
    const p = profile(undefined);
    delete (p.driver!.settings as Record<string, unknown>).verify;
    expect(driverProblems(p).map(formatIssue)).toEqual([expect.stringMatching(/no sign command/)]);
  });
  it("the example profiles' verify templates read", () => {
    const checklist = loadChecklist();
    for (const f of ["ornek-imzaci-cli", "openssl-cms-verify", "xmlsec1-verify"]) {
      let p: AppProfile;
      try {
        p = loadProfile(`examples/profiles/${f}.yaml`, checklist);
      } catch (err) {
        if (f !== "ornek-imzaci-cli" && /ENOENT|no such file/.test(String(err))) continue; // written in a later step
        throw err;
      }
      expect(driverProblems(p).map(formatIssue), f).toEqual([]);
      expect(cliVerifyTemplate(p).template, f).toBeDefined();
    }
  });
});

describe("the cli verifying face on a real process", () => {
  const dir = mkdtempSync(join(tmpdir(), "uyum-cli-verify-"));
  const script = (name: string, body: string) => {
    const f = join(dir, name);
    writeFileSync(f, `#!/bin/sh\n${body}\n`);
    chmodSync(f, 0o755);
    return f;
  };
  const face = (command: unknown[], extra: Record<string, unknown> = {}) => {
    const { template, issues } = cliVerifyTemplate(profile({ command, ...extra }));
    expect(issues).toEqual([]);
    return cliVerifyingFace({
      template: template!,
      pkiDir: "/pki",
      pkiBaseUrl: "http://127.0.0.1:9",
      rootPem: "KÖK",
      workDir: dir,
    });
  };
  const sig = { bytes: new TextEncoder().encode("imza"), ext: "p7s" };
  const at = new Date("2025-06-01T12:00:00Z");

  it("the files and values reach it: signature, detached document, time, trust anchors of the vector's PKI", async () => {
    const echo = script("echo.sh", 'cat "$1"; echo; cat "$2"; echo; echo "$3"; cat "$4"; echo; echo "$5"; exit 8');
    const f = face([echo, "{input}", ["{detached}"], "{at}", "{trustAnchor}", "{pkiBaseUrl}"], {
      verdicts: [{ exit: 8, verdict: "indeterminate" }],
    });
    const a = await f.verify(sig, {
      at,
      name: "v 1/x",
      detached: new TextEncoder().encode("belge"),
      pki: { dir: "/vpki", baseUrl: "http://127.0.0.1:5", anchorsPem: "VEKTÖR KÖKÜ" },
    });
    expect(a.verdict).toBe("indeterminate");
    expect(a.text.split("\n")).toEqual([
      "imza",
      "belge",
      "2025-06-01T12:00:00.000Z",
      "VEKTÖR KÖKÜ",
      "http://127.0.0.1:5",
    ]);
    expect(a.ended).toBeUndefined();
  });
  it("a crash, a hang and a missing program are no answer, with how it ended", async () => {
    const crash = await face([script("crash.sh", "kill -SEGV $$"), "{input}"]).verify(sig, { at, name: "c" });
    expect([crash.verdict, crash.ended]).toEqual(["no-answer", expect.stringMatching(/killed by SIGSEGV/)]);
    const hang = await face([script("hang.sh", "sleep 30"), "{input}"], { timeoutSeconds: 0.5 }).verify(sig, {
      at,
      name: "h",
    });
    expect([hang.verdict, hang.ended]).toEqual(["no-answer", expect.stringMatching(/did not finish in time/)]);
    const none = await face([join(dir, "yok"), "{input}"]).verify(sig, { at, name: "n" });
    expect([none.verdict, none.ended]).toEqual(["no-answer", expect.stringMatching(/could not run .*ENOENT/)]);
  });
  it("a placeholder the verify session has no value for is said, not run", async () => {
    const a = await face([script("ok.sh", "exit 0"), "{input}", "{module}"]).verify(sig, { at, name: "m" });
    expect([a.verdict, a.ended]).toEqual([
      "no-answer",
      expect.stringMatching(/not run: placeholder \{module\} has no value/),
    ]);
    expect(readFileSync(join(dir, "verify", "0001-v_1_x", "trust-anchors.pem"), "utf8")).toBe("VEKTÖR KÖKÜ");
  });
});
