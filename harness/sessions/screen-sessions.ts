// The sessions only a screen can run (the web driver's page and the agent's own window): one signing walked
// step by step with every screen kept (window-review), an XML document (window-review-xml) and a document already
// signed by someone else (window-signed-document) shown up to the card, the signer cancelling at the
// qualified-signature warning (cancel-at-warning), the signer leaving the window idle past the declared timeout
// (idle-timeout), and the agent's exposure on the machine (agent-exposure). Each keeps its screens (DOM text, screenshot), the
// pages' HTTP exchanges (PIN masked; whether the raw page request carried it) and the card's trace.
import { createHash } from "node:crypto";
import { parseSignedData } from "../ades/cms.ts";
import { parseCert } from "../ades/index.ts";
import { readTrace, traceMark } from "../card/index.ts";
import type { ScreenRun } from "../drivers/web/types.ts";
import { createCades, encodeCades, signerOf } from "../sign/index.ts";
import { chainOf } from "../vectors/build.ts";
import type { AgentExposureEvidence, ScreenSessionEvidence, SignedDocumentEvidence } from "./catalogue.ts";
import type { SessionContext } from "./context.ts";

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** The document the window sessions sign: plain text, so its preview can show it whole. */
export function screenDocument(label: string): Uint8Array {
  return new TextEncoder().encode(
    `T.C. Örnek Kurum\nSayı: E-2026-${label}\nKonu: uyum ekran oturumu (${label})\nBu belge imza penceresinde gösterilmelidir.\n`,
  );
}

/**
 * The XML document window-review-xml shows (checklist 2.3-1): a presentation-insensitive document whose meaning
 * lies partly where a renderer may drop it — an attribute (the currency of the amount) and a CDATA section with
 * angle brackets. Shown as its source text, it is shown one way only.
 */
export const SCREEN_XML = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<Dilekce xmlns="urn:uyum:ekran">',
  "  <Kime>T.C. Örnek Kurum</Kime>",
  '  <Tutar birim="TL">1.000,00</Tutar>',
  "  <Aciklama><![CDATA[Ödeme <hemen> yapılacaktır.]]></Aciklama>",
  "</Dilekce>",
  "",
].join("\n");

/** The content a CAdES signature carries inside it (the bytes that were signed) and its signing certificate. */
function fromSignature(sig: Uint8Array | undefined): {
  content?: Uint8Array;
  signer?: ScreenSessionEvidence["signer"];
  signedAttributes?: string[];
} {
  if (!sig) return {};
  try {
    const sd = parseSignedData(sig);
    const serial = sd.signerInfos[0]?.sid.serialHex;
    const certs = sd.certificates.map((d) => parseCert(d));
    const c = certs.find((x) => x.serialHex === serial) ?? certs[0];
    return {
      content: sd.eContent,
      signedAttributes: (sd.signerInfos[0]?.signedAttrs ?? []).map((a) => a.type),
      ...(c
        ? {
            signer: {
              subject: c.subject.text,
              issuer: c.issuer.text,
              serialHex: c.serialHex,
              notBefore: c.notBefore.toISOString(),
              notAfter: c.notAfter.toISOString(),
            },
          }
        : {}),
    };
  } catch {
    return {};
  }
}

function keep(
  ctx: SessionContext,
  r: ScreenRun,
  mark: ReturnType<typeof traceMark>,
  ext = "txt",
): ScreenSessionEvidence {
  const steps = r.steps.map((s) => ({
    step: s.step,
    page: s.page,
    url: s.url,
    text: ctx.evidence.put("dom-text", s.text, "txt"),
    screenshot: ctx.evidence.put("screenshot", s.screenshot, "png"),
    domText: s.text,
  }));
  const { content, signer, signedAttributes } = fromSignature(r.signature);
  const events = readTrace(ctx.card.dir, mark);
  return {
    kind: r.kind,
    fileName: r.fileName,
    document: ctx.evidence.put("document", r.document, ext),
    documentSha256: sha256(r.document),
    documentText: new TextDecoder().decode(r.document),
    steps,
    documentView: r.documentView,
    ...(r.confirmView ? { confirmView: r.confirmView } : {}),
    ...(r.cancelled !== undefined ? { cancelled: r.cancelled } : {}),
    ...(r.idledMs !== undefined ? { idledMs: r.idledMs } : {}),
    outcome: r.outcome,
    ...(r.signature ? { signature: ctx.evidence.put("signature", r.signature, r.outputExt) } : {}),
    ...(content ? { signedContentSha256: sha256(content) } : {}),
    ...(signer ? { signer } : {}),
    ...(signedAttributes ? { signedAttributes } : {}),
    exchanges: ctx.evidence.put("http-exchange", r.exchanges.map((e) => JSON.stringify(e)).join("\n"), "jsonl"),
    pinInPage: r.exchanges
      .filter((e) => e.pinInRequest && e.page === "app")
      .map((e) => ({ method: e.method, url: e.url })),
    trace: { ref: ctx.evidence.put("pkcs11-trace", events.map((e) => JSON.stringify(e)).join("\n"), "jsonl"), events },
    ms: r.ms,
  };
}

