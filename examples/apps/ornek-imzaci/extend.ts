// The CLI's commands that work on an existing signature: `upgrade` (CAdES BES → T → X-L → A; PAdES B-B/B-T →
// B-LT → B-LTA), `archive` (a new archive time-stamp on an A-level signature) and `cosign` / `countersign` (a
// parallel or a serial signature made on the card). The long-term work is in long-term.ts; this file reads the
// options, picks the format from the file, and writes the result.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { CMS_OID } from "../../../harness/asn1/oids.ts";
import {
  addCounterSignature,
  addParallelSigner,
  addSignatureTimestamp,
  encodeCades,
  signatureTimestampImprint,
  TR_POLICY,
  type Signer,
} from "../../../harness/sign/index.ts";
import type { FlawId } from "./flaws.ts";
import { produceSignature, signerRevocationFor, tsaClient } from "./formats.ts";
import {
  CADES_TARGETS,
  CannotExtend,
  GRACE_MS,
  cadesLevel,
  decodeCades,
  hasUnsigned,
  pdfSignatureCount,
  renewCadesArchive,
  renewPadesArchive,
  signedAttr,
  upgradeCades,
  upgradePades,
  type CadesTarget,
  type Extender,
} from "./long-term.ts";
import { loadAppPki, type AppPki } from "./pki-context.ts";

type Args = Record<string, string | boolean | undefined>;
type UsageOf = (message: string) => Error;

function common(a: Args, usage: UsageOf) {
  const need = (k: string) => {
    const v = a[k];
    if (typeof v !== "string" || !v) throw usage(`--${k} is required`);
    return v;
  };
  const input = need("in");
  const out = need("out");
  if (!existsSync(input)) throw usage(`--in ${input}: no such file`);
  const detachedPath = typeof a.detached === "string" ? a.detached : undefined;
  if (detachedPath && !existsSync(detachedPath)) throw usage(`--detached ${detachedPath}: no such file`);
  const pki = loadAppPki(need("pki"), { clockFromServices: a.clock === "pki" });
  const bytes = new Uint8Array(readFileSync(input));
  const kind = isPdf(bytes) ? "pdf" : bytes[0] === 0x30 ? "cades" : undefined;
  if (!kind)
    throw usage(
      `--in ${input}: this application extends CAdES (.p7s) and PAdES (PDF) signatures only / yalnızca CAdES ve PAdES imzaları genişletilir`,
    );
  return {
    input,
    out,
    pki,
    bytes,
    kind,
    detached: detachedPath ? new Uint8Array(readFileSync(detachedPath)) : undefined,
  } as const;
}

const isPdf = (b: Uint8Array) => Buffer.from(b.subarray(0, 5)).toString("latin1") === "%PDF-";

/** P2 and P3 validate with revocation data from after the grace period; P4 (OCSP) has none. */
function graceOf(a: Args, policyDer: Uint8Array | undefined): number {
  const profile =
    typeof a.profile === "string"
      ? a.profile
      : (["P2", "P3", "P4"] as const).find(
          (p) => policyDer && Buffer.from(policyDer).includes(Buffer.from(oidBytes(TR_POLICY[p]))),
        );
  return profile === "P2" || profile === "P3" ? GRACE_MS : 0;
}

/** What answers for the signer in long-term data: --profile, else the policy the signature names (P4: OCSP). */
function revocationChoice(a: Args, policyDer: Uint8Array | undefined): "crl" | "ocsp" {
  if (a.profile === "P4" || a.profile === "P3" || a.profile === "P2") return signerRevocationFor(a.profile);
  const names = (oid: string) => policyDer && Buffer.from(policyDer).includes(Buffer.from(oidBytes(oid)));
  return names(TR_POLICY.P4) ? "ocsp" : "crl";
}
function oidBytes(dotted: string): Uint8Array {
  const parts = dotted.split(".").map(Number);
  const out = [40 * parts[0]! + parts[1]!];
  for (const p of parts.slice(2)) {
    const stack = [p & 0x7f];
    for (let v = p >>> 7; v; v >>>= 7) stack.unshift((v & 0x7f) | 0x80);
    out.push(...stack);
  }
  return Uint8Array.from(out);
}

function extender(pki: AppPki, signerRevocation: "crl" | "ocsp", flaw: FlawId | undefined, graceMs = 0): Extender {
  return {
    graceMs,
    ignoreGrace: flaw === "upgrade-in-grace",
    pki,
    tsa: tsaClient(pki.tsaUrl, flaw === "tsa-token-unchecked" ? undefined : pki),
    now: () => pki.now(),
    signerRevocation,
    withoutRevocationValues: flaw === "upgrade-without-revocation-values",
  };
}

const TO: Record<string, { cades?: CadesTarget; pades?: "LT" | "LTA" }> = {
  T: { cades: "T" },
  XL: { cades: "XL", pades: "LT" },
  "X-L": { cades: "XL", pades: "LT" },
  LT: { cades: "XL", pades: "LT" },
  A: { cades: "A", pades: "LTA" },
  LTA: { cades: "A", pades: "LTA" },
};

