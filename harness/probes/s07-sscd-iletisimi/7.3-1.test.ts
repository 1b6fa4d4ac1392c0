import { describe, expect, it } from "vitest";
import { judge, traceOf } from "../../testing/probes/given.ts";
import probe from "./7.3-1.ts";

const readCert = (id: string, label = `nes-${id}`) => ({
  fn: "C_GetAttributeValue",
  session: 1,
  class: "CKO_CERTIFICATE",
  label,
  id,
  attrs: ["CKA_VALUE"],
  value_read: true,
});
const sign = (id: string) => [
  { fn: "C_Login", user: "CKU_USER", pin_given: true, session: 1 },
  { fn: "C_SignInit", session: 1, mech: "CKM_SHA256_RSA_PKCS", class: "CKO_PRIVATE_KEY", label: `nes-${id}`, id },
  { fn: "C_Sign", session: 1, class: "CKO_PRIVATE_KEY", label: `nes-${id}`, id, in_len: 51, out_len: 256 },
];
const once = (calls: object[]) => ({ "sign-once": { outputs: [], trace: traceOf(calls) } });

describe("7.3-1: the signing certificate is obtained from the card", () => {
  it("pass: the certificate beside the signing key was read before the signature", () => {
    const j = judge("7.3-1", probe, once([readCert("01"), ...sign("01")]));
    expect(j.verdict).toBe("pass");
    if (j.verdict !== "not-assessed") expect(j.evidence[0]!.locator).toBe("seq 0,3");
  });

  it("fail: no certificate read from the card (openssl's -signer FILE does this)", () => {
    const j = judge("7.3-1", probe, once(sign("01")));
    expect(j.verdict).toBe("fail");
    expect(j.reason.en).toMatch(/no certificate was read from the card at all/);
  });

  it("fail: another certificate was read, not the signing key's", () => {
    const j = judge("7.3-1", probe, once([readCert("02"), ...sign("01")]));
    expect(j.verdict).toBe("fail");
    expect(j.reason.en).toMatch(/\(read: nes-02\)/);
  });

  it("fail: the certificate was read only after the signature", () => {
    expect(judge("7.3-1", probe, once([...sign("01"), readCert("01")])).verdict).toBe("fail");
  });

  it("undetermined: no signature", () => {
    expect(judge("7.3-1", probe, once([readCert("01")])).verdict).toBe("undetermined");
  });
});
