// The command-line face of Örnek İmzacı, for the cli driver:
//   ornek-imzaci sign --in F --out F --format cades-t [--profile P2|P3|P4] --module M --pki DIR [--cert LABEL] [--token LABEL] [--clock pki] [--flaw ID]
//       (the PIN on standard input, never on the command line)
//   ornek-imzaci change-pin --module M [--token LABEL] [--flaw ID]
//       (the old PIN, then the new one, on standard input, one a line; never on the command line)
//   ornek-imzaci verify --in F [--detached DOC] --pki DIR [--trust PEM] [--at ISO-8601 | --clock pki] [--flaw ID] [--json]
//       (--at: validate at that instant, revocation still fetched live from the services the certificates name;
//        --trust: the roots to trust, PEM, instead of the PKI's root)
//   ornek-imzaci upgrade --in SIG --out F --to T|XL|A|LT|LTA [--detached DOC] [--profile P3|P4] --pki DIR [--clock pki]
//   ornek-imzaci archive --in SIG --out F [--detached DOC] --pki DIR [--clock pki]   (a new archive time-stamp)
//   ornek-imzaci cosign|countersign --in SIG --out F [--detached DOC] --module M --pki DIR [--cert LABEL] …
//       (a parallel or a serial signature, made on the card; the PIN on standard input)
// Exit codes: 0 signed / valid; 1 invalid; 2 usage (unknown format, missing file, bad option); 3 wrong PIN;
// 4 PIN locked; 5 no card / card removed; 6 certificate refused before signing; 7 internal error;
// 8 indeterminate (not proven valid or invalid: revocation unknown, a chain it cannot build, …);
// 9 document refused (dynamic content or a format error: a CLI cannot show the document, so it refuses it).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { extname, join } from "node:path";
import { parseArgs } from "node:util";
import type { AgentErrorCode } from "./card.ts";
import { activeFlaw, type FlawId } from "./flaws.ts";
import { mediaTypeOf } from "./media-types.ts";
import { loadAppPki, type AppPki } from "./pki-context.ts";
import type { Signer } from "../../../harness/sign/index.ts";
import { verifySignature } from "./verify.ts";
import { parseCert, pemOrDer } from "../../../harness/ades/index.ts";

export const EXIT = {
  ok: 0,
  notValid: 1,
  usage: 2,
  pinIncorrect: 3,
  pinLocked: 4,
  noCard: 5,
  certRefused: 6,
  internal: 7,
  indeterminate: 8,
  documentRefused: 9,
};

class Usage extends Error {}
const USAGE_ERROR = (m: string) => new Usage(m);

function exitFor(code: AgentErrorCode): number {
  if (code === "PIN_INCORRECT") return EXIT.pinIncorrect;
  if (code === "PIN_LOCKED") return EXIT.pinLocked;
  if (code === "NO_CARD" || code === "CARD_REMOVED") return EXIT.noCard;
  if (code.startsWith("CERT_") || code.startsWith("REVOCATION_")) return EXIT.certRefused;
  if (code === "BAD_REQUEST") return EXIT.usage;
  return EXIT.internal;
}

async function readPins(n: number): Promise<string[]> {
  if (process.stdin.isTTY)
    throw new Usage("the PIN is read from standard input (pipe it in; never on the command line)");
  let s = "";
  for await (const c of process.stdin) s += String(c);
  const pins = s.split(/\r?\n/).slice(0, n);
  if (pins.length < n || pins.some((p) => !p))
    throw new Usage(n === 1 ? "no PIN on standard input" : `${n} PINs expected on standard input, one a line`);
  return pins;
}
const readPin = async () => (await readPins(1))[0]!;

/** Where the pin-stored flaw keeps the PIN: its working directory, as a "remember my PIN" setting would. */
const STORED_PIN = () => join(process.cwd(), ".ornek-imzaci-pin");

/** The cert-cache-stale flaw: certificates kept by key id in the working directory on first sight, and from
 *  then on the kept value used for that id, never checked against what the card holds now. */
