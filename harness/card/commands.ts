// `uyum card …`: provision a virtual card, read its trace, unlock it, set its faults, find PC/SC readers.
import type { Command } from "commander";
import { UserError } from "../core/errors.ts";
import type { TokenFaults } from "./faults.ts";

// The card's implementation (the pkcs11js native addon among it) loads only inside an action, so `uyum --help`
// and the other concerns' commands do not pay for it.
const cardImpl = async () => ({
  ...(await import("./faults.ts")),
  ...(await import("./p11.ts")),
  ...(await import("./pcsc.ts")),
  ...(await import("./provision.ts")),
  ...(await import("./trace.ts")),
});

/** A PIN given as --NAME P or as --NAME-env VAR (the variable's value; the option names the variable only). */
function pinFrom(option: string, given: string | undefined, envVar: string | undefined): string | undefined {
  if (envVar === undefined) return given;
  if (given !== undefined) throw new UserError(`${option} and ${option}-env: give the PIN one way, not both`);
  const value = process.env[envVar];
  if (value === undefined || value === "")
    throw new UserError(`${option}-env ${envVar}: the environment variable ${envVar} is not set or empty`);
  return value;
}

function wholeNumber(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new UserError(`${name} ${v}: give a whole number >= 0`);
    return n;
  };
}

function envLines(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([k, v]) => `export ${k}=${JSON.stringify(v)}`)
    .join("\n");
}

