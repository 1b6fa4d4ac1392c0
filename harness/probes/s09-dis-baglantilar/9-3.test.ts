import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { judge, profileWith, traceOf } from "../../testing/probes/given.ts";
import { cades, TEXT, xades } from "../../testing/probes/typed-signatures.ts";
import { makeDocuments } from "../../vectors/documents.ts";
import type { SignedOutput } from "../../sessions/evidence.ts";
import probe from "./9-3.ts";

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
/** The output as sign-once records it: the digest of the document the session gave beside the signature. */
const given = (o: SignedOutput, document: Uint8Array): SignedOutput => ({ ...o, documentSha256: sha(document) });
const judged = (...outputs: SignedOutput[]) =>
  judge("9-3", probe, { "sign-once": { outputs, trace: traceOf([]) } }, profileWith({ externalSystems: true }));
const html = makeDocuments().find((d) => d.id === "doc-html-script")!.bytes;
const appended = Uint8Array.from([...TEXT, 0x0a]);

describe("9-3: what is signed is the document received, unchanged, with nothing dynamic in it", () => {
  it("pass: CAdES and XAdES sign the given bytes as they are", async () => {
    const j = judged(
      given(await cades({ hints: "t.txt" }), TEXT),
      given(await xades({ mimeType: "text/plain" }), TEXT),
    );
    expect(j.verdict, j.reason.en).toBe("pass");
    expect(j.reason.en).toMatch(/Each of the 2 signatures signs the bytes of the document given as they were/);
  });
  it("fail: a line appended before signing (the preview-mismatch flaw: substituted bytes)", async () => {
    const j = judged(given(await cades({ hints: "t.txt", content: appended }), TEXT));
    expect(j.verdict, j.reason.en).toBe("fail");
    expect(j.reason.en).toMatch(
      /Other bytes were signed than the document given: the CAdES BES output .*\(given [0-9a-f]{12}…, signed [0-9a-f]{12}…\)/,
    );
  });
  it("fail: the document received carried a script, signed as it was", async () => {
    const j = judged(given(await cades({ hints: "t.html", content: html }), html));
    expect(j.verdict, j.reason.en).toBe("fail");
    expect(j.reason.en).toMatch(/The signed data carries active content: .*HTML with script/);
  });
  it("undetermined: the session did not record the given document's digest", async () => {
    const j = judged(await cades({ hints: "t.txt" }));
    expect(j.verdict).toBe("undetermined");
    expect(j.reason.en).toMatch(/the given document's digest was not recorded/);
  });
});
