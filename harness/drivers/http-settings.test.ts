// The http driver's profile settings and request templates, table-driven: what a profile may say, each mistake
// named by its field; how a template fills (a placeholder with no value leaves its field out, a path's values
// are URL-encoded); what is kept of a body (long base64 as its length and hash); how an answer maps to a verdict.
import { describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCampaign } from "../campaign/run.ts";
import { loadChecklist } from "../checklist/load.ts";
import { PROJECT_ROOT } from "../core/paths.ts";
import { loadProfile } from "../profile/load.ts";
import type { AppProfile } from "../profile/types.ts";
import { fillBody, fillRequest, MASKED, maskSecrets, shortBody } from "./http-request.ts";
import { httpSettings, tellsTime } from "./http-settings.ts";
import { driverCannotJudge } from "./open.ts";
import { firstVerdict, verdictRuleProblems, type VerdictRule } from "./verdict-rules.ts";

const profile = (settings: Record<string, unknown>): AppProfile => ({
  app: { name: "deneme", version: "1" },
  assesses: ["creation", "verification"],
  driver: { kind: "http", settings },
  file: join(PROJECT_ROOT, "examples", "profiles", "deneme.yaml"),
});
const sign = {
  kinds: [{ format: "CAdES", level: "BES", kind: "cades-bes" }],
  prepare: { path: "/prepare", body: { document: "{documentBase64}", certificate: "{certificateBase64}" } },
  signOnCard: { input: "toBeSigned", hash: "hash" },
  finalize: { path: "/finalize/{id}", body: { value: "{signatureValueBase64}" } },
};
const verify = {
  path: "/verify",
  body: { signature: "{signatureBase64}", at: "{at}" },
  verdicts: [{ status: 200, field: "verdict", match: "^valid$", verdict: "valid" }],
};
const ok = { url: "http://127.0.0.1:9", ...sign, verify };
const whole = {
  url: "http://127.0.0.1:9",
  kinds: sign.kinds,
  sign: { path: "/sign", body: { document: "{documentBase64}", pin: "{pin}" }, output: "signature" },
  verify,
};