export function registerCardCommands(program: Command): void {
  const card = program
    .command("card")
    .description("virtual smart card (SoftHSM2 + PKCS#11 interposer), its trace, PC/SC readers");

  card
    .command("init")
    .description("provision a SoftHSM2 card from the test PKI, fronted by the interposer")
    .requiredOption("--pki <dir>", "written test PKI (the directory holding pki.json)")
    .requiredOption("--out <dir>", "card directory to create")
    .option("--add", "add a token to the existing card in --out (one more card in front of the same application)")
    .option(
      "--cert <label...>",
      "certificate labels to put on the card with their keys (default: the NES certificates of valid scenarios)",
    )
    .option("--with-chain", "also write the issuer certificates to the card")
    .option("--label <token>", "token label", "uyum-card")
    .option(
      "--pin <pin>",
      "user PIN (default: random 8 digits); on a command line others can read it: prefer --pin-env",
    )
    .option("--so-pin <pin>", "SO-PIN (default: random 8 digits); prefer --so-pin-env")
    .option("--pin-env <var>", "take the user PIN from the environment variable VAR (off the command line)")
    .option("--so-pin-env <var>", "take the SO-PIN from the environment variable VAR")
    .option("--pin-tries <n>", "wrong PINs before the card locks", wholeNumber("--pin-tries"), 3)
    .option("--so-pin-tries <n>", "wrong SO-PINs before the SO-PIN locks for good", wholeNumber("--so-pin-tries"), 3)
    .option("--json", "print the card (module, env, PIN, SO-PIN, token label) as JSON for scripts")
    .action(
      async (o: {
        pki: string;
        out: string;
        cert?: string[];
        withChain?: boolean;
        label: string;
        pin?: string;
        soPin?: string;
        pinEnv?: string;
        soPinEnv?: string;
        pinTries: number;
        soPinTries: number;
        add?: boolean;
        json?: boolean;
      }) => {
        const { provisionCard, tokenOf, tokensOf } = await cardImpl();
        const all = await provisionCard({
          pkiDir: o.pki,
          outDir: o.out,
          certLabels: o.cert,
          withChain: o.withChain,
          tokenLabel: o.label,
          pin: pinFrom("--pin", o.pin, o.pinEnv),
          soPin: pinFrom("--so-pin", o.soPin, o.soPinEnv),
          pinMaxTries: o.pinTries,
          soPinMaxTries: o.soPinTries,
          add: o.add,
        });
        const c = tokenOf(all, o.label); // with --add: the token just added
        const others = tokensOf(all)
          .filter((t) => t.label !== o.label)
          .map((t) => `"${t.label}"`);
        if (o.json) {
          process.stdout.write(
            JSON.stringify(
              {
                module: c.module,
                env: c.env,
                pin: c.pin,
                soPin: c.soPin,
                tokenLabel: c.tokenLabel,
                keys: c.keys,
                chain: c.chain,
                opensslConf: c.opensslConf,
                dir: c.dir,
              },
              null,
              2,
            ) + "\n",
          );
          return;
        }
        // the human form leaves the PINs out: console output ends up in CI logs
        process.stdout.write(
          [
            `card ${c.dir}: ${o.add ? "added " : ""}token "${c.tokenLabel}"${others.length ? ` (next to ${others.join(", ")})` : ""}, ${c.keys.length} key(s): ${c.keys.map((k) => `${k.label} (id ${k.id})`).join(", ")}` +
              (c.chain.length ? `; chain: ${c.chain.map((x) => x.label).join(", ")}` : ""),
            `PKCS#11 module: ${c.module}`,
            `environment:`,
            envLines(c.env),
            `OpenSSL config (pkcs11 engine): ${c.opensslConf}`,
            `PIN and SO-PIN: in ${c.dir}/card.json (or use --json)`,
            "",
          ].join("\n"),
        );
      },
    );

  card
    .command("status <dir>")
    .description("what the card is like now: keys, PIN tries left, faults, removed or not")
    .option("--json", "as JSON")
    .action(async (dir: string, o: { json?: boolean }) => {
      const { loadCard, readCardState, readFaults, tokensOf } = await cardImpl();
      const c = loadCard(dir);
      const state = readCardState(c.dir);
      const faults = readFaults(c.dir);
      const status = {
        dir: c.dir,
        kind: c.kind,
        tokenLabel: c.tokenLabel,
        module: c.module,
        realModule: c.realModule,
        keys: c.keys.map((k) => ({ label: k.label, id: k.id, keyAlgorithm: k.keyAlgorithm })),
        chain: c.chain.map((x) => x.label),
        pinTriesLeft: state.triesLeft,
        soPinTriesLeft: state.soTriesLeft,
        removed: state.removed,
        faults,
        tokens: tokensOf(c).map((t) => ({
          label: t.label,
          serial: t.serial,
          keys: t.keys.map((k) => k.label),
          pinTriesLeft: t.serial ? state.triesLeft[t.serial] : undefined,
          soPinTriesLeft: t.serial ? state.soTriesLeft[t.serial] : undefined,
          removed: state.removed || (t.serial !== undefined && state.removedTokens.includes(t.serial)),
        })),
      };
      if (o.json) {
        process.stdout.write(JSON.stringify(status, null, 2) + "\n");
        return;
      }
      const tries = Object.values(state.triesLeft);
      const soTries = Object.values(state.soTriesLeft);
      const set = Object.entries(faults).filter(
        ([k, v]) => k !== "pinMaxTries" && k !== "soPinMaxTries" && v !== undefined && v !== false,
      );
      process.stdout.write(
        [
          `card ${c.dir} (${c.kind}): token "${c.tokenLabel}" behind ${c.module}`,
          `keys: ${c.keys.map((k) => `${k.label} (id ${k.id}, ${k.keyAlgorithm})`).join(", ") || "none on record"}`,
          `PIN tries left: ${tries.length ? tries.join(", ") : `${faults.pinMaxTries ?? 3} (never failed)`} of ${faults.pinMaxTries ?? 3}${tries.includes(0) ? " — LOCKED (uyum card unlock)" : ""}`,
          `SO-PIN tries left: ${soTries.length ? soTries.join(", ") : `${faults.soPinMaxTries ?? 3} (never failed)`} of ${faults.soPinMaxTries ?? 3}${soTries.includes(0) ? " — LOCKED: the card is dead" : ""}`,
          `card ${state.removed ? "REMOVED (uyum card faults DIR puts it back)" : "in the reader"}; faults: ${set.length ? set.map(([k, v]) => `${k}=${typeof v === "object" ? JSON.stringify(v) : v}`).join(" ") : "none"}`,
          ...(status.tokens.length > 1
            ? status.tokens.map(
                (t) =>
                  `token "${t.label}" (serial ${t.serial ?? "?"}): ${t.removed ? "REMOVED" : "in"}, ` +
                  `PIN tries left ${t.pinTriesLeft ?? faults.pinMaxTries ?? 3}, SO-PIN ${t.soPinTriesLeft ?? faults.soPinMaxTries ?? 3}, keys ${t.keys.join(", ")}`,
              )
            : []),
          "",
        ].join("\n"),
      );
    });

  card
    .command("trace <dir>")
    .description("print the PKCS#11 trace of a card (or a trace file), one line per call")
    .option("--json", "JSON lines as recorded")
    .action(async (dir: string, o: { json?: boolean }) => {
      const { formatEvent, readTrace } = await cardImpl();
      const events = readTrace(dir);
      for (const e of events) {
        const { seq: _seq, ...rest } = e;
        process.stdout.write((o.json ? JSON.stringify(rest) : formatEvent(e)) + "\n");
      }
    });

  card
    .command("unlock <dir>")
    .description("SO login and C_InitPIN: resets the PIN retry counter of a locked card")
    .option("--token <label>", "the token to unlock, on a card with several (default: the first)")
    .action(async (dir: string, o: { token?: string }) => {
      const { ckrName, loadCard, readCardState, SoPinLockedError, tokenOf, tokensOf, unlockCard } = await cardImpl();
      const whole = loadCard(dir);
      const c = o.token ? tokenOf(whole, o.token) : whole;
      if (c.kind !== "softhsm")
        throw new UserError(
          `${dir}: unlock needs a provisioned test card; a vendor card is unlocked with its own tools`,
        );
      try {
        unlockCard(c);
      } catch (err) {
        if (err instanceof SoPinLockedError) throw new UserError(`${dir}: ${err.message.replace(/^card: /, "")}`, 1);
        const rv = ckrName(err);
        if (rv) throw new UserError(`${dir}: unlock failed: ${rv}`, 1);
        throw err;
      }
      const state = readCardState(c.dir);
      const serial = tokensOf(whole).find((t) => t.label === c.tokenLabel)?.serial;
      const tries =
        serial !== undefined && serial in state.triesLeft ? [state.triesLeft[serial]] : Object.values(state.triesLeft);
      process.stdout.write(
        `card ${c.dir}: ${o.token ? `token "${o.token}" ` : ""}unlocked, PIN tries left: ${tries.join(", ") || c.pinMaxTries}\n`,
      );
    });

  card
    .command("faults <dir>")
    .description("set the card's faults for the next run (no option: clear them, put a removed card back)")
    .option("--remove-at-sign <n>", "the Nth signature fails with CKR_DEVICE_REMOVED", wholeNumber("--remove-at-sign"))
    .option(
      "--remove-after-sign-init <n>",
      "the card is pulled right after the Nth C_SignInit",
      wholeNumber("--remove-after-sign-init"),
    )
    .option("--token-absent", "empty reader: CKR_TOKEN_NOT_PRESENT")
    .option("--sign-delay <ms>", "slow card: each signature takes this much longer", wholeNumber("--sign-delay"))
    .option("--no-rng", "C_GenerateRandom fails with CKR_RANDOM_NO_RNG")
    .option("--token <label>", "only this token (by label) gets the faults; the card's other tokens keep working")
    .action(
      async (
        dir: string,
        o: {
          removeAtSign?: number;
          removeAfterSignInit?: number;
          tokenAbsent?: boolean;
          signDelay?: number;
          rng?: boolean;
          token?: string;
        },
      ) => {
        const { loadCard, setFaults, tokenOf } = await cardImpl();
        if (o.token !== undefined) tokenOf(loadCard(dir), o.token); // a UserError naming the card's tokens when there is no such one
        const f: TokenFaults = {
          removeAtSign: o.removeAtSign,
          removeAfterSignInit: o.removeAfterSignInit,
          tokenAbsent: o.tokenAbsent,
          signDelayMs: o.signDelay,
          noRng: o.rng === false,
        };
        setFaults(dir, o.token !== undefined ? { tokens: { [o.token]: f } } : f);
        const set = Object.entries(f).filter(([, v]) => v !== undefined && v !== false);
        const what = set.length ? set.map(([k, v]) => `${k}=${v}`).join(" ") : "cleared";
        process.stdout.write(
          `card ${dir}: faults ${what}${o.token !== undefined && set.length ? ` on token "${o.token}" only` : ""}\n`,
        );
      },
    );

  card
    .command("readers")
    .description("list PC/SC readers and cards (name, card present, ATR) through pcscd")
    .option("--json", "as JSON")
    .action(async (o: { json?: boolean }) => {
      const { listReaders } = await cardImpl();
      const readers = await listReaders();
      if (o.json) process.stdout.write(JSON.stringify(readers, null, 2) + "\n");
      else if (readers.length === 0) process.stdout.write("no PC/SC reader found\n");
      else
        for (const r of readers)
          process.stdout.write(`${r.index}: ${r.name}: ${r.cardPresent ? `card, ATR ${r.atr ?? "?"}` : "no card"}\n`);
    });

  card
    .command("vendor")
    .description("wrap a vendor PKCS#11 module (e.g. AKİS libakisp11.so) with the interposer, for a physical card")
    .requiredOption("--module <path>", "the vendor's PKCS#11 module")
    .requiredOption("--out <dir>", "card directory to create")
    .option("--token <label>", "token label to select (default: the first token present)")
    .option("--json", "as JSON")
    .action(async (o: { module: string; out: string; token?: string; json?: boolean }) => {
      const { configureVendorModule } = await cardImpl();
      const c = await configureVendorModule({ vendorModule: o.module, outDir: o.out, tokenLabel: o.token });
      if (o.json)
        process.stdout.write(
          JSON.stringify({ module: c.module, env: c.env, tokenLabel: c.tokenLabel, dir: c.dir }, null, 2) + "\n",
        );
      else
        process.stdout.write(
          `card ${c.dir}: ${c.realModule} behind ${c.module}, token "${c.tokenLabel}"\nenvironment:\n${envLines(c.env)}\n`,
        );
    });
}
