// certificate-changed: an application may keep the certificates it read from the card (7.3-3), but what it
// keeps must stay the card's. On a card of the session's own the application signs once; then the card is
// replaced by one under the same token label, PIN and key id holding another key and certificate (a renewed
// card; the application started again, its own directory kept), and it signs again with the card's key. The
// trace shows how often it read certificate values from the card; uyum's validator says which certificate each
// signature names and whether it verifies.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseCert, pemOrDer } from "../ades/index.ts";
import { certificatesReadFromCard, provisionCard, readTrace, traceMark } from "../card/index.ts";
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
  const card = await provisionCard({
    pkiDir: ctx.pki.dir,
    outDir: dir,
    certLabels: [pair[0].label],
    tokenLabel: ctx.card.tokenLabel,
    ...pin,
  });
  // the application's own directory stays the same across the card change: what it kept on disk, it keeps
  const appDir = join(ctx.workDir, "certificate-changed-app");
  let opened = await ctx.openWith(card, appDir);
  const kind = opened.signing?.kinds()[0];
  const mark = traceMark(dir);
  let first, second;
  let between: number | undefined;
  if (opened.signing && kind) {
    const name1 = "certificate-changed-1";
    const run1 = await opened.signing.sign(kind, documentFor(900), name1, { key: pair[0].label });
    first = await recordAttempt({ ...ctx, card }, run1, name1);
    // the card changed for a renewed one: same token label and PIN, another key and certificate under CKA_ID 01.
    // SoftHSM does not see its store change under a running process, so the application is started again, as
    // after a card change; a certificate it kept in memory only is gone, one it kept on disk is not
    await opened.close?.();
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
    opened = await ctx.openWith(renewed, appDir);
    const name2 = "certificate-changed-2";
    const run2 = opened.signing
      ? await opened.signing.sign(kind, documentFor(901), name2, { key: pair[1].label })
      : undefined;
    if (run2) second = await recordAttempt({ ...ctx, card: renewed }, run2, name2);
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
    ...(kind ? {} : { skipped: "no signing face" }),
    card: "own-card",
    trace: { ref: put(events), events },
  };
}
