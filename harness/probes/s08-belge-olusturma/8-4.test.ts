import { describe, expect, it } from "vitest";
import type { BadDocumentRow } from "../../sessions/catalogue.ts";
import { makeDocuments } from "../../vectors/documents.ts";
import { attemptOf } from "../../testing/probes/attempts.ts";
import { judge, profileWith, refOf, traceOf } from "../../testing/probes/given.ts";
import { cades } from "../../testing/probes/typed-signatures.ts";
import probe from "./8-4.ts";

const docs = new Map(makeDocuments().map((d) => [d.id, d]));
/** A row of the session: the vector document given, and what the app did: refused, or signed these bytes. */
async function row(id: string, signedBytes?: Uint8Array): Promise<BadDocumentRow> {
  const d = docs.get(id)!;
  const attempt = attemptOf({ name: id, said: signedBytes ? "" : "DOCUMENT_REFUSED", exitCode: signedBytes ? 0 : 9 });
  if (signedBytes) attempt.output = await cades({ content: signedBytes, hints: d.file });
  return {
    id,
    kind: "dynamic-content",
    mediaType: d.mediaType,
    description: d.description,
    document: refOf("document", d.bytes, "bin"),
    attempt,
  };
}
const judged = async (rows: Promise<BadDocumentRow>[]) =>
  judge(
    "8-4",
    probe,
    { "bad-documents": { rows: await Promise.all(rows), trace: traceOf([]) } },
    profileWith({ dynamicContentFormats: true }),
  );
const scriptless = (id: string) =>
  new TextEncoder().encode(new TextDecoder().decode(docs.get(id)!.bytes).replace(/<script[\s\S]*?<\/script>/gi, ""));

describe("8-4: what is signed carries no dynamic content", () => {
  it("fail: the HTML signed with its script in (the no-dynamic-warning flaw)", async () => {
    const j = await judged([row("doc-html-script", docs.get("doc-html-script")!.bytes), row("doc-docx-macro")]);
    expect(j.verdict, j.reason.en).toBe("fail");
    expect(j.reason.en).toMatch(/Signed with its dynamic content left in: doc-html-script \(HTML with script\)/);
  });
  it("fail: the Word file signed with its macro", async () => {
    const j = await judged([row("doc-docx-macro", docs.get("doc-docx-macro")!.bytes)]);
    expect(j.verdict, j.reason.en).toBe("fail");
    expect(j.reason.en).toMatch(/doc-docx-macro \(Office document with macros/);
  });
  it("pass: the script filtered out before signing", async () => {
    const j = await judged([row("doc-html-script", scriptless("doc-html-script"))]);
    expect(j.verdict, j.reason.en).toBe("pass");
    expect(j.reason.en).toMatch(/signed with it filtered out: doc-html-script/);
  });
  it("pass: every one refused, nothing dynamic signed (said as a refusal)", async () => {
    const j = await judged([row("doc-html-script"), row("doc-pdfa3-docx"), row("doc-docx-macro")]);
    expect(j.verdict, j.reason.en).toBe("pass");
    expect(j.reason.en).toMatch(/refused, no signature written: doc-html-script .*doc-docx-macro/);
  });
  it("undetermined: the session gave no dynamic document", async () => {
    expect((await judged([])).verdict).toBe("undetermined");
  });
});
