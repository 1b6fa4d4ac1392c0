import { describe, expect, it } from "vitest";
import type { SignedDocumentEvidence } from "../../sessions/catalogue.ts";
import { judge, refOf } from "../../testing/probes/given.ts";
import { screenEvidence, STEP_TEXT, unsignedEvidence } from "../../testing/probes/screen.ts";
import probe from "./2.1-7.ts";

const KEMAL = {
  name: "TEST Kemal Para Limiti Sıfır",
  subject: "CN=TEST Kemal Para Limiti Sıfır, C=TR",
  serialHex: "200f",
};
const ZEYNEP = { name: "TEST Zeynep Ibare Yok", subject: "CN=TEST Zeynep Ibare Yok, C=TR", serialHex: "2005" };

/** The window's document step as a screen reads it, with `extra` below the preview. */
const documentStep = (extra: string) => ({
  step: "window-document",
  page: "agent-window" as const,
  url: "http://127.0.0.1:1/window",
  text: refOf("dom-text", STEP_TEXT["window-document"]! + extra, "txt"),
  screenshot: refOf("screenshot", "png window-document", "png"),
  domText: STEP_TEXT["window-document"]! + extra,
});

/** The session as a window that cancelled at the confirm step left it: `listed` is what the page object read. */
function given(o: {
  listed?: string[];
  screen?: string;
  signers?: (typeof KEMAL)[];
  over?: Partial<SignedDocumentEvidence>;
}): SignedDocumentEvidence {
  const base = unsignedEvidence();
  const e: SignedDocumentEvidence = {
    ...base,
    fileName: "uyum-window-signed-document.p7s",
    document: refOf("document", "p7s bytes", "p7s"),
    steps: [base.steps[0]!, documentStep(o.screen ?? ""), ...base.steps.slice(2)],
    documentView: {
      ...base.documentView!,
      ...(o.listed !== undefined ? { existingSignatures: o.listed } : {}),
    },
    given: { signature: refOf("signature", "p7s bytes", "p7s"), label: "nes-limit-0", signers: o.signers ?? [KEMAL] },
    ...o.over,
  };
  return e;
}

describe("2.1-7: the signatures already on a document are shown to the user", () => {
  const cases: { name: string; e: () => SignedDocumentEvidence; verdict: string; reason: RegExp }[] = [
    {
      name: "the window lists the earlier signer by name",
      e: () => given({ listed: ["TEST Kemal Para Limiti Sıfır — paralel imza"] }),
      verdict: "pass",
      reason: /named the 1 signature\(s\) already on it by signer: TEST Kemal Para Limiti Sıfır \(its list/,
    },
    {
      name: "the name in capitals (Turkish dotted İ), on the screen only (the page object reads no list)",
      e: () => given({ screen: "\nMevcut imzalar: TEST KEMAL PARA LİMİTİ SIFIR\n" }),
      verdict: "pass",
      reason: /by signer: TEST Kemal Para Limiti Sıfır\./,
    },
    {
      name: "the document is shown, no signature listed",
      e: () => given({ listed: [] }),
      verdict: "fail",
      reason: /not these of the signatures on it: TEST Kemal Para Limiti Sıfır \(no list of existing signatures\)/,
    },
    {
      name: "two earlier signers, one listed",
      e: () => given({ listed: ["TEST Kemal Para Limiti Sıfır"], signers: [KEMAL, ZEYNEP] }),
      verdict: "fail",
      reason: /not these of the signatures on it: TEST Zeynep Ibare Yok \(its list: «TEST Kemal/,
    },
    {
      name: "a signer's surname alone is not their name",
      e: () => given({ listed: ["Kemal"] }),
      verdict: "fail",
      reason: /not these .*: TEST Kemal Para Limiti Sıfır/,
    },
    {
      name: "no document step at all (signed without showing the document)",
      e: () => given({ over: { documentView: null, outcome: { status: "cancelled", message: "İmza iptal edildi." } } }),
      verdict: "fail",
      reason: /without a document step/,
    },
    {
      name: "the window refused the signed document",
      e: () =>
        given({
          over: {
            documentView: null,
            steps: [screenEvidence().steps[0]!],
            outcome: { status: "failed", message: "Bu belge imzalanamaz", code: "DOCUMENT_REFUSED" },
          },
        }),
      verdict: "undetermined",
      reason: /refused or did not show the signed document .*Bu belge imzalanamaz.*multipleSignatures/,
    },
    {
      name: "the window took the signed document for a malformed one and named no signer",
      e: () =>
        given({
          listed: [],
          over: {
            documentView: {
              previewText: "",
              warnings: ["imzalı belge (CAdES) okunamıyor"],
              cancelOffered: true,
              existingSignatures: [],
            },
          },
        }),
      verdict: "undetermined",
      reason: /with a warning \(«imzalı belge \(CAdES\) okunamıyor»\) and named no signer/,
    },
    {
      name: "the window never reached a step",
      e: () => given({ over: { documentView: null, steps: [], outcome: { status: "no-answer", message: "" } } }),
      verdict: "undetermined",
      reason: /never reached this step/,
    },
  ];
  for (const c of cases)
    it(`${c.verdict}: ${c.name}`, () => {
      const j = judge("2.1-7", probe, { "window-signed-document": c.e() });
      expect(j.verdict, j.reason.en).toBe(c.verdict);
      expect((j as { suggested?: boolean }).suggested).toBe(true);
      expect(j.reason.en).toMatch(c.reason);
    });

  it("cites the window's document step at its list and the signature it was given", () => {
    const e = given({ listed: ["TEST Kemal Para Limiti Sıfır"] });
    const j = judge("2.1-7", probe, { "window-signed-document": e });
    if (!("evidence" in j)) throw new Error(j.reason.en);
    expect(j.evidence.map((r) => `${r.kind}${r.locator ? `@${r.locator}` : ""}`)).toEqual([
      "dom-text@#mevcut-imzalar",
      "screenshot",
      "signature",
    ]);
    expect(j.evidence.at(-1)!.sha256).toBe(e.given.signature.sha256);
  });
});
