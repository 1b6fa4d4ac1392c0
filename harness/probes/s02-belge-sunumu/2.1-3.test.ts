import { describe, expect, it } from "vitest";
import { judge, traceOf } from "../../testing/probes/given.ts";
import { cades, PDF, xades } from "../../testing/probes/typed-signatures.ts";
import type { SignedOutput } from "../../sessions/evidence.ts";
import probe from "./2.1-3.ts";

const signOnce = (...outputs: SignedOutput[]) => ({ "sign-once": { outputs, trace: traceOf([]) } });

describe("2.1-3: the type the signature declares is the signed document's", () => {
  const cases = [
    {
      name: "a file name whose extension fits the text",
      make: () => [cades({ hints: "belge.txt" })],
      verdict: "pass",
      reason: /declared text\/plain/,
    },
    {
      name: "application/pdf over a PDF",
      make: () => [cades({ content: PDF, hints: "application/pdf" })],
      verdict: "pass",
      reason: /the signed bytes are application\/pdf/,
    },
    {
      name: "XAdES MimeType text/plain over text",
      make: () => [xades({ mimeType: "text/plain" })],
      verdict: "pass",
      reason: /declared text\/plain/,
    },
    {
      name: "image/jpeg declared over plain text (the wrong-document-type flaw)",
      make: () => [cades({ hints: "belge.txt" }), cades({ hints: "image/jpeg" })],
      verdict: "fail",
      reason: /declared image\/jpeg, but the signed bytes are not image\/jpeg/,
    },
    {
      name: "XAdES says text/plain over a PDF",
      make: () => [xades({ content: PDF, mimeType: "text/plain" })],
      verdict: "fail",
      reason: /declared text\/plain, but the signed bytes are application\/pdf/,
    },
    {
      name: "a type uyum cannot recognise in bytes",
      make: () => [cades({ hints: "application/x-ozel" })],
      verdict: "undetermined",
      reason: /a type uyum cannot recognise/,
    },
    {
      name: "no signature declares a type",
      make: () => [cades()],
      verdict: "undetermined",
      reason: /no declared type to compare/,
    },
  ] as const;
  for (const c of cases)
    it(`${c.verdict}: ${c.name}`, async () => {
      const j = judge("2.1-3", probe, signOnce(...(await Promise.all(c.make()))));
      expect(j.verdict, j.reason.en).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
    });
});
