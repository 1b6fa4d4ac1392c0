// certificate-changed: an application may keep the certificates it read from the card (7.3-3), but what it
// keeps must stay the card's. On a card of the session's own the application signs once; then the card is
// replaced by one under the same token label, PIN and key id holding another key and certificate (a renewed
// card), and the application signs again with the card's key. The trace shows how often it read certificate
// values from the card; uyum's validator says which certificate each signature names and whether it verifies.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { parseCert, pemOrDer } from "../ades/index.ts";
import { certificatesReadFromCard, provisionCard, readTrace, traceMark, type CardInfo } from "../card/index.ts";
import { recordAttempt } from "./attempt.ts";
import type { CardCertificateRow, CertificateChangedEvidence } from "./catalogue.ts";
import type { SessionContext } from "./context.ts";
import { documentFor } from "./sign-sessions.ts";

function certRow(pkiDir: string, label: string): CardCertificateRow {
  const cert = pemOrDer(readFileSync(join(pkiDir, "certs", `${label}.pem`))).map(parseCert)[0]!;
  return { label, subject: cert.subject.text, serialHex: cert.serialHex };
}

export async function certificateChanged(ctx: SessionContext): Promise<CertificateChangedEvidence> {
  if (!ctx.pki || !ctx.workDir || !ctx.openWith)
    throw new Error("certificate-changed needs the campaign PKI and a work directory (a card of its own)");
  const put = (events: ReturnType<typeof readTrace>) =>
    ctx.evidence.put("pkcs11-trace", events.map((e) => JSON.stringify(e)).join("\n"), "jsonl");
  // two keys of one algorithm, so a stale certificate is used with the new key rather than refused by type
  const keys = ctx.card.keys;
  const pair =
    keys
      .flatMap((a, i) => keys.slice(i + 1).map((b) => [a, b] as const))
      .find(([a, b]) => a.keyAlgorithm === b.keyAlgorithm) ??
    (keys.length >= 2 ? ([keys[0]!, keys[1]!] as const) : undefined);
  if (!pair)
    return {
      skipped: "the campaign card holds fewer than two keys: no second certificate to renew the card with",
      card: "own-card",
      trace: { ref: put([]), events: [] },
    };
  const dir = join(ctx.workDir, "certificate-changed-card");
  const pin = ctx.card.pin ? { pin: ctx.card.pin } : {};
  const card: CardInfo = await provisionCard({
    pkiDir: ctx.pki.dir,
    outDir: dir,
    certLabels: [pair[0].label],
    tokenLabel: ctx.card.tokenLabel,
    ...pin,
  });
  const opened = await ctx.openWith(card, join(ctx.workDir, "certificate-changed-app"));
  const face = opened.signing;
  const kind = face?.kinds()[0];
  const mark = traceMark(dir);
  const own = { ...ctx, card };
  let first, second;
  let between: number | undefined;
  if (face && kind) {
    first = await recordAttempt(
      own,
      await face.sign(kind, documentFor(900), "certificate-changed-1", { key: pair[0].label }),
      "certificate-changed-1",
    );
    // the card renewed: same directory, token label and PIN, another key and certificate under CKA_ID 01
    rmSync(join(dir, "tokens"), { recursive: true, force: true });
    rmSync(join(dir, "card.json"), { force: true });
    const renewed = await provisionCard({
      pkiDir: ctx.pki.dir,
      outDir: dir,
      certLabels: [pair[1].label],
      tokenLabel: ctx.card.tokenLabel,
      ...pin,
    });
    between = readTrace(dir, mark).at(-1)?.seq;
    Object.assign(card, renewed); // the face holds this object: it now names the renewed card's key
    second = await recordAttempt(
      own,
      await face.sign(kind, documentFor(901), "certificate-changed-2", { key: pair[1].label }),
      "certificate-changed-2",
    );
  }
  await opened.close?.();
  const events = readTrace(dir, mark);
  const before = events.filter((e) => between === undefined || e.seq <= between);
  const after = events.filter((e) => between !== undefined && e.seq > between);
  return {
    ...(kind ? { requested: kind } : {}),
    before: certRow(ctx.pki.dir, pair[0].label),
    after: certRow(ctx.pki.dir, pair[1].label),
    ...(first ? { first } : {}),
    ...(second ? { second } : {}),
    certificateReads: {
      first: certificatesReadFromCard(before).length,
      second: certificatesReadFromCard(after).length,
    },
    ...(between !== undefined ? { renewedAfterSeq: between } : {}),
    ...(face && kind ? {} : { skipped: "no signing face" }),
    card: "own-card",
    trace: { ref: put(events), events },
  };
}
