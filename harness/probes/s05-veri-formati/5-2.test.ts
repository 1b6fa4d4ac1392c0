import { describe, expect, it } from "vitest";
import { DOCUMENT, opensslCms, throwawayPki } from "../../testing/probes/openssl-cms.ts";
import { judge, profileWith, signedOutput, traceOf } from "../../testing/probes/given.ts";
import probe from "./5-2.ts";

const signOnce = async (n = 1) => ({
  "sign-once": {
    outputs: await Promise.all(
      Array.from({ length: n }, () =>
        signedOutput(
          opensslCms(["-cades"]),
          throwawayPki().rootPem,
          { format: "CAdES", level: "BES" },
          undefined,
          DOCUMENT,
        ),
      ),
    ),
    trace: traceOf([]),
  },
});

describe("5-2: the declared signature formats come out", () => {
  it("pass: CAdES declared, CAdES BES seen", async () => {
    const j = judge("5-2", probe, await signOnce(), profileWith({ signatureFormats: ["CAdES"] }));
    expect(j.verdict).toBe("pass");
    expect(j.reason.en).toBe("Signatures came out in every declared format: CAdES BES.");
  });

  it("fail: XAdES declared too, but only CAdES came out", async () => {
    const j = judge("5-2", probe, await signOnce(), profileWith({ signatureFormats: ["CAdES", "XAdES"] }));
    expect(j.verdict).toBe("fail");
    expect(j.reason.en).toMatch(/Declared XAdES, but no signature in it came out \(seen: CAdES BES\)/);
  });

  it("fail: a format the profile does not declare came out", async () => {
    const j = judge("5-2", probe, await signOnce(), profileWith({ signatureFormats: ["PAdES"] }));
    expect(j.verdict).toBe("fail");
    expect(j.reason.en).toMatch(/undeclared format came out: .*→ CAdES/);
  });

  it("undetermined: the profile declares no format", async () => {
    expect(judge("5-2", probe, await signOnce(), profileWith({})).verdict).toBe("undetermined");
  });
});
