import { describe, expect, it } from "vitest";
import { disallowedDocument } from "../../sessions/bad-documents.ts";
import { describeBadDocumentProbe } from "../../testing/probes/bad-document-cases.ts";
import { profileWith } from "../../testing/probes/given.ts";
import { makeDocuments } from "../../vectors/documents.ts";
import probe from "./2.1-6.ts";

describeBadDocumentProbe("2.1-6", probe, {
  kind: "disallowed-type",
  docId: "doc-txt",
  title: "a document of a type the application does not allow is refused or warned about, never signed silently",
  none: /no document of a type not allowed was given/,
});

describe("2.1-6: the document the session gives", () => {
  const docs = makeDocuments();
  const of = (caps: Record<string, unknown>) => disallowedDocument(profileWith(caps as never), docs)?.id;
  it("none when the profile does not restrict document types", () => {
    expect(of({ restrictsDocumentTypes: false, documentTypes: ["application/pdf"] })).toBeUndefined();
  });
  it("the first clean document whose type is not allowed", () => {
    expect(of({ restrictsDocumentTypes: true, documentTypes: ["application/pdf"] })).toBe("doc-txt");
    expect(of({ restrictsDocumentTypes: true, documentTypes: ["text/plain", "application/xml"] })).toBe("doc-pdf");
  });
  it("text/xml and application/xml are one type", () => {
    expect(of({ restrictsDocumentTypes: true, documentTypes: ["text/plain", "text/xml", "application/pdf"] })).toBe(
      undefined,
    );
  });
});