function cachedCertificates<C extends { id: string; der: Uint8Array; keyAlgorithm: string }>(read: C[]): C[] {
  const file = join(process.cwd(), ".ornek-imzaci-certs.json");
  const kept: Record<string, { der: string; keyAlgorithm: string }> = existsSync(file)
    ? JSON.parse(readFileSync(file, "utf8"))
    : {};
  const out = read.map((c) =>
    kept[c.id]
      ? { ...c, der: new Uint8Array(Buffer.from(kept[c.id]!.der, "base64")), keyAlgorithm: kept[c.id]!.keyAlgorithm }
      : c,
  );
  for (const c of read) kept[c.id] ??= { der: Buffer.from(c.der).toString("base64"), keyAlgorithm: c.keyAlgorithm };
  writeFileSync(file, JSON.stringify(kept));
  return out;
}

async function changePin(a: Args, flaw: FlawId | undefined): Promise<number> {
  const module = needer(a)("module");
  if (!existsSync(module)) throw new Usage(`--module ${module}: no such PKCS#11 module`);
  const { AgentError, Card } = await import("./card.ts");
  const [oldPin, newPin] = (await readPins(2)) as [string, string];
  if (!/^[0-9A-Za-z]{4,16}$/.test(newPin)) throw new Usage("the new PIN has 4 to 16 letters or digits");
  const card = new Card(module, typeof a.token === "string" ? a.token : undefined);
  try {
    card.changePin(oldPin, newPin, flaw === "pin-change-noop");
    process.stdout.write("PIN değiştirildi / PIN changed\n");
    return EXIT.ok;
  } catch (err) {
    const e = err instanceof AgentError ? err : card.translate(err);
    process.stderr.write(`ornek-imzaci: ${e.code}: ${e.message}\n`);
    return exitFor(e.code);
  } finally {
    card.close();
  }
}

// the signing parts (the card's PKCS#11, the signature makers, the extenders) are loaded only when a command needs
// them: a `verify` starts in about half the time, and a verifier is started once per signature
type Args = Record<string, string | boolean | undefined>;

function needer(a: Args) {
  return (k: string) => {
    const v = a[k];
    if (typeof v !== "string" || !v) throw new Usage(`--${k} is required`);
    return v;
  };
}

const PROFILES = ["P2", "P3", "P4"] as const;
function profileOf(a: Args): "P2" | "P3" | "P4" | undefined {
  if (a.profile === undefined) return undefined;
  if (!PROFILES.includes(a.profile as "P2")) throw new Usage(`--profile ${String(a.profile)}: one of P2, P3, P4`);
  return a.profile as "P2" | "P3" | "P4";
}

/**
 * The part every card operation shares: the PIN from standard input, the certificate (--cert, or the first
 * on the card that passes the check before signing), then `use` with that certificate; the card's errors are
 * answered with their exit codes.
 */
async function withCardCertificate(
  a: Args,
  flaw: FlawId | undefined,
  pki: AppPki,
  use: (ctx: {
    cert: { label: string; der: Uint8Array };
    now: Date;
    withCard: <T>(fn: (s: Signer) => T) => T;
  }) => Promise<string>,
): Promise<number> {
  const module = needer(a)("module");
  if (!existsSync(module)) throw new Usage(`--module ${module}: no such PKCS#11 module`);
  const { AgentError, Card } = await import("./card.ts");
  const { checkerFor, firstThatPasses } = await import("./inspect.ts");
  const { CannotExtend } = await import("./long-term.ts");
  let pin = await readPin();
  // the pin-stored flaw: the PIN of the first signing is kept and used from then on, whatever the user types
  const storeAfterSigning = flaw === "pin-stored" && !existsSync(STORED_PIN());
  if (flaw === "pin-stored" && !storeAfterSigning) pin = readFileSync(STORED_PIN(), "utf8");
  // the first-token-always flaw: --token is ignored, the first token the card lists is taken
  const card = new Card(module, typeof a.token === "string" && flaw !== "first-token-always" ? a.token : undefined);
  try {
    const certs = flaw === "cert-cache-stale" ? cachedCertificates(card.certificates()) : card.certificates();
    const now = await pki.now();
    const check = checkerFor(now, pki, flaw);
    // --cert names one; otherwise the first certificate on the card that passes the check before signing
    let cert = typeof a.cert === "string" ? certs.find((c) => c.label === a.cert) : undefined;
    if (typeof a.cert === "string" && !cert)
      throw new AgentError(
        "BAD_REQUEST",
        `--cert ${a.cert}: not on the card; it has ${certs.map((c) => c.label).join(", ")}`,
      );
    // the flaw: it takes --cert, then signs with the first certificate by label all the same (the card's own
    // object order is not stable: SoftHSM lists them in another order from one run to the next)
    if (cert && flaw === "first-key-always") cert = [...certs].sort((x, y) => x.label.localeCompare(y.label))[0];
    if (cert) await check(cert.der);
    else cert = await firstThatPasses(certs, check);
    if (flaw === "pin-logged") process.stderr.write(`giriş: PIN ${pin}\n`);
    const chosen = cert;
    const message = await use({ cert: chosen, now, withCard: (fn) => card.withSigner(chosen, pin, fn) });
    if (storeAfterSigning) writeFileSync(STORED_PIN(), pin, { mode: 0o600 });
    process.stdout.write(message + "\n");
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CannotExtend) throw new Usage(err.message);
    const e = err instanceof AgentError ? err : card.translate(err);
    if (e.code === "CARD_REMOVED" && flaw === "card-removed-silent") return EXIT.ok;
    if (e.code === "PIN_INCORRECT" && flaw === "no-wrong-pin-message") return EXIT.pinIncorrect;
    if (e.code === "PIN_LOCKED" && flaw === "pin-locked-retry") {
      // the flaw: it does not believe the card, logs in again, and calls it a wrong PIN
      const cert = card.certificates()[0];
      try {
        if (cert) card.withSigner(cert, pin, () => undefined);
      } catch {
        /* locked, as the card said */
      }
      process.stderr.write("ornek-imzaci: PIN_INCORRECT: wrong PIN / PIN hatalı\n");
      return EXIT.pinIncorrect;
    }
    const left = e.detail.finalTry ? " (1 try left / 1 deneme hakkı kaldı)" : "";
    process.stderr.write(`ornek-imzaci: ${e.code}: ${e.message}${left}\n`);
    return exitFor(e.code);
  } finally {
    card.close();
  }
}

