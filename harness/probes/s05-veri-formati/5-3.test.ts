import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DOCUMENT, opensslCms, throwawayPki } from "../../testing/probes/openssl-cms.ts";
import { judge, signedOutput, traceOf } from "../../testing/probes/given.ts";
import probe from "./5-3.ts";

type Requested = { format: string; level?: string };
const signOnce = async (...outs: { flags: string[]; requested: Requested; tamper?: boolean }[]) => ({
  "sign-once": {
    outputs: await Promise.all(
      outs.map(({ flags, requested, tamper }) => {
        const file = opensslCms(flags);
        if (tamper) {
          // flip the last byte: the signature value (the last field of a DER SignerInfo without unsigned attributes)
          const b = readFileSync(file);
          b[b.length - 1] ^= 0xff;
          writeFileSync(file, b);
        }
        return signedOutput(file, throwawayPki().rootPem, requested, undefined, DOCUMENT);
      }),
    ),
    trace: traceOf([]),
  },
});
const cadesBes = { format: "CAdES", level: "BES" };

describe("5-3: the data is correctly converted into the format asked for", () => {
  it("pass: openssl cms -cades is a CAdES-BES whose digest and signature verify", async () => {
    const j = judge("5-3", probe, await signOnce({ flags: ["-cades"], requested: cadesBes }));
    expect(j.verdict).toBe("pass");
    expect(j.reason.en).toMatch(/All 1 signatures .* \(CAdES BES\)/);
  });

  it("fail: plain CMS (no signing-certificate attribute) is not a CAdES-BES", async () => {
    const j = judge("5-3", probe, await signOnce({ flags: [], requested: cadesBes }));
    expect(j.verdict).toBe("fail");
    expect(j.reason.en).toMatch(/FORMAT_FAILURE/);
  });

  it("fail: a signature value that does not verify", async () => {
    const j = judge("5-3", probe, await signOnce({ flags: ["-cades"], requested: cadesBes, tamper: true }));
    expect(j.verdict).toBe("fail");
    expect(j.reason.en).toMatch(/SIG_CRYPTO_FAILURE/);
  });

  it("fail: asked for CAdES-T, got BES; asked for XAdES, got CAdES", async () => {
    const t = judge("5-3", probe, await signOnce({ flags: ["-cades"], requested: { format: "CAdES", level: "T" } }));
    expect(t.verdict).toBe("fail");
    expect(t.reason.en).toMatch(/level BES \(asked for T\)/);
    const x = judge("5-3", probe, await signOnce({ flags: ["-cades"], requested: { format: "XAdES", level: "BES" } }));
    expect(x.reason.en).toMatch(/CAdES was written/);
  });

  it("undetermined: nothing was written", () => {
    expect(judge("5-3", probe, { "sign-once": { outputs: [], trace: traceOf([]) } }).verdict).toBe("undetermined");
  });
});

describe("5-3 when the application writes nothing", () => {
  it("fail: a kind asked for produced no signature, citing how the application ended and its stderr", () => {
    const stderr = { kind: "stderr" as const, path: "evidence/ab.txt", sha256: "ab".repeat(32) };
    const j = judge("5-3", probe, {
      "sign-once": {
        outputs: [],
        failures: [
          { requested: { format: "CAdES", level: "T" }, ended: "imzaci exited with 3", stdout: stderr, stderr },
        ],
        trace: traceOf([]),
      },
    });
    expect(j.verdict).toBe("fail");
    expect(j.reason.en).toBe(
      "The application could not sign in a format asked for: CAdES T was asked for and no signature was written (imzaci exited with 3).",
    );
    if (j.verdict !== "not-assessed") expect(j.evidence).toEqual([stderr]);
  });
});