export async function upgrade(a: Args, flaw: FlawId | undefined, usage: UsageOf): Promise<number> {
  const to = typeof a.to === "string" ? a.to.toUpperCase() : undefined;
  if (!to || !TO[to]) throw usage(`--to ${to ?? "(missing)"}: one of ${[...CADES_TARGETS, "LT", "LTA"].join(", ")}`);
  const c = common(a, usage);
  try {
    if (c.kind === "pdf") {
      const target = TO[to]!.pades;
      if (!target)
        throw usage(
          `--to ${to}: a PDF is taken to LT (DSS) or LTA (DSS + document time-stamp); B-T is made when signing`,
        );
      const x = extender(c.pki, revocationChoice(a, undefined), flaw);
      writeFileSync(c.out, await upgradePades(c.bytes, target, x));
      process.stdout.write(`yükseltildi / upgraded: ${c.out} (PAdES B-${target})\n`);
      return 0;
    }
    const doc = decodeCades(c.bytes, c.detached);
    const policy = signedAttr(doc.signerInfos[0]!, CMS_OID.sigPolicyId);
    const x = extender(c.pki, revocationChoice(a, policy), flaw, graceOf(a, policy));
    await upgradeCades(doc, TO[to]!.cades!, x);
    writeFileSync(c.out, encodeCades(doc));
    process.stdout.write(`yükseltildi / upgraded: ${c.out} (CAdES ${doc.signerInfos.map(cadesLevel).join(", ")})\n`);
    return 0;
  } catch (err) {
    if (err instanceof CannotExtend) throw usage(err.message);
    throw err;
  }
}

export async function archive(a: Args, flaw: FlawId | undefined, usage: UsageOf): Promise<number> {
  const c = common(a, usage);
  try {
    if (c.kind === "pdf") {
      writeFileSync(c.out, await renewPadesArchive(c.bytes, extender(c.pki, "crl", flaw)));
      process.stdout.write(`arşivlendi / archive time-stamp added: ${c.out} (PAdES B-LTA)\n`);
      return 0;
    }
    const doc = decodeCades(c.bytes, c.detached);
    const x = extender(c.pki, revocationChoice(a, signedAttr(doc.signerInfos[0]!, CMS_OID.sigPolicyId)), flaw);
    await renewCadesArchive(doc, x);
    writeFileSync(c.out, encodeCades(doc));
    process.stdout.write(`arşivlendi / archive time-stamp added: ${c.out} (CAdES A)\n`);
    return 0;
  } catch (err) {
    if (err instanceof CannotExtend) throw usage(err.message);
    throw err;
  }
}

export interface CardAccess {
  usage: UsageOf;
  withCardCertificate(
    a: Args,
    flaw: FlawId | undefined,
    pki: AppPki,
    use: (ctx: {
      cert: { label: string; der: Uint8Array };
      now: Date;
      withCard: <T>(fn: (s: Signer) => T) => T;
    }) => Promise<string>,
  ): Promise<number>;
}

/** cosign (parallel: another signer over the same content) and countersign (serial: over the first signature). */
export async function addSigner(
  kind: "parallel" | "serial",
  a: Args,
  flaw: FlawId | undefined,
  card: CardAccess,
): Promise<number> {
  const { usage } = card;
  const c = common(a, usage);
  if (c.kind === "pdf") {
    if (kind === "serial")
      throw usage("a PDF has no serial signatures: each PAdES signature signs the file; use cosign");
    const count = pdfSignatureCount(c.bytes);
    return card.withCardCertificate(a, flaw, c.pki, async ({ cert, now, withCard }) => {
      const signed = await produceSignature(
        {
          format: "pades-b-t",
          content: c.bytes,
          mimeType: "application/pdf",
          fileName: c.input.split("/").pop()!,
          fieldName: `Imza${count + 1}`,
          signingTime: now,
          hash: "SHA-256",
          certificates: c.pki.chainOf(cert.der, now),
          withSigningCertificate: true,
          withSigningTime: true,
        },
        withCard,
        tsaClient(c.pki.tsaUrl, c.pki),
      );
      writeFileSync(c.out, signed.bytes);
      return `imza eklendi / signature added: ${c.out} (PAdES, ${count + 1} signatures, ${cert.label})`;
    });
  }
  let doc;
  try {
    doc = decodeCades(c.bytes, c.detached);
  } catch (err) {
    if (err instanceof CannotExtend) throw usage(err.message);
    throw err;
  }
  if (doc.signerInfos.some((si) => hasUnsigned(si, CMS_OID.archiveTimestampV2)))
    throw usage(
      "the signature has an archive time-stamp: a signature added now would break it / arşiv zaman damgalı imzaya imza eklenemez",
    );
  const first = doc.signerInfos[0]!;
  return card.withCardCertificate(a, flaw, c.pki, async ({ cert, now, withCard }) => {
    const certs = c.pki.chainOf(cert.der, now).slice(0, -1);
    const hash = first.digestAlg;
    if (kind === "parallel") {
      // the new signer takes the first one's policy and, when it was time-stamped, a time-stamp of its own
      const policy = signedAttr(first, CMS_OID.sigPolicyId);
      const si = withCard((s) =>
        addParallelSigner(
          doc,
          s,
          { hash, signingTime: now, essCert: "v2", extraSignedAttrs: policy ? [policy] : [] },
          certs,
        ),
      );
      if (hasUnsigned(first, CMS_OID.signatureTimeStampToken))
        addSignatureTimestamp(
          si,
          await tsaClient(c.pki.tsaUrl, c.pki).stamp(signatureTimestampImprint(si, hash), hash),
        );
    } else {
      // a counter-signature is a plain BES over the parent's signature value (RFC 5652 §11.4)
      withCard((s) =>
        addCounterSignature(
          doc,
          first,
          s,
          { hash, signingTime: now, essCert: "v2", fault: { messageDigest: flaw === "countersign-wrong-digest" } },
          certs,
        ),
      );
    }
    writeFileSync(c.out, encodeCades(doc));
    return `imza eklendi / signature added: ${c.out} (${kind === "parallel" ? "paralel / parallel" : "seri / serial"}, ${cert.label})`;
  });
}