async function sign(a: Args, flaw: FlawId | undefined): Promise<number> {
  const { carriedCertificates, documentTypeSwitches, FORMATS, isFormat, produceSignature, tsaClient } =
    await import("./formats.ts");
  const need = needer(a);
  const input = need("in");
  const out = need("out");
  const format = need("format");
  need("module");
  if (!isFormat(format)) throw new Usage(`--format ${format}: unknown format; one of ${FORMATS.join(", ")}`);
  const profile = profileOf(a);
  if (!existsSync(input)) throw new Usage(`--in ${input}: no such file`);
  const pki = loadAppPki(need("pki"), { clockFromServices: a.clock === "pki" });
  const content = new Uint8Array(readFileSync(input));
  const mimeType = mediaTypeOf(input);
  // what the agent's window warns about, a command line refuses: it cannot show the document and ask
  const { documentWarnings } = await import("./inspect.ts");
  const { refuse: warnings } = documentWarnings(content, mimeType, "unseen", flaw);
  if (warnings.length > 0) {
    for (const w of warnings) process.stderr.write(`ornek-imzaci: UYARI / WARNING (${w.kind}): ${w.tr} / ${w.en}\n`);
    process.stderr.write("ornek-imzaci: DOCUMENT_REFUSED: belge imzalanmadı / the document was not signed\n");
    return EXIT.documentRefused;
  }
  return withCardCertificate(a, flaw, pki, async ({ cert, now, withCard }) => {
    const signed = await produceSignature(
      {
        format,
        content: flaw === "preview-mismatch" ? Uint8Array.from([...content, 0x0a]) : content,
        mimeType,
        fileName: input.split("/").pop()!,
        signingTime: now,
        hash: flaw === "sha1" ? "SHA-1" : "SHA-256",
        profile,
        certificates: carriedCertificates(flaw, pki.chainOf(cert.der, now)),
        withSigningCertificate: flaw !== "no-signing-certificate",
        withSigningTime: flaw !== "no-signing-time",
        ...documentTypeSwitches(flaw),
      },
      withCard,
      tsaClient(pki.tsaUrl, flaw === "tsa-token-unchecked" ? undefined : pki),
      { pki, now: () => pki.now() },
    );
    writeFileSync(out, signed.bytes);
    return `imzalandı / signed: ${out} (${format}${profile ? ` ${profile}` : ""}, ${cert.label})`;
  });
}

