import { describe, expect, it } from "vitest";
import { opensslCms, throwawayPki } from "../../testing/probes/openssl-cms.ts";
import { judge, signedOutput, traceOf } from "../../testing/probes/given.ts";
import probe from "./1.3-2.ts";

const signOnce = async (...flagSets: string[][]) => ({
  "sign-once": {
    outputs: await Promise.all(
      flagSets.map((f) => signedOutput(opensslCms(f), throwawayPki().rootPem, { format: "cades", level: "B-B" })),
    ),
    trace: traceOf([]),
  },
});

describe("1.3-2: the signing-certificate attribute is in the signed data", () => {
  it("pass: openssl cms -cades writes ESS signing-certificate-v2 naming the signer", async () => {
    const j = judge("1.3-2", probe, await signOnce(["-cades"]));
    expect(j.verdict).toBe("pass");
    expect(j.reason.en).toMatch(/All 1 signatures carry a signing-certificate attribute .*\(v2/);
    if (j.verdict !== "not-assessed") expect(j.evidence[0]).toMatchObject({ kind: "validation-report" });
  });

  it("fail: plain openssl cms (no -cades) has signed attributes but no signing-certificate attribute", async () => {
    const j = judge("1.3-2", probe, await signOnce(["-cades"], []));
    expect(j.verdict).toBe("fail");
    expect(j.reason.en).toMatch(/No signing-certificate attribute in the cades B-B output/);
  });

  it("fail: openssl cms -noattr signs with no signed attributes at all", async () => {
    expect(judge("1.3-2", probe, await signOnce(["-noattr"])).verdict).toBe("fail");
  });

  it("undetermined: a file uyum cannot read as a signature is never held against the application", async () => {
    const good = await signOnce(["-cades"]);
    const o = good["sign-once"].outputs[0]!;
    const garbage = { ...o, validation: { ...o.validation, format: "unknown" as const, signatures: [] } };
    const j = judge("1.3-2", probe, { "sign-once": { outputs: [garbage], trace: traceOf([]) } });
    expect(j.verdict).toBe("undetermined");
    expect(j.reason.en).toMatch(/could not read .* as a signature/);
  });

  it("undetermined: no output at all", () => {
    expect(judge("1.3-2", probe, { "sign-once": { outputs: [], trace: traceOf([]) } }).verdict).toBe("undetermined");
  });
});
