// The virtual card end to end with real clients: pkcs11-tool, openssl cms (pkcs11 engine) and pkcs11js,
// all through the interposer in front of SoftHSM2, provisioned from a real test PKI (harness/pki writePki).
import { createHash, createVerify, X509Certificate as NodeX509 } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pkcs11js from "pkcs11js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCardState, setFaults } from "./faults.ts";
import { ckrName, CKU_SO, CKU_USER, findPrivateKey, NoTokenError, withCardEnv, withCardSession } from "./p11.ts";
import { INTERPOSER_PATH } from "./paths.ts";
import { loadCard, tokenOf, tokensOf, type CardInfo } from "./provision.ts";
import { Runner, testRoot, writeTestPki } from "../testing/card.ts";
import { certificatesReadFromCard, reactionTo, readTrace, traceMark, whichKeySigned } from "./trace.ts";

const runner = new Runner();
let root: string;
let pkiDir: string;
let caFile: string;

/** `uyum card init --json` through the real CLI; its output holds the PIN on purpose, so it is not kept for the scan. */
function initCard(name: string, extra: string[] = ["--cert", "nes-rsa", "nes-ec"]): CardInfo {
  const r = runner.uyum(["card", "init", "--pki", pkiDir, "--out", join(root, name), "--json", ...extra], {
    secretOutput: true,
  });
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const printed = JSON.parse(r.stdout) as {
    module: string;
    env: Record<string, string>;
    pin: string;
    soPin: string;
    tokenLabel: string;
  };
  const card = loadCard(join(root, name));
  expect(printed.module).toBe(card.module);
  expect(printed.pin).toBe(card.pin);
  expect(printed.tokenLabel).toBe(card.tokenLabel);
  return card;
}

/** pkcs11-tool on the card; a PIN or SO-PIN goes in the environment (args name it as env:UYUM_TEST_PIN or
 * env:UYUM_TEST_SO_PIN), never on the command line. */
function p11tool(card: CardInfo, args: string[], pins: { pin?: string; soPin?: string } = {}) {
  const env: Record<string, string> = { ...card.env };
  if (pins.pin !== undefined) env.UYUM_TEST_PIN = pins.pin;
  if (pins.soPin !== undefined) env.UYUM_TEST_SO_PIN = pins.soPin;
  return runner.run("pkcs11-tool", ["--module", card.module, ...args], { env });
}

/** CAdES-BES with openssl cms and libp11's engine over the interposer; the PIN travels in the environment. */
function opensslSign(card: CardInfo, keyId: string, signerLabel: string, out: string) {
  const doc = join(root, "doc.txt");
  writeFileSync(doc, "Bu belge test amaçlıdır.\n");
  return runner.run(
    "openssl",
    [
      "cms",
      "-sign",
      "-cades",
      "-binary",
      "-in",
      doc,
      "-outform",
      "DER",
      "-out",
      out,
      "-md",
      "sha256",
      "-signer",
      join(pkiDir, "certs", `${signerLabel}.pem`),
      "-engine",
      "pkcs11",
      "-keyform",
      "engine",
      "-inkey",
      `pkcs11:token=${card.tokenLabel};id=%${keyId};type=private`,
      "-passin",
      "env:UYUM_TEST_PIN",
    ],
    { env: { ...card.env, OPENSSL_CONF: card.opensslConf, UYUM_TEST_PIN: card.pin! } },
  );
}

beforeAll(async () => {
  root = testRoot("card");
  pkiDir = await writeTestPki(root);
  caFile = join(root, "ca.pem");
  writeFileSync(
    caFile,
    ["root", "subroot"].map((l) => readFileSync(join(pkiDir, "certs", `${l}.pem`), "utf8")).join(""),
  );
});

describe("setup", () => {
  it("the setup step builds the interposer idempotently and pkcs11-tool loads it", () => {
    const step = join(import.meta.dirname, "..", "..", "scripts", "setup.d", "40-card-interposer.sh");
    for (let i = 0; i < 2; i++) {
      const r = runner.run("bash", [step]);
      expect(r.code, r.stderr).toBe(0);
    }
    const info = runner.run("pkcs11-tool", ["--module", INTERPOSER_PATH, "-I"], {
      env: { SOFTHSM2_CONF: join(root, "none.conf") },
    });
    // no SoftHSM config: the interposer loads, and the real module's refusal comes back through it
    expect(info.stderr).toMatch(/C_Initialize|CKR_/);
    const sym = runner.run("nm", ["-D", "--defined-only", INTERPOSER_PATH]);
    expect(sym.stdout).toMatch(/ T C_GetFunctionList$/m);
  });
});

