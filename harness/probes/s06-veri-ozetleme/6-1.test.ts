import { describe, expect, it } from "vitest";
import { opensslCms, throwawayPki } from "../../testing/probes/openssl-cms.ts";
import { judge, profileWith, signedOutput, traceOf } from "../../testing/probes/given.ts";
import probe from "./6-1.ts";

const signOnce = async (...mds: string[]) => ({
  "sign-once": {
    outputs: await Promise.all(
      mds.map((md) =>
        signedOutput(opensslCms(["-cades", "-md", md]), throwawayPki().rootPem, { format: "cades", level: "B-B" }),
      ),
    ),
    trace: traceOf([]),
  },
});

describe("6-1: the hash algorithms used are the form's, acceptable for new signatures, and declared", () => {
  const cases = [
    {
      name: "SHA-256, on the form's list",
      mds: ["sha256"],
      verdict: "pass",
      reason: /Hash algorithms used: SHA-256; all on/,
    },
    { name: "SHA-224, on the form's list", mds: ["sha224"], verdict: "pass", reason: /SHA-224/ },
    {
      name: "SHA-1: on the old form, but not acceptable for new signatures",
      mds: ["sha256", "sha1"],
      verdict: "fail",
      reason: /SHA-1 is not acceptable for new signatures under ETSI TS 119 312/,
    },
    {
      name: "SHA-512: off the form's list yet acceptable, so the assessor decides",
      mds: ["sha512"],
      verdict: "undetermined",
      reason: /SHA-512 is not on the form's list \(footnote 9\) but is acceptable/,
    },
  ];
  for (const c of cases)
    it(`${c.verdict}: ${c.name}`, async () => {
      const j = judge("6-1", probe, await signOnce(...c.mds));
      expect(j.verdict).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
    });

  it("fail: an algorithm used but not declared in the profile", async () => {
    const j = judge("6-1", probe, await signOnce("sha224"), profileWith({ hashAlgorithms: ["SHA-256"] }));
    expect(j.verdict).toBe("fail");
    expect(j.reason.en).toMatch(/SHA-224 was used but the profile does not declare it \(declared: SHA-256\)/);
  });

  it("pass: the declared algorithm is the one used", async () => {
    const j = judge("6-1", probe, await signOnce("sha256"), profileWith({ hashAlgorithms: ["SHA-256"] }));
    expect(j.verdict).toBe("pass");
  });
});
