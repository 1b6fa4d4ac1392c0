// The card README's OpenSSL example, run exactly as written (the sh block under "Signing with OpenSSL through the
// card"), in a directory holding the README's CARD and PKI: it must sign, the signature must verify, and the PIN
// must travel in the environment only, never on a command line.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Runner, testRoot, UYUM_BIN, writeTestPki } from "../testing/card.ts";

const README = readFileSync(join(import.meta.dirname, "README.md"), "utf8");

/** The sh block that follows the OpenSSL paragraph. */
function opensslExample(): string {
  const at = README.indexOf("Signing with OpenSSL through the card");
  expect(at).toBeGreaterThan(0);
  const m = /```sh\n([\s\S]*?)```/.exec(README.slice(at));
  expect(m).not.toBeNull();
  return m![1];
}

describe("card README: the OpenSSL example works as written", () => {
  it("signs through the card with the PIN in the environment only; the signature verifies", async () => {
    const script = opensslExample();
    // The PIN is never written into the command text itself.
    expect(script).not.toMatch(/pass:|--pin\b|-pin\b/);
    const root = testRoot("readme");
    const runner = new Runner();
    const pki = await writeTestPki(root);
    spawnSync("mv", [pki, join(root, "PKI")]);
    const init = runner.uyum(["card", "init", "--pki", join(root, "PKI"), "--out", join(root, "CARD")]);
    expect(init.code, init.stderr).toBe(0);
    writeFileSync(join(root, "doc"), "README örneği\n");
    const pin = JSON.parse(readFileSync(join(root, "CARD", "card.json"), "utf8")).pin as string;
    const r = spawnSync("bash", ["-euo", "pipefail", "-c", script], { cwd: root, encoding: "utf8", timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(root, "doc.p7s"))).toBe(true);
    // The card's trace shows the login and the signature; it never holds the PIN.
    const trace = readFileSync(join(root, "CARD", "trace.jsonl"), "utf8");
    expect(trace).toContain("C_Login");
    expect(trace).toContain("C_Sign");
    expect(trace).not.toContain(pin);
    expect(r.stdout + r.stderr).not.toContain(pin);
    // The detached CAdES verifies (openssl's own check of the math, then uyum's).
    const v = spawnSync(
      "openssl",
      [
        "cms",
        "-verify",
        "-binary",
        "-noverify",
        "-inform",
        "DER",
        "-in",
        "doc.p7s",
        "-content",
        "doc",
        "-out",
        "/dev/null",
      ],
      { cwd: root, encoding: "utf8" },
    );
    expect(v.status, v.stderr).toBe(0);
    const u = spawnSync(
      process.execPath,
      [UYUM_BIN, "validate", "doc.p7s", "--detached", "doc", "--trust", "PKI/certs/root.pem", "--no-fetch", "--json"],
      { cwd: root, encoding: "utf8" },
    );
    const res = JSON.parse(u.stdout);
    const sig = res.signatures[0].checks;
    expect(sig.find((c: { id: string }) => c.id === "signature-value").result).toBe("passed");
    expect(sig.find((c: { id: string }) => c.id === "message-digest").result).toBe("passed");
  }, 120_000);
});