async function verify(a: Record<string, string | boolean | undefined>, flaw: FlawId | undefined): Promise<number> {
  const input = a.in;
  if (typeof input !== "string") throw new Usage("--in is required");
  if (!existsSync(input)) throw new Usage(`--in ${input}: no such file`);
  if (typeof a.detached === "string" && !existsSync(a.detached))
    throw new Usage(`--detached ${a.detached}: no such file`);
  if (typeof a.pki !== "string") throw new Usage("--pki is required");
  let at: Date | undefined;
  if (typeof a.at === "string") {
    at = new Date(a.at);
    if (!/^\d{4}-\d\d-\d\dT/.test(a.at) || Number.isNaN(at.getTime()))
      throw new Usage(`--at ${a.at}: not an ISO-8601 time (e.g. 2025-06-01T12:00:00Z)`);
  }
  let anchors: ReturnType<typeof parseCert>[] | undefined;
  if (typeof a.trust === "string") {
    if (!existsSync(a.trust)) throw new Usage(`--trust ${a.trust}: no such file`);
    try {
      anchors = pemOrDer(new Uint8Array(readFileSync(a.trust))).map(parseCert);
    } catch (err) {
      throw new Usage(`--trust ${a.trust}: not a certificate file (PEM or DER): ${(err as Error).message}`);
    }
    if (anchors.length === 0) throw new Usage(`--trust ${a.trust}: no certificate in it`);
  }
  const pki = loadAppPki(a.pki, { clockFromServices: a.clock === "pki" });
  const v = await verifySignature(new Uint8Array(readFileSync(input)), {
    pki,
    detached: typeof a.detached === "string" ? new Uint8Array(readFileSync(a.detached)) : undefined,
    flaw,
    name: input,
    at,
    anchors,
  });
  if (a.json) process.stdout.write(JSON.stringify(v) + "\n");
  else
    process.stdout.write(
      `${{ valid: "GEÇERLİ / valid", invalid: "GEÇERSİZ / invalid", indeterminate: "BELİRSİZ / indeterminate" }[v.verdict]}` +
        `${v.reason ? `: ${v.reason.tr} / ${v.reason.en}` : ""}\nimzacı / signer: ${v.signer ?? "?"}\n` +
        (v.roles ? `imzacı rolü (beyan) / signer role (claimed): ${v.roles.join(", ")}\n` : "") +
        // a file with several signatures: one line per signature, its own result
        (v.signers.length > 1
          ? v.signers.map((s, i) => `  ${i + 1}. ${s.subject ?? "?"}: ${s.indication}\n`).join("")
          : ""),
    );
  return { valid: EXIT.ok, invalid: EXIT.notValid, indeterminate: EXIT.indeterminate }[v.verdict];
}

export async function main(argv: string[]): Promise<number> {
  try {
    const [cmd, ...rest] = argv;
    const { values: a } = parseArgs({
      args: rest,
      options: {
        in: { type: "string" },
        out: { type: "string" },
        format: { type: "string" },
        module: { type: "string" },
        token: { type: "string" },
        cert: { type: "string" },
        pki: { type: "string" },
        clock: { type: "string" },
        detached: { type: "string" },
        at: { type: "string" },
        trust: { type: "string" },
        flaw: { type: "string" },
        json: { type: "boolean" },
        profile: { type: "string" },
        to: { type: "string" },
      },
    });
    let flaw: FlawId | undefined;
    try {
      flaw = activeFlaw(a.flaw);
    } catch (err) {
      throw new Usage((err as Error).message);
    }
    if (cmd === "sign") return await sign(a, flaw);
    if (cmd === "verify") return await verify(a, flaw);
    if (cmd === "change-pin") return await changePin(a, flaw);
    if (cmd === "upgrade") return await (await import("./extend.ts")).upgrade(a, flaw, USAGE_ERROR);
    if (cmd === "archive") return await (await import("./extend.ts")).archive(a, flaw, USAGE_ERROR);
    if (cmd === "cosign" || cmd === "countersign")
      return await (
        await import("./extend.ts")
      ).addSigner(cmd === "cosign" ? "parallel" : "serial", a, flaw, {
        usage: USAGE_ERROR,
        withCardCertificate,
      });
    throw new Usage(
      `unknown command "${cmd ?? ""}"; use sign, verify, upgrade, cosign, countersign, archive or change-pin`,
    );
  } catch (err) {
    if (err instanceof Usage || (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`ornek-imzaci: ${(err as Error).message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`ornek-imzaci: internal error: ${(err as Error).message}\n`);
    return EXIT.internal;
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!))
  main(process.argv.slice(2)).then((code) => process.exit(code));