async function walk(
  ctx: SessionContext,
  label: string,
  atConfirm: ScreenRun["atConfirm"],
  doc: { bytes: Uint8Array; ext: string } = { bytes: screenDocument(label), ext: "txt" },
) {
  const screen = ctx.app.screen;
  if (!screen) throw new Error(`the ${ctx.app.driver} driver has no screen`);
  // CAdES-BES carries the signed bytes inside it: the previewed bytes can be compared with what was signed
  const kind = screen.kinds().find((k) => k.format === "CAdES") ?? screen.kinds()[0];
  if (!kind) throw new Error("the application declares no signature kind to sign with");
  const mark = traceMark(ctx.card.dir);
  const r = await screen.signThroughWindow({
    kind,
    document: doc.bytes,
    fileName: `uyum-${label}.${doc.ext}`,
    atConfirm,
  });
  ctx.progress(`  ${label}: ${r.outcome.status}${r.outcome.code ? ` (${r.outcome.code})` : ""} in ${r.ms} ms`);
  return keep(ctx, r, mark, doc.ext);
}

export const windowReview = (ctx: SessionContext) => walk(ctx, "window-review", "sign");
export const cancelAtWarning = (ctx: SessionContext) => walk(ctx, "cancel-at-warning", "cancel");
/** An XML document shown in the window up to the card, then cancelled: how the window shows it is what counts. */
export const windowReviewXml = (ctx: SessionContext) =>
  walk(ctx, "window-review-xml", "cancel", { bytes: new TextEncoder().encode(SCREEN_XML), ext: "xml" });
/**
 * Who signed the document window-signed-document gives, first choice first: a valid NES of the test PKI (KAMU SM
 * expects it valid) that a campaign's card never holds (the card gets the "valid" scenarios), so its name cannot be
 * taken for the card's own signer's.
 */
export const EARLIER_SIGNERS = ["nes-limit-0", "nes-no-usernotice"];

/**
 * A document already signed by someone else (checklist 2.1-7): a text document in an attached CAdES-BES made by
 * uyum's own signer with a key of the campaign PKI that is not on the card, given to the window (a .p7s) and shown
 * up to the card, then cancelled. The evidence keeps the file and the signers uyum reads from it.
 */
export async function windowSignedDocument(ctx: SessionContext): Promise<SignedDocumentEvidence> {
  if (!ctx.pki) throw new Error("window-signed-document signs its document with the campaign PKI, and has none");
  const { pki } = ctx.pki;
  const onCard = new Set(ctx.card.keys.map((k) => k.label));
  const label = EARLIER_SIGNERS.find((l) => pki.entities.has(l) && !onCard.has(l));
  if (!label)
    throw new Error(`no signer of the campaign PKI off the card to sign with (tried ${EARLIER_SIGNERS.join(", ")})`);
  // the signer and its CAs, the root left to the verifier's trust
  const chain = chainOf(pki, label)
    .filter((e) => e.role !== "root")
    .map((e) => e.certDer);
  const content = screenDocument("window-signed-document");
  // signed at the services' instant (the campaign's clock), never the machine's
  const signingTime = ctx.pki.services.clock?.now();
  const bytes = encodeCades(
    createCades(signerOf(pki, label), {
      content,
      certificates: chain,
      ...(signingTime ? { signingTime } : {}),
      contentHints: { description: "text/plain", contentType: "1.2.840.113549.1.7.1" },
    }),
  );
  const e = await walk(ctx, "window-signed-document", "cancel", { bytes, ext: "p7s" });
  const sd = parseSignedData(bytes);
  const signers = sd.signerInfos.map((si) => {
    const c = sd.certificates.map((d) => parseCert(d)).find((x) => x.serialHex === si.sid.serialHex)!;
    const cn = c.subject.rdns.flat().find((a) => a.type === "2.5.4.3")?.value;
    return { name: cn ?? c.subject.text, subject: c.subject.text, serialHex: c.serialHex };
  });
  return {
    ...e,
    documentText: new TextDecoder().decode(content),
    given: { signature: ctx.evidence.put("signature", bytes, "p7s"), label, signers },
  };
}

export async function idleTimeout(ctx: SessionContext): Promise<ScreenSessionEvidence> {
  const e = await walk(ctx, "idle-timeout", "idle");
  return { ...e, ...(ctx.app.screen?.idleTimeoutMs ? { idleTimeoutMs: ctx.app.screen.idleTimeoutMs } : {}) };
}

export async function agentExposure(ctx: SessionContext): Promise<AgentExposureEvidence> {
  const screen = ctx.app.screen;
  if (!screen) throw new Error(`the ${ctx.app.driver} driver has no screen`);
  // a signing request of the page first (cancelled in the window), so there is a signed request to replay
  await screen.signThroughWindow({
    kind: screen.kinds().find((k) => k.format === "CAdES") ?? screen.kinds()[0]!,
    document: screenDocument("agent-exposure"),
    fileName: "uyum-agent-exposure.txt",
    atConfirm: "cancel",
  });
  const exposure = await screen.agentExposure();
  if (!exposure) return { observed: false };
  ctx.progress(
    `  agent ${exposure.agentUrl}: listening on ${exposure.listening.map((l) => l.address).join(", ") || "?"}; foreign origin → ${exposure.foreignOrigin.get.allowOrigin ?? "no CORS"}; replay → ${exposure.replay?.replayStatus ?? "—"}`,
  );
  return {
    observed: true,
    exposure,
    ref: ctx.evidence.put("http-exchange", JSON.stringify(exposure, null, 2), "json"),
  };
}