describe("http driver settings from the profile", () => {
  const cases: { name: string; settings: Record<string, unknown>; problem?: RegExp }[] = [
    { name: "signs and verifies", settings: ok },
    { name: "verifies only", settings: { url: "http://127.0.0.1:9", verify } },
    {
      name: "started by uyum, its URL under a key",
      settings: { ...ok, start: ["node", "s.ts", "{card}"], url: "api" },
    },
    { name: "neither started nor at a URL", settings: { ...ok, url: undefined }, problem: /base URL/ },
    { name: "an unknown setting", settings: { ...ok, pin: "1234" }, problem: /pin": unknown setting/ },
    { name: "does nothing", settings: { url: "http://x" }, problem: /neither signs .* nor verifies/ },
    {
      name: "the PIN as a placeholder",
      settings: { ...ok, prepare: { path: "/p", body: { pin: "{pin}" } } },
      problem: /unknown placeholder \{pin\}.*the harness logs in to the card itself/,
    },
    {
      name: "a prepare without finalize",
      settings: { ...ok, finalize: undefined },
      problem: /finalises a signature is missing/,
    },
    { name: "no kinds", settings: { ...ok, kinds: [] }, problem: /list the kinds it makes/ },
    {
      name: "an unknown format",
      settings: { ...ok, kinds: [{ format: "JAdES", level: "B-B" }] },
      problem: /kinds\[0\].format": one of CAdES/,
    },
    {
      name: "an unknown level",
      settings: { ...ok, kinds: [{ format: "CAdES", level: "LTV" }] },
      problem: /kinds\[0\].level": one of BES, EPES/,
    },
    { name: "no signOnCard", settings: { ...ok, signOnCard: undefined }, problem: /what the card signs/ },
    {
      name: "a hash the card cannot do",
      settings: { ...ok, signOnCard: { input: "tbs", hashAlgorithm: "MD5" } },
      problem: /hashAlgorithm": one of SHA-1, SHA-256/,
    },
    { name: "no hash said", settings: { ...ok, signOnCard: { input: "tbs" } }, problem: /say the hash/ },
    {
      name: "a verify that never sends the signature",
      settings: { ...ok, verify: { ...verify, body: { at: "{at}" } } },
      problem: /never sends the signature/,
    },
    {
      name: "a verify without verdict rules",
      settings: { ...ok, verify: { ...verify, verdicts: [] } },
      problem: /how its answer maps/,
    },
    {
      name: "a status code out of range",
      settings: { ...ok, verify: { ...verify, verdicts: [{ status: 42, verdict: "valid" }] } },
      problem: /must be an HTTP status code/,
    },
    {
      name: "a rule with an exit code (a cli rule)",
      settings: { ...ok, verify: { ...verify, verdicts: [{ exit: 0, verdict: "valid" }] } },
      problem: /exit": unknown key/,
    },
    {
      name: "a lower-case method",
      settings: { ...ok, prepare: { ...sign.prepare, method: "post" } },
      problem: /an HTTP method/,
    },
    { name: "the whole-document flow: one request with the document and the PIN", settings: whole },
    {
      name: "whole-document with the PIN in the URL",
      settings: { ...whole, sign: { path: "/sign/{pin}", body: { document: "{documentBase64}" } } },
      problem: /sign.path": \{pin\} in a URL/,
    },
    {
      name: "whole-document that never sends the PIN",
      settings: { ...whole, sign: { path: "/sign", body: { document: "{documentBase64}" } } },
      problem: /never sends the signer's PIN/,
    },
    {
      name: "both flows at once",
      settings: { ...ok, sign: whole.sign },
      problem: /either the whole-document request \(sign\) or the three steps/,
    },
    {
      name: "kinds and no way to sign",
      settings: { url: "http://127.0.0.1:9", kinds: sign.kinds, verify },
      problem: /kinds without a way to sign/,
    },
    { name: "a zero timeout", settings: { ...ok, timeoutSeconds: 0 }, problem: /timeoutSeconds": a positive number/ },
  ];
  for (const c of cases)
    it(c.name, () => {
      const { settings, issues } = httpSettings(profile(c.settings));
      if (!c.problem) {
        expect(issues).toEqual([]);
        expect(settings).toBeDefined();
      } else {
        expect(settings).toBeUndefined();
        expect(issues.map((i) => `"${i.field}": ${i.message}`).join("\n")).toMatch(c.problem);
      }
    });

  it("the reference application's http profile is complete and valid", () => {
    const p = loadProfile(join(PROJECT_ROOT, "examples", "profiles", "ornek-imzaci-http.yaml"), loadChecklist());
    const { settings, issues } = httpSettings(p);
    expect(issues).toEqual([]);
    expect(settings!.kinds.map((k) => `${k.format} ${k.level} ${k.kind} ${k.output}`)).toEqual([
      "CAdES BES cades-bes p7s",
      "CAdES EPES cades-epes p7s",
      "CAdES T cades-t p7s",
      "PAdES B-B pades-b-b pdf",
      "PAdES B-T pades-b-t pdf",
    ]);
    expect(settings!.urlKey).toBe("http");
    expect(tellsTime(settings!.verify!)).toBe(true);
  });
});

describe("http request templates", () => {
  it("fills the body; a field that is one placeholder with no value is left out; others are kept as they are", () => {
    expect(
      fillBody(
        { s: "{sig}", d: "{detached}", n: 3, t: true, nested: { at: "at {at}" }, list: ["{sig}", "{detached}"] },
        { sig: "QUJD", at: "2026-01-01T00:00:00.000Z" },
      ),
    ).toEqual({ s: "QUJD", n: 3, t: true, nested: { at: "at 2026-01-01T00:00:00.000Z" }, list: ["QUJD"] });
  });
  it("a placeholder without a value inside a longer string is an error naming it", () => {
    expect(() => fillBody({ a: "x-{missing}" }, {})).toThrow(/\{missing\} has no value/);
  });
  it("path values are URL-encoded, a relative path is joined to the base, a JSON body gets its content type", () => {
    const r = fillRequest(
      "http://127.0.0.1:5/api/",
      { method: "POST", path: "/finalize/{id}", body: { v: "{id}" } },
      {
        id: "a b/c",
      },
    );
    expect(r).toEqual({
      method: "POST",
      url: "http://127.0.0.1:5/api/finalize/a%20b%2Fc",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ v: "a b/c" }),
    });
  });
  it("masks a secret (the whole-document PIN) everywhere in a stored text, and says whether it was there", () => {
    expect(maskSecrets('{"pin":"48152637","note":"x48152637y"}', ["48152637"])).toEqual({
      text: `{"pin":"${MASKED}","note":"x${MASKED}y"}`,
      had: true,
    });
    expect(maskSecrets("nothing here", ["48152637"])).toEqual({ text: "nothing here", had: false });
    expect(maskSecrets("an empty secret masks nothing", [""]).had).toBe(false);
  });
  it("keeps long strings as their length and SHA-256, short ones whole; a huge non-JSON body is cut with its hash", () => {
    const long = "A".repeat(1000);
    expect(JSON.parse(shortBody(JSON.stringify({ id: "x1", doc: long })))).toEqual({
      id: "x1",
      doc: expect.stringMatching(/^<1000 chars, sha256 [0-9a-f]{64}>$/),
    });
    const garbage = "x".repeat(200_000);
    const kept = shortBody(garbage);
    expect(kept.length).toBeLessThan(70_000);
    expect(kept).toMatch(/<200000 chars in all, sha256 [0-9a-f]{64}>$/);
  });
});

