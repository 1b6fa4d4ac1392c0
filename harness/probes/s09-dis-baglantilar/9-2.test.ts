import { describe, expect, it } from "vitest";
import { judge, traceOf } from "../../testing/probes/given.ts";
import { cades, xades } from "../../testing/probes/typed-signatures.ts";
import type { SignedOutput } from "../../sessions/evidence.ts";
import probe from "./9-2.ts";

const signOnce = (outputs: SignedOutput[], cardChain?: string[]) => ({
  "sign-once": { outputs, trace: traceOf([]), ...(cardChain ? { cardChain } : {}) },
});

describe("9-2: with no CA certificate on the card, the signature still carries the signer's chain", () => {
  it("pass: CAdES and XAdES carry the issuer beside the signer", async () => {
    const j = judge("9-2", probe, signOnce([await cades(), await xades({ mimeType: "text/plain" })], []));
    expect(j.verdict, j.reason.en).toBe("pass");
    expect(j.reason.en).toMatch(/each of the 2 signatures carries its chain's certificates too/);
  });
  it("fail: the signer's certificate alone (the signer-cert-only flaw)", async () => {
    const j = judge("9-2", probe, signOnce([await cades(), await cades({ withIssuer: false })], []));
    expect(j.verdict, j.reason.en).toBe("fail");
    expect(j.reason.en).toMatch(
      /carries none of its chain's CA certificates: the CAdES BES output .* \(1 certificate\)/,
    );
  });
  it("undetermined: the card held the chain, so a carried chain proves nothing", async () => {
    const j = judge("9-2", probe, signOnce([await cades()], ["kok-sm", "alt-sm"]));
    expect(j.verdict).toBe("undetermined");
    expect(j.reason.en).toMatch(/held the chain's CA certificates as well \(kok-sm, alt-sm\)/);
  });
  it("undetermined: a card uyum did not write (what it holds is not known)", async () => {
    const j = judge("9-2", probe, signOnce([await cades({ withIssuer: false })]));
    expect(j.verdict).toBe("undetermined");
    expect(j.reason.en).toMatch(/a card uyum did not write/);
  });
});
