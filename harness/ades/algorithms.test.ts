// Algorithm policy (TS 119 312 dates) on real keys made by openssl: RSA-1024 was fine for a 2015 signature
// but not for a 2026 one; RSA-2048 and P-256 are fine; MD5 never.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { algorithmProblem } from "./policy.ts";
import { parseCert, pemOrDer } from "./x509.ts";

function selfSigned(keyArgs: string[]): ReturnType<typeof parseCert> {
  const d = mkdtempSync(join(tmpdir(), "uyum-ades-alg-"));
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      ...keyArgs,
      "-nodes",
      "-keyout",
      join(d, "k.pem"),
      "-out",
      join(d, "c.pem"),
      "-days",
      "30",
      "-subj",
      "/CN=alg test",
    ],
    { stdio: "pipe" },
  );
  return parseCert(pemOrDer(new Uint8Array(readFileSync(join(d, "c.pem"))))[0]);
}

describe("algorithm policy", () => {
  const rsa1024 = selfSigned(["-newkey", "rsa:1024"]);
  const rsa2048 = selfSigned(["-newkey", "rsa:2048"]);
  const p256 = selfSigned(["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]);
  const at2026 = new Date("2026-06-01T00:00:00Z");
  it("RSA-1024: acceptable for a signature proven in 2015, not in 2026", () => {
    expect(
      algorithmProblem({ digestHash: "SHA-256", sigHash: "SHA-256" }, rsa1024, new Date("2015-01-01T00:00:00Z")),
    ).toBeUndefined();
    expect(algorithmProblem({ digestHash: "SHA-256", sigHash: "SHA-256" }, rsa1024, at2026)?.en).toMatch(/1024 bits/);
  });
  it("RSA-2048 and P-256 with SHA-256 or SHA-1 are acceptable (KAMU SM scenario 6 keeps SHA-1)", () => {
    expect(algorithmProblem({ digestHash: "SHA-256", sigHash: "SHA-256" }, rsa2048, at2026)).toBeUndefined();
    expect(algorithmProblem({ digestHash: "SHA-1", sigHash: "SHA-1" }, p256, at2026)).toBeUndefined();
  });
  it("MD5 is never acceptable", () => {
    expect(
      algorithmProblem({ digestHash: "MD5", sigHash: "SHA-256" }, rsa2048, new Date("2004-01-01T00:00:00Z"))?.en,
    ).toMatch(/MD5/);
  });
});