describe("provisioning from the test PKI", () => {
  it("puts each NES key with its certificate under one CKA_ID, and the chain when asked", () => {
    const card = initCard("prov", ["--with-chain"]);
    // by default: every NES certificate of a valid scenario, in pki.json order
    const index = JSON.parse(readFileSync(join(pkiDir, "pki.json"), "utf8")) as {
      entities: { label: string; role: string; scenario?: string }[];
    };
    const valid = index.entities
      .filter((e) => e.role === "nes" && (!e.scenario || e.scenario.startsWith("valid")))
      .map((e) => e.label);
    expect(valid.slice(0, 2)).toEqual(["nes-rsa", "nes-ec"]);
    expect(card.keys.map((k) => k.label)).toEqual(valid);
    expect(card.keys.map((k) => k.id)).toEqual(valid.map((_, i) => (i + 1).toString(16).padStart(2, "0")));
    expect(card.chain.map((c) => c.label).slice(0, 2)).toEqual(["subroot", "root"]);
    // independent look through pkcs11-tool: objects, their labels, ids and types
    const r = p11tool(card, ["--token-label", card.tokenLabel, "--login", "--pin", "env:UYUM_TEST_PIN", "-O"], {
      pin: card.pin!,
    });
    expect(r.code).toBe(0);
    const objects = r.stdout.split(/\n(?=\S)/).filter((b) => /Object;/.test(b));
    const find = (type: string, label: string) =>
      objects.find((b) => b.includes(type) && b.includes(`label:      ${label}\n`));
    for (const [label, id] of [
      ["nes-rsa", "01"],
      ["nes-ec", "02"],
    ]) {
      expect(find("Private Key Object", label)).toMatch(new RegExp(`ID:\\s+${id}\\b`));
      expect(find("Certificate Object", label)).toMatch(new RegExp(`ID:\\s+${id}\\b`));
    }
    expect(find("Certificate Object", "root")).toMatch(/ID:\s+ca02/);
    // the certificate on the card is the PKI's, byte for byte
    const file = join(root, "read-back.der");
    const der = p11tool(card, [
      "--token-label",
      card.tokenLabel,
      "--read-object",
      "--type",
      "cert",
      "--id",
      "01",
      "--output-file",
      file,
    ]);
    expect(der.code).toBe(0);
    const want = new NodeX509(readFileSync(join(pkiDir, "certs", "nes-rsa.pem")));
    expect(new NodeX509(readFileSync(file)).fingerprint256).toBe(want.fingerprint256);
  });

  it("without --json prints the module and an environment that works, and no PIN", () => {
    const out = join(root, "human");
    const r = runner.uyum(["card", "init", "--pki", pkiDir, "--out", out, "--cert", "nes-rsa", "--label", "insan"]);
    expect(r.code, r.stderr).toBe(0);
    const card = loadCard(out);
    expect(r.stdout).toContain(`PKCS#11 module: ${card.module}`);
    expect(r.stdout).not.toContain(card.pin!);
    expect(r.stdout).not.toContain(card.soPin!);
    // the printed exports, and nothing else, are what pkcs11-tool gets
    const env = Object.fromEntries(
      [...r.stdout.matchAll(/^export (\w+)=(".*")$/gm)].map((m) => [m[1], JSON.parse(m[2]) as string]),
    );
    expect(Object.keys(env).sort()).toEqual([
      "SOFTHSM2_CONF",
      "UYUM_P11_CONFIG",
      "UYUM_P11_MODULE",
      "UYUM_P11_STATE",
      "UYUM_P11_TRACE",
    ]);
    const list = runner.run("env", [
      "-i",
      ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
      "pkcs11-tool",
      "--module",
      card.module,
      "-L",
    ]);
    expect(list.stdout).toContain("token label        : insan");
    expect(readTrace(out).some((e) => e.fn === "C_GetTokenInfo" && e.token?.trim() === "insan")).toBe(true);
  });

  it("names what is wrong in bad input", () => {
    const missing = runner.uyum(["card", "init", "--pki", join(root, "nope"), "--out", join(root, "x1")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`${join(root, "nope")}/pki.json`);
    const unknown = runner.uyum(["card", "init", "--pki", pkiDir, "--out", join(root, "x2"), "--cert", "no-such-cert"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--cert no-such-cert: no entity "no-such-cert"');
    const again = runner.uyum(["card", "init", "--pki", pkiDir, "--out", join(root, "prov")]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("already holds a card");
    const notCard = runner.uyum(["card", "unlock", join(root, "nope")]);
    expect(notCard.code).toBe(2);
    expect(notCard.stderr).toContain("no card here");
    // a card.json without its token list is refused by name, not read as some other card
    const noTokens = mkdtempSync(join(tmpdir(), "uyum-card-no-tokens-")); // outside root: not a card of the PIN scan
    const { tokens: _tokens, ...withoutTokens } = JSON.parse(readFileSync(join(root, "prov", "card.json"), "utf8"));
    writeFileSync(join(noTokens, "card.json"), JSON.stringify(withoutTokens));
    const old = runner.uyum(["card", "status", noTokens]);
    expect(old.code).toBe(2);
    expect(old.stderr).toContain(`${join(noTokens, "card.json")}: lists no tokens`);
    rmSync(noTokens, { recursive: true });
  });
});

describe("PIN retry counter (pkcs11-tool through the interposer)", () => {
  let card: CardInfo;
  beforeAll(() => {
    card = initCard("lock");
  });
  const login = (pin: string) =>
    p11tool(card, ["--token-label", card.tokenLabel, "--login", "--pin", "env:UYUM_TEST_PIN", "-O"], { pin });
  const flags = () =>
    p11tool(card, ["-T"])
      .stdout.split("\n")
      .find((l) => l.includes("token flags")) ?? "";

  it("locks after three wrong PINs, even for the right one, and the token flags say so", () => {
    expect(flags()).not.toMatch(/count low|final try|locked/);
    expect(login("00000000").stderr).toContain("CKR_PIN_INCORRECT");
    expect(flags()).toContain("user PIN count low");
    expect(login("00000000").stderr).toContain("CKR_PIN_INCORRECT");
    expect(flags()).toContain("final user PIN try");
    expect(login("00000000").stderr).toContain("CKR_PIN_INCORRECT");
    expect(flags()).toContain("user PIN locked");
    const right = login(card.pin!);
    expect(right.code).not.toBe(0);
    expect(right.stderr).toContain("CKR_PIN_LOCKED");
    // the lock is the card's: it is on disk, not in a process
    expect(Object.values(readCardState(card.dir).triesLeft)).toEqual([0]);
    const status = runner.uyum(["card", "status", card.dir]);
    expect(status.stdout).toContain("PIN tries left: 0 of 3 — LOCKED (uyum card unlock)");
  });

  it("works again after `uyum card unlock` (SO login + C_InitPIN)", () => {
    const r = runner.uyum(["card", "unlock", card.dir]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("unlocked, PIN tries left: 3");
    expect(flags()).not.toMatch(/count low|final try|locked/);
    expect(login(card.pin!).code).toBe(0);
  });

  it("a correct login resets the counter", () => {
    expect(login("00000000").stderr).toContain("CKR_PIN_INCORRECT");
    expect(login(card.pin!).code).toBe(0);
    expect(Object.values(readCardState(card.dir).triesLeft)).toEqual([3]);
  });

  it("a wrong old PIN in C_SetPIN (pkcs11js, no login first) costs a try too, as on a card", () => {
    const rv = withCardSession(card, (s) => {
      try {
        s.p11.C_SetPIN(s.session, "00000000", "11223344");
        return "CKR_OK";
      } catch (err) {
        return ckrName(err) ?? String(err);
      }
    });
    expect(rv).toBe("CKR_PIN_INCORRECT");
    expect(Object.values(readCardState(card.dir).triesLeft)).toEqual([2]);
    expect(
      readTrace(card.dir)
        .filter((e) => e.fn === "C_SetPIN")
        .map((e) => [e.user, e.rv, e.pin_tries_left]),
    ).toEqual([["CKU_USER", "CKR_PIN_INCORRECT", 2]]);
    expect(login(card.pin!).code).toBe(0); // the PIN did not change, and a right login resets the counter
    expect(Object.values(readCardState(card.dir).triesLeft)).toEqual([3]);
  });

  it("the trace shows the login attempts, tries left and the lock, and what pkcs11-tool did next", () => {
    const logins = readTrace(card.dir).filter((e) => e.fn === "C_Login" && e.user === "CKU_USER");
    expect(logins.slice(0, 4).map((e) => [e.rv, e.pin_tries_left])).toEqual([
      ["CKR_PIN_INCORRECT", 2],
      ["CKR_PIN_INCORRECT", 1],
      ["CKR_PIN_INCORRECT", 0],
      ["CKR_PIN_LOCKED", 0],
    ]);
    const trace = readTrace(card.dir);
    const reactions = reactionTo(trace, "CKR_PIN_LOCKED");
    expect(reactions).toHaveLength(1);
    // pkcs11-tool finalizes the module and aborts on a failed login
    expect(reactions[0].reaction).toBe("finalized");
    expect(trace.some((e) => e.fn === "C_InitPIN" && e.rv === "CKR_OK")).toBe(true);
  });
});

describe("SO-PIN retry counter", () => {
  let card: CardInfo;
  beforeAll(() => {
    card = initCard("solock");
  });
  const soLogin = (soPin: string) =>
    p11tool(
      card,
      [
        "--token-label",
        card.tokenLabel,
        "--session-rw",
        "--login",
        "--login-type",
        "so",
        "--so-pin",
        "env:UYUM_TEST_SO_PIN",
        "-O",
      ],
      { soPin },
    );
  const userLogin = (pin: string) =>
    p11tool(card, ["--token-label", card.tokenLabel, "--login", "--pin", "env:UYUM_TEST_PIN", "-O"], { pin });
  const flags = () =>
    p11tool(card, ["-T"])
      .stdout.split("\n")
      .find((l) => l.includes("token flags")) ?? "";
  const soTries = () => Object.values(readCardState(card.dir).soTriesLeft);

  it("a correct SO login resets the SO counter (pkcs11-tool --login-type so)", () => {
    expect(flags()).not.toMatch(/SO PIN/);
    expect(soLogin("00000000").stderr).toContain("CKR_PIN_INCORRECT");
    expect(flags()).toContain("SO PIN count low");
    expect(soTries()).toEqual([2]);
    const ok = soLogin(card.soPin!);
    expect(ok.code, ok.stderr).toBe(0);
    expect(soTries()).toEqual([3]);
    expect(flags()).not.toMatch(/SO PIN/);
  });

  it("three wrong SO-PINs lock it, even for the right one; the flags say so; the user PIN keeps its own counter", () => {
    expect(soLogin("00000000").stderr).toContain("CKR_PIN_INCORRECT");
    expect(soLogin("00000000").stderr).toContain("CKR_PIN_INCORRECT");
    expect(flags()).toMatch(/SO PIN count low.*final SO PIN try|final SO PIN try.*SO PIN count low/);
    expect(soLogin("00000000").stderr).toContain("CKR_PIN_INCORRECT");
    expect(flags()).toContain("SO PIN locked");
    const right = soLogin(card.soPin!);
    expect(right.code).not.toBe(0);
    expect(right.stderr).toContain("CKR_PIN_LOCKED");
    expect(soTries()).toEqual([0]);
    // separate counters, as on a card: the user still signs in, and the user flags are clean
    expect(userLogin(card.pin!).code).toBe(0);
    expect(flags()).not.toMatch(/user PIN/);
    expect(runner.uyum(["card", "status", card.dir]).stdout).toContain(
      "SO-PIN tries left: 0 of 3 — LOCKED: the card is dead",
    );
    const logins = readTrace(card.dir).filter((e) => e.fn === "C_Login" && e.user === "CKU_SO");
    expect(logins.map((e) => [e.rv, e.pin_tries_left])).toEqual([
      ["CKR_PIN_INCORRECT", 2],
      ["CKR_OK", 3],
      ["CKR_PIN_INCORRECT", 2],
      ["CKR_PIN_INCORRECT", 1],
      ["CKR_PIN_INCORRECT", 0],
      ["CKR_PIN_LOCKED", 0],
    ]);
  });

  it("`uyum card unlock` says the SO-PIN is locked and the card is dead, without spending an SO login", () => {
    // lock the user PIN too: now nothing can bring the card back
    for (let i = 0; i < 3; i++) expect(userLogin("00000000").stderr).toContain("CKR_PIN_INCORRECT");
    const before = readTrace(card.dir).filter((e) => e.fn === "C_Login").length;
    const r = runner.uyum(["card", "unlock", card.dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/SO-PIN of token "uyum-card" is locked/);
    expect(r.stderr).toContain("the card is dead");
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // a clear message, not a stack trace
    expect(readTrace(card.dir).filter((e) => e.fn === "C_Login").length).toBe(before);
    expect(userLogin(card.pin!).stderr).toContain("CKR_PIN_LOCKED");
  });

  it("a dead card cannot be re-initialised: C_InitToken with the right SO-PIN gives CKR_PIN_LOCKED, the token is kept", () => {
    const r = p11tool(
      card,
      ["--token-label", card.tokenLabel, "--init-token", "--label", "yeni-kart", "--so-pin", "env:UYUM_TEST_SO_PIN"],
      { soPin: card.soPin! },
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("CKR_PIN_LOCKED");
    const listed = p11tool(card, ["-L"]).stdout;
    expect(listed).toContain(card.tokenLabel);
    expect(listed).not.toContain("yeni-kart");
    const init = readTrace(card.dir).filter((e) => e.fn === "C_InitToken");
    expect(init.map((e) => [e.rv, e.pin_tries_left, e.pin_given])).toEqual([["CKR_PIN_LOCKED", 0, true]]);
  });

  it("pkcs11js: --so-pin-tries 2 at init, CKF_SO_PIN_* flags, CKR_PIN_LOCKED for the right SO-PIN, kept across processes", () => {
    const so2 = initCard("so2", ["--cert", "nes-rsa", "--so-pin-tries", "2"]);
    expect(so2.soPinMaxTries).toBe(2);
    const attempt = (soPin: string) =>
      withCardSession(so2, (s) => {
        try {
          s.p11.C_Login(s.session, CKU_SO, soPin);
          s.p11.C_Logout(s.session);
          return "CKR_OK";
        } catch (err) {
          return ckrName(err) ?? String(err);
        }
      });
    const soFlags = () =>
      withCardSession(so2, (s) => {
        const f = s.p11.C_GetTokenInfo(s.slot).flags;
        return [pkcs11js.CKF_SO_PIN_COUNT_LOW, pkcs11js.CKF_SO_PIN_FINAL_TRY, pkcs11js.CKF_SO_PIN_LOCKED].map(
          (b) => (f & b) !== 0,
        );
      });
    expect(soFlags()).toEqual([false, false, false]);
    expect(attempt("00000000")).toBe("CKR_PIN_INCORRECT");
    expect(soFlags()).toEqual([true, true, false]);
    expect(attempt("00000000")).toBe("CKR_PIN_INCORRECT");
    expect(soFlags()).toEqual([true, false, true]);
    expect(attempt(so2.soPin!)).toBe("CKR_PIN_LOCKED");
    expect(Object.values(readCardState(so2.dir).soTriesLeft)).toEqual([0]);
  });
});

describe("signing through the interposer", () => {
  let card: CardInfo;
  beforeAll(() => {
    card = initCard("sign");
  });

  it("openssl cms -sign -cades with the pkcs11 engine: login then sign in the trace; openssl cms -verify accepts it", () => {
    const out = join(root, "sig-rsa.p7s");
    const r = opensslSign(card, "01", "nes-rsa", out);
    expect(r.code, r.stderr).toBe(0);
    const v = runner.run("openssl", [
      "cms",
      "-verify",
      "-binary",
      "-inform",
      "DER",
      "-in",
      out,
      "-content",
      join(root, "doc.txt"),
      "-CAfile",
      caFile,
      "-purpose",
      "any",
      "-out",
      "/dev/null",
    ]);
    expect(v.stderr).toContain("CMS Verification successful");
    const trace = readTrace(card.dir);
    const login = trace.findIndex((e) => e.fn === "C_Login" && e.rv === "CKR_OK");
    const init = trace.findIndex((e) => e.fn === "C_SignInit" && e.rv === "CKR_OK");
    const sign = trace.findIndex((e) => e.fn === "C_Sign" && e.rv === "CKR_OK" && !e.size_query);
    expect(login).toBeGreaterThanOrEqual(0);
    expect(init).toBeGreaterThan(login);
    expect(sign).toBeGreaterThan(init);
    const used = whichKeySigned(trace);
    expect(used).toHaveLength(1);
    expect(used[0]).toMatchObject({ label: "nes-rsa", id: "01", mech: "CKM_RSA_PKCS", signatureLength: 256 });
    // openssl hands RSA a DigestInfo: 19 bytes of SHA-256 prefix + 32 of hash
    expect(used[0].dataLength).toBe(51);
  });

  it("the ECDSA key signs too (several keys on one card), and the trace tells which key signed", () => {
    const out = join(root, "sig-ec.p7s");
    const r = opensslSign(card, "02", "nes-ec", out);
    expect(r.code, r.stderr).toBe(0);
    const v = runner.run("openssl", [
      "cms",
      "-verify",
      "-binary",
      "-inform",
      "DER",
      "-in",
      out,
      "-content",
      join(root, "doc.txt"),
      "-CAfile",
      caFile,
      "-purpose",
      "any",
      "-out",
      "/dev/null",
    ]);
    expect(v.stderr).toContain("CMS Verification successful");
    const used = whichKeySigned(readTrace(card.dir));
    expect(used.map((u) => [u.label, u.mech])).toEqual([
      ["nes-rsa", "CKM_RSA_PKCS"],
      ["nes-ec", "CKM_ECDSA"],
    ]);
    expect(used[1].dataLength).toBe(32);
  });

  it("pkcs11js signs and reads the certificate; node's crypto verifies the signature with the PKI's certificate", () => {
    const data = Buffer.from("imzalanacak veri");
    const sig = withCardSession(card, (s) => {
      s.p11.C_Login(s.session, CKU_USER, card.pin);
      const key = findPrivateKey(s, "nes-rsa");
      s.p11.C_SignInit(s.session, { mechanism: pkcs11js.CKM_SHA256_RSA_PKCS }, key);
      const out = s.p11.C_Sign(s.session, data, Buffer.alloc(256));
      s.p11.C_FindObjectsInit(s.session, [
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
        { type: pkcs11js.CKA_ID, value: Buffer.from([1]) },
      ]);
      const [cert] = s.p11.C_FindObjects(s.session, 1);
      s.p11.C_FindObjectsFinal(s.session);
      s.p11.C_GetAttributeValue(s.session, cert, [{ type: pkcs11js.CKA_VALUE }]);
      s.p11.C_Logout(s.session);
      return out;
    });
    const pem = readFileSync(join(pkiDir, "certs", "nes-rsa.pem"), "utf8");
    expect(createVerify("sha256").update(data).verify(pem, sig)).toBe(true);
    const read = certificatesReadFromCard(readTrace(card.dir));
    expect(read.map((c) => [c.label, c.id])).toEqual([["nes-rsa", "01"]]);
  });
});

describe("direct calls", () => {
  it("serves a client that dlsym()s each C_ function instead of using the function list (python ctypes)", () => {
    const card = loadCard(join(root, "sign"));
    const script = [
      "import ctypes, sys",
      "lib = ctypes.CDLL(sys.argv[1])",
      "n = ctypes.c_ulong(0)",
      "print(lib.C_Initialize(None), lib.C_GetSlotList(ctypes.c_ubyte(1), None, ctypes.byref(n)), n.value, lib.C_Finalize(None))",
    ].join("\n");
    const before = readTrace(card.dir).length;
    const r = runner.run("/usr/bin/python3", ["-c", script, card.module], { env: card.env });
    expect(r.code, r.stderr).toBe(0);
    // SoftHSM lists the card's token and its free slot
    expect(r.stdout.trim()).toBe("0 0 2 0");
    const pid = readTrace(card.dir).slice(before);
    expect(pid.map((e) => e.fn)).toEqual(["C_Initialize", "C_GetSlotList", "C_Finalize"]);
  });
});

describe("fault injection", () => {
  let card: CardInfo;
  beforeAll(() => {
    card = initCard("faults");
  });

  it("card removed at the 2nd signature: pkcs11js sees CKR_DEVICE_REMOVED mid-operation, then no token until re-inserted", () => {
    setFaults(card.dir, { removeAtSign: 2 });
    const results: string[] = [];
    expect(() =>
      withCardSession(card, (s) => {
        s.p11.C_Login(s.session, CKU_USER, card.pin);
        const key = findPrivateKey(s, "nes-rsa");
        for (let i = 0; i < 3; i++) {
          try {
            s.p11.C_SignInit(s.session, { mechanism: pkcs11js.CKM_SHA256_RSA_PKCS }, key);
            s.p11.C_Sign(s.session, Buffer.from(`doc ${i}`), Buffer.alloc(256));
            results.push("CKR_OK");
          } catch (err) {
            results.push(ckrName(err) ?? String(err));
          }
        }
      }),
    ).not.toThrow();
    expect(results).toEqual(["CKR_OK", "CKR_DEVICE_REMOVED", "CKR_DEVICE_REMOVED"]);
    // the card stays out for a new process too
    expect(readCardState(card.dir).removed).toBe(true);
    expect(() => withCardSession(card, () => 0)).toThrow(NoTokenError);
    const r = p11tool(card, ["-L"]);
    expect(r.stdout).not.toContain(card.tokenLabel);
    // new faults (here none): the card is back
    setFaults(card.dir, {});
    expect(withCardSession(card, () => "back")).toBe("back");
    const trace = readTrace(card.dir);
    const removed = trace.filter((e) => e.rv === "CKR_DEVICE_REMOVED");
    expect(removed[0]).toMatchObject({ fn: "C_Sign", injected: "card-removed", in_len: 5 });
    expect(reactionTo(trace, "CKR_DEVICE_REMOVED")[0].reaction).toBe("retried");
  });

  it("card pulled right after C_SignInit: openssl cms fails on C_Sign with CKR_DEVICE_REMOVED", () => {
    setFaults(card.dir, { removeAfterSignInit: 1 });
    const r = opensslSign(card, "01", "nes-rsa", join(root, "sig-removed.p7s"));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("Device removed");
    const trace = readTrace(card.dir);
    const last = trace.filter((e) => e.pid === trace[trace.length - 1].pid);
    const init = last.find((e) => e.fn === "C_SignInit");
    expect(init).toMatchObject({ rv: "CKR_OK", injected: "card-removed-after-sign-init" });
    expect(last.find((e) => e.fn === "C_Sign")).toMatchObject({ rv: "CKR_DEVICE_REMOVED" });
    // openssl exits without another PKCS#11 call
    expect(reactionTo(last, "CKR_DEVICE_REMOVED")[0].reaction).toBe("gave-up");
    setFaults(card.dir, {});
  });

  it("no RNG: C_GenerateRandom gives CKR_RANDOM_NO_RNG and CKF_RNG is gone (pkcs11js, pkcs11-tool)", () => {
    const before = withCardSession(card, (s) => s.p11.C_GetTokenInfo(s.slot).flags);
    expect(before & pkcs11js.CKF_RNG).toBe(pkcs11js.CKF_RNG);
    setFaults(card.dir, { noRng: true });
    const seen = withCardSession(card, (s) => {
      const flags = s.p11.C_GetTokenInfo(s.slot).flags;
      try {
        s.p11.C_GenerateRandom(s.session, Buffer.alloc(16));
        return { flags, rv: "CKR_OK" };
      } catch (err) {
        return { flags, rv: ckrName(err) };
      }
    });
    expect(seen.rv).toBe("CKR_RANDOM_NO_RNG");
    expect(seen.flags & pkcs11js.CKF_RNG).toBe(0);
    const r = p11tool(card, ["--token-label", card.tokenLabel, "--generate-random", "16"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("Could not generate random bytes");
    setFaults(card.dir, {});
    expect(withCardSession(card, (s) => s.p11.C_GenerateRandom(s.session, Buffer.alloc(16)).length)).toBe(16);
  });

  it("token not present: no slot with a token, CKR_TOKEN_NOT_PRESENT, pkcs11-tool shows empty slots", () => {
    setFaults(card.dir, { tokenAbsent: true });
    const r = p11tool(card, ["-L"]);
    expect(r.stdout).toContain("(empty)");
    expect(r.stdout).not.toContain(card.tokenLabel);
    const seen = withCardEnvProbe(card);
    expect(seen).toEqual({ present: 0, tokenInfo: "CKR_TOKEN_NOT_PRESENT" });
    setFaults(card.dir, {});
    expect(p11tool(card, ["-L"]).stdout).toContain(card.tokenLabel);
  });

  it("the card going out and back in is a slot event (C_WaitForSlotEvent), as a reader reports it", () => {
    const mark = traceMark(card.dir);
    const seen = withCardSession(card, (s) => {
      const events: (string | null)[] = [];
      const poll = () => {
        const slot = s.p11.C_WaitForSlotEvent(pkcs11js.CKF_DONT_BLOCK);
        events.push(slot === null ? "none" : Buffer.compare(slot, s.slot) === 0 ? "card slot" : "other slot");
      };
      poll();
      setFaults(card.dir, { tokenAbsent: true });
      poll();
      poll();
      setFaults(card.dir, {});
      poll();
      return events;
    });
    expect(seen).toEqual(["none", "card slot", "none", "card slot"]);
    const waits = readTrace(card.dir, mark).filter((e) => e.fn === "C_WaitForSlotEvent");
    expect(waits.map((e) => e.injected ?? e.rv)).toEqual(["CKR_NO_EVENT", "card-out", "CKR_NO_EVENT", "card-in"]);
    expect(readTrace(card.dir, mark)[0].fn).toBe("C_Initialize");
  });

  it("slow card: the delay is applied and marked in the trace (timings are for bench scripts, not tests)", () => {
    setFaults(card.dir, { signDelayMs: 50 });
    withCardSession(card, (s) => {
      s.p11.C_Login(s.session, CKU_USER, card.pin);
      s.p11.C_SignInit(s.session, { mechanism: pkcs11js.CKM_SHA256_RSA_PKCS }, findPrivateKey(s, "nes-rsa"));
      s.p11.C_Sign(s.session, Buffer.from("x"), Buffer.alloc(256));
    });
    setFaults(card.dir, {});
    const signs = readTrace(card.dir).filter((e) => e.fn === "C_Sign" && e.rv === "CKR_OK");
    expect(signs[signs.length - 1].injected_delay_ms).toBe(50);
  });

  it("faults and trace through the CLI", () => {
    const f = runner.uyum(["card", "faults", card.dir, "--no-rng"]);
    expect(f.code).toBe(0);
    expect(readFileSync(join(card.dir, "faults.conf"), "utf8")).toContain("no_rng=1");
    expect(runner.uyum(["card", "faults", card.dir]).stdout).toContain("faults cleared");
    const bad = runner.uyum(["card", "faults", card.dir, "--remove-at-sign", "two"]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("--remove-at-sign two");
    const t = runner.uyum(["card", "trace", card.dir]);
    expect(t.code).toBe(0);
    const lines = t.stdout.trim().split("\n");
    expect(lines.length).toBe(readTrace(card.dir).length);
    expect(
      lines.some((l) =>
        /C_Sign session=\d+ key=\d+ class=CKO_PRIVATE_KEY label="nes-rsa" id=01 in=5 \[injected: card-removed\] -> CKR_DEVICE_REMOVED$/.test(
          l,
        ),
      ),
    ).toBe(true);
    const j = runner.uyum(["card", "trace", card.dir, "--json"]);
    expect(
      j.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).fn),
    ).toEqual(readTrace(card.dir).map((e) => e.fn));
  });
});

/** What a client sees of a card that is not in the reader. */
function withCardEnvProbe(card: CardInfo): { present: number; tokenInfo?: string } {
  const p11 = new pkcs11js.PKCS11();
  const saved = { ...process.env };
  Object.assign(process.env, card.env);
  try {
    p11.load(card.module);
    p11.C_Initialize();
    const all = p11.C_GetSlotList(false);
    let tokenInfo: string | undefined;
    try {
      p11.C_GetTokenInfo(all[0]);
    } catch (err) {
      tokenInfo = ckrName(err);
    }
    const present = p11.C_GetSlotList(true).length;
    p11.C_Finalize();
    p11.close();
    return { present, tokenInfo };
  } finally {
    for (const k of Object.keys(card.env))
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
  }
}

describe("per-token faults (two tokens in one card: uyum card init --add)", () => {
  let card: CardInfo;
  let a: CardInfo;
  let b: CardInfo;
  beforeAll(() => {
    card = initCard("two", ["--cert", "nes-rsa", "--label", "kart-a"]);
    const r = runner.uyum([
      "card",
      "init",
      "--pki",
      pkiDir,
      "--out",
      card.dir,
      "--add",
      "--label",
      "kart-b",
      "--cert",
      "nes-ec",
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('added token "kart-b" (next to "kart-a")');
    const both = loadCard(card.dir);
    expect(tokensOf(both).map((t) => [t.label, t.keys.map((k) => k.label)])).toEqual([
      ["kart-a", ["nes-rsa"]],
      ["kart-b", ["nes-ec"]],
    ]);
    a = tokenOf(both, "kart-a");
    b = tokenOf(both, "kart-b");
    expect(a.pin).not.toBe(b.pin);
    const dup = runner.uyum(["card", "init", "--pki", pkiDir, "--out", card.dir, "--add", "--label", "kart-b"]);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toContain("already has a token with that label (has: kart-a, kart-b)");
  });

  it("kart-b pulled mid-signing: kart-a still signs in the same process, C_GetSlotList(TRUE) drops only kart-b", () => {
    const data = Buffer.from("iki kart, bir uygulama");
    const seen = withCardEnv(card, () => {
      const p11 = new pkcs11js.PKCS11();
      p11.load(card.module);
      p11.C_Initialize();
      try {
        const labelOf = (s: pkcs11js.Handle) => p11.C_GetTokenInfo(s).label.trim();
        const before = p11.C_GetSlotList(true);
        const sa = before.find((s) => labelOf(s) === "kart-a")!;
        const sb = before.find((s) => labelOf(s) === "kart-b")!;
        const open = (slot: pkcs11js.Handle, pin: string) => {
          const session = p11.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION);
          p11.C_Login(session, CKU_USER, pin);
          return session;
        };
        const ha = open(sa, a.pin!);
        const hb = open(sb, b.pin!);
        const ka = findPrivateKey({ p11, slot: sa, session: ha }, "nes-rsa");
        const kb = findPrivateKey({ p11, slot: sb, session: hb }, "nes-ec");
        const quiet = p11.C_WaitForSlotEvent(pkcs11js.CKF_DONT_BLOCK);
        // the harness pulls kart-b while the application runs: right after its next C_SignInit
        const f = runner.uyum(["card", "faults", card.dir, "--token", "kart-b", "--remove-after-sign-init", "1"]);
        expect(f.stdout).toContain('on token "kart-b" only');
        p11.C_SignInit(hb, { mechanism: pkcs11js.CKM_ECDSA }, kb);
        let bSign = "CKR_OK";
        try {
          p11.C_Sign(hb, createHash("sha256").update(data).digest(), Buffer.alloc(132));
        } catch (err) {
          bSign = ckrName(err) ?? String(err);
        }
        const event = p11.C_WaitForSlotEvent(pkcs11js.CKF_DONT_BLOCK);
        p11.C_SignInit(ha, { mechanism: pkcs11js.CKM_SHA256_RSA_PKCS }, ka);
        const aSig = Buffer.from(p11.C_Sign(ha, data, Buffer.alloc(256)));
        const after = p11.C_GetSlotList(true);
        let bInfo = "CKR_OK";
        try {
          p11.C_GetTokenInfo(sb);
        } catch (err) {
          bInfo = ckrName(err) ?? String(err);
        }
        return { before, after, sa, sb, quiet, event, bSign, aSig, bInfo, aLabelAfter: after.map(labelOf) };
      } finally {
        p11.C_Finalize();
        p11.close();
      }
    });
    expect(seen.bSign).toBe("CKR_DEVICE_REMOVED");
    expect(seen.bInfo).toBe("CKR_TOKEN_NOT_PRESENT");
    expect(seen.quiet).toBeNull();
    expect(seen.event && Buffer.compare(seen.event, seen.sb)).toBe(0); // the slot event names kart-b's slot
    expect(seen.after).toHaveLength(seen.before.length - 1);
    expect(seen.after.some((s) => Buffer.compare(s, seen.sa) === 0)).toBe(true);
    expect(seen.after.some((s) => Buffer.compare(s, seen.sb) === 0)).toBe(false);
    expect(seen.aLabelAfter).toContain("kart-a");
    expect(seen.aLabelAfter).not.toContain("kart-b");
    // kart-a's signature is real: node verifies it with the PKI's certificate
    const cert = new NodeX509(readFileSync(join(pkiDir, "certs", "nes-rsa.pem")));
    expect(createVerify("sha256").update("iki kart, bir uygulama").verify(cert.publicKey, seen.aSig)).toBe(true);
    // the card remembers: a new process (pkcs11js, pkcs11-tool) sees kart-a only
    expect(readCardState(card.dir).removedTokens).toEqual([tokensOf(loadCard(card.dir))[1].serial]);
    expect(readCardState(card.dir).removed).toBe(false);
    expect(() => withCardSession(b, () => 0)).toThrow(NoTokenError);
    expect(withCardSession(a, (s) => s.p11.C_GetTokenInfo(s.slot).label.trim())).toBe("kart-a");
    const listed = p11tool(card, ["-L"]).stdout;
    expect(listed).toContain("kart-a");
    expect(listed).not.toContain("kart-b");
    const status = runner.uyum(["card", "status", card.dir]).stdout;
    expect(status).toMatch(/token "kart-b" \(serial \w+\): REMOVED/);
    expect(status).toMatch(/token "kart-a" \(serial \w+\): in/);
    const trace = readTrace(card.dir);
    expect(trace.find((e) => e.injected === "card-removed-after-sign-init")).toMatchObject({
      fn: "C_SignInit",
      label: "nes-ec",
    });
    expect(trace.some((e) => e.fn === "C_GetSlotList" && e.tokens_hidden === 1)).toBe(true);
    // no faults: kart-b is back
    runner.uyum(["card", "faults", card.dir]);
    expect(withCardSession(b, (s) => s.p11.C_GetTokenInfo(s.slot).label.trim())).toBe("kart-b");
  });

  it("each token has its own PIN counter: kart-b locked, kart-a still logs in; `uyum card unlock --token kart-b`", () => {
    const login = (t: CardInfo, pin: string) =>
      withCardSession(t, (s) => {
        try {
          s.p11.C_Login(s.session, CKU_USER, pin);
          s.p11.C_Logout(s.session);
          return "CKR_OK";
        } catch (err) {
          return ckrName(err) ?? String(err);
        }
      });
    expect([1, 2, 3].map(() => login(b, "00000000"))).toEqual([
      "CKR_PIN_INCORRECT",
      "CKR_PIN_INCORRECT",
      "CKR_PIN_INCORRECT",
    ]);
    expect(login(b, b.pin!)).toBe("CKR_PIN_LOCKED");
    expect(login(a, a.pin!)).toBe("CKR_OK");
    const status = runner.uyum(["card", "status", card.dir]).stdout;
    expect(status).toMatch(/token "kart-a" \(serial \w+\): in, PIN tries left 3,/);
    expect(status).toMatch(/token "kart-b" \(serial \w+\): in, PIN tries left 0,/);
    const r = runner.uyum(["card", "unlock", card.dir, "--token", "kart-b"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain('token "kart-b" unlocked, PIN tries left: 3');
    expect(login(b, b.pin!)).toBe("CKR_OK");
  });

  it("token-absent and a slow card for one token by label; an unknown label is named", () => {
    runner.uyum(["card", "faults", card.dir, "--token", "kart-a", "--token-absent"]);
    const listed = p11tool(card, ["-L"]).stdout;
    expect(listed).toContain("kart-b");
    expect(listed).not.toContain("kart-a");
    expect(() => withCardSession(a, () => 0)).toThrow(NoTokenError);

    runner.uyum(["card", "faults", card.dir, "--token", "kart-b", "--sign-delay", "1"]);
    const mark = traceMark(card.dir);
    withCardSession(a, (s) => {
      s.p11.C_Login(s.session, CKU_USER, a.pin);
      s.p11.C_SignInit(s.session, { mechanism: pkcs11js.CKM_SHA256_RSA_PKCS }, findPrivateKey(s, "nes-rsa"));
      s.p11.C_Sign(s.session, Buffer.from("a"), Buffer.alloc(256));
    });
    withCardSession(b, (s) => {
      s.p11.C_Login(s.session, CKU_USER, b.pin);
      s.p11.C_SignInit(s.session, { mechanism: pkcs11js.CKM_ECDSA }, findPrivateKey(s, "nes-ec"));
      s.p11.C_Sign(s.session, createHash("sha256").update("b").digest(), Buffer.alloc(132));
    });
    const signs = readTrace(card.dir, mark).filter((e) => e.fn === "C_Sign");
    expect(signs.map((e) => [e.label, e.rv, e.injected_delay_ms])).toEqual([
      ["nes-rsa", "CKR_OK", undefined],
      ["nes-ec", "CKR_OK", 1],
    ]);

    const bad = runner.uyum(["card", "faults", card.dir, "--token", "kart-c", "--token-absent"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no token "kart-c" on this card (has: kart-a, kart-b)');
    runner.uyum(["card", "faults", card.dir]);
  });
});

describe("no PIN in any trace, log or output", () => {
  it("scans every file of the run (but the cards' own card.json) and every command's output for each PIN and SO-PIN", () => {
    const cards = readdirSync(root).filter((d) => {
      try {
        return statSync(join(root, d, "card.json")).isFile();
      } catch {
        return false;
      }
    });
    expect(cards.length).toBeGreaterThanOrEqual(4);
    const secrets = cards.flatMap((d) => tokensOf(loadCard(join(root, d))).flatMap((t) => [t.pin!, t.soPin!]));
    expect(secrets.length).toBeGreaterThan(cards.length * 2); // the two-token card's second token is in the scan
    expect(secrets.every((s) => /^\d{8}$/.test(s))).toBe(true);
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (f !== "card.json") files.push(p);
      }
    };
    walk(root);
    const traces = files.filter((f) => f.endsWith("trace.jsonl"));
    expect(traces.length).toBe(cards.length); // every card was used (prov too, via pkcs11-tool)
    for (const t of traces) expect(readFileSync(t, "utf8").length).toBeGreaterThan(0);
    const hits: string[] = [];
    for (const f of files) {
      const text = readFileSync(f).toString("latin1");
      for (const s of secrets) if (text.includes(s)) hits.push(f);
    }
    expect(runner.outputs.length).toBeGreaterThan(cards.length); // else the command outputs went unscanned
    for (const o of runner.outputs) for (const s of secrets) if (o.text.includes(s)) hits.push(o.what);
    expect(hits).toEqual([]);
    // and the trace would show a PIN if one got in: logins are there, with only "pin_given"
    const logins = traces.flatMap((t) => readTrace(t)).filter((e) => e.fn === "C_Login");
    expect(logins.length).toBeGreaterThan(5);
    expect(logins.every((e) => e.pin_given === true && !("pin" in e) && !("pin_len" in e))).toBe(true);
  });
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});