describe("verdict rules (shared by the cli and http drivers)", () => {
  const rules: VerdictRule[] = [
    { status: 200, field: "result.verdict", match: "^GEÇERLİ$", verdict: "valid" },
    { status: 200, field: "result.verdict", match: "geçersiz", verdict: "invalid" },
    { status: 422, verdict: "invalid" },
    { match: "belirsiz", verdict: "indeterminate" },
    { exit: 8, verdict: "indeterminate" },
  ];
  const cases: [string, Parameters<typeof firstVerdict>[1], string | undefined][] = [
    [
      "a field that says valid (Turkish İ folded)",
      { status: 200, text: "", json: { result: { verdict: "geçerli" } } },
      "valid",
    ],
    ["a field that says invalid", { status: 200, text: "", json: { result: { verdict: "GEÇERSİZ" } } }, "invalid"],
    ["a status alone", { status: 422, text: "{}", json: {} }, "invalid"],
    ["words in the body", { status: 200, text: "imza BELİRSİZ", json: undefined }, "indeterminate"],
    ["a field absent: the field rules do not hold", { status: 200, text: "{}", json: {} }, undefined],
    ["an exit code (cli)", { exit: 8, text: "" }, "indeterminate"],
    [
      "the status of a field rule must hold too",
      { status: 201, text: "", json: { result: { verdict: "geçerli" } } },
      undefined,
    ],
  ];
  it.each(cases)("%s", (_, answer, verdict) => expect(firstVerdict(rules, answer)).toBe(verdict));
  it("names each problem of a rule list by its field", () => {
    const p = verdictRuleProblems([{ verdict: "ok" }, { status: 200, verdict: "valid", field: "" }, "x"], "v", [
      "status",
      "field",
    ]);
    expect(p.map((x) => x.field)).toEqual(["v[0].verdict", "v[0]", "v[1].field", "v[2]"]);
  });
});

describe("items the http driver cannot judge (uyum, not the server, talks to the card)", () => {
  it("are not assessed with the reason, and their sessions are not run; a cli profile judges them", async () => {
    const http = loadProfile(join(PROJECT_ROOT, "examples", "profiles", "ornek-imzaci-http.yaml"), loadChecklist());
    const cli = loadProfile(join(PROJECT_ROOT, "examples", "profiles", "ornek-imzaci-cli.yaml"), loadChecklist());
    for (const item of ["4.1-4", "4.1-6", "7.1-3", "7.3-1", "7.5-1", "7.5-2"]) {
      expect(driverCannotJudge(http, item)?.en, item).toMatch(/uyum itself plays that tool/);
      expect(driverCannotJudge(cli, item), item).toBeUndefined();
    }
    expect(driverCannotJudge(http, "5-3")).toBeUndefined();
    // a server that signs whole documents on its own card handles the card itself: judged on it
    const whole = loadProfile(
      join(PROJECT_ROOT, "examples", "profiles", "ornek-imzaci-http-whole.yaml"),
      loadChecklist(),
    );
    expect(httpSettings(whole).issues).toEqual([]);
    for (const item of ["4.1-4", "4.1-6", "7.1-3", "7.3-1", "7.5-1", "7.5-2"])
      expect(driverCannotJudge(whole, item), item).toBeUndefined();
    const out = mkdtempSync(join(tmpdir(), "uyum-http-cannot-"));
    const lines: string[] = [];
    const r = await runCampaign({
      profile: join(PROJECT_ROOT, "examples", "profiles", "ornek-imzaci-http.yaml"),
      out: join(out, "c"),
      only: ["7.5-1", "7.3-1"],
      progress: (l) => lines.push(l),
    });
    for (const item of ["7.5-1", "7.3-1"]) {
      const f = r.findings.find((x) => x.item === item)!;
      expect(f.mark, item).toBe("not-assessed");
      expect(f.reason.tr, item).toMatch(/uyum'un kendisi oynar/);
    }
    expect(lines.join("\n")).toMatch(/sessions to run: none/);
    rmSync(out, { recursive: true, force: true });
  }, 60_000);

  it("through the whole-document flow the same items are judged on the server's own card handling", async () => {
    const out = mkdtempSync(join(tmpdir(), "uyum-http-whole-"));
    try {
      const r = await runCampaign({
        profile: join(PROJECT_ROOT, "examples", "profiles", "ornek-imzaci-http-whole.yaml"),
        out: join(out, "c"),
        only: ["7.5-1", "7.3-1"],
        progress: () => {},
      });
      const f = (item: string) => r.findings.find((x) => x.item === item)!;
      expect(f("7.5-1").mark, f("7.5-1").reason.en).toBe("pass");
      expect(f("7.5-1").reason.en).toMatch(/CKR_PIN_INCORRECT.*403 PIN_INCORRECT/);
      expect(f("7.3-1").mark, f("7.3-1").reason.en).toBe("pass");
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 180_000);
});
