import { describe, expect, it } from "vitest";
import { judge, traceOf } from "../../testing/probes/given.ts";
import { cades, PDF, xades } from "../../testing/probes/typed-signatures.ts";
import type { SignedOutput } from "../../sessions/evidence.ts";
import probe from "./2.1-2.ts";

const signOnce = (...outputs: SignedOutput[]) => ({ "sign-once": { outputs, trace: traceOf([]) } });

describe("2.1-2: the verifier can tell the document's type, from the signed data or from the document's own format", () => {
  const cases = [
    {
      name: "CAdES content-hints names the type",
      make: () => [cades({ hints: "text/plain" })],
      verdict: "pass",
      reason: /"text\/plain"/,
    },
    {
      name: "XAdES DataObjectFormat/MimeType",
      make: () => [xades({ mimeType: "text/plain" })],
      verdict: "pass",
      reason: /"text\/plain"/,
    },
    {
      name: "no content-hints, but a PDF says what it is",
      make: () => [cades({ content: PDF })],
      verdict: "pass",
      reason: /the document's own format application\/pdf/,
    },
    {
      name: "plain text signed with no content-hints",
      make: () => [cades({ hints: "text/plain" }), cades()],
      verdict: "fail",
      reason: /carries no content-hints\/MimeType, and the signed document's format does not say what it is/,
    },
    {
      name: "XAdES with no MimeType over plain text",
      make: () => [xades()],
      verdict: "fail",
      reason: /the XAdES BES output .* carries no content-hints/,
    },
  ] as const;
  for (const c of cases)
    it(`${c.verdict}: ${c.name}`, async () => {
      const j = judge("2.1-2", probe, signOnce(...(await Promise.all(c.make()))));
      expect(j.verdict, j.reason.en).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
    });
  it("undetermined: nothing was signed", () => {
    const j = judge("2.1-2", probe, signOnce());
    expect(j.verdict).toBe("undetermined");
    expect(j.reason.en).toMatch(/produced no signature/);
  });
});
