// The ETSI TS 119 102-2 report validates against the official XSD (xmllint --nonet --schema), for every kind of
// result uyum gives: passed, failed, indeterminate, time-stamped, unreadable, unsupported and internal errors.
import { DOMParser } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { sharedDirForTests } from "../core/shared-dir.ts";
import { ETSI_NS, toEtsiXml } from "./etsi-report.ts";
import { validateBytes } from "./index.ts";
import { internalError } from "./report.ts";
import { etsiXsd, expectSchemaValid, xmllintSchema } from "../testing/ades/etsi-schema.ts";
import { anchor, cades, pades, testPki, VALIDATION_TIME, xades } from "../testing/ades/fixture.ts";

const { dir: shared, skipReason } = sharedDirForTests();

describe.skipIf(!shared)(`ETSI TS 119 102-2 report${skipReason ? ` (${skipReason})` : ""}`, () => {
  it("validates against TS119102-2-v122.xsd for every kind of result", async () => {
    const pki = await testPki();
    const o = { anchors: [anchor(pki)], at: VALIDATION_TIME };
    const results = [
      await validateBytes("good.p7s", cades(pki), o),
      await validateBytes("t.p7s", cades(pki, { tsAt: new Date("2026-01-15T10:05:00Z") }), o),
      await validateBytes("bad.p7s", cades(pki, { fault: { signatureValue: true } }), o),
      await validateBytes("x & <y>.xml", xades(pki), o),
      await validateBytes("p.pdf", pades(pki), o),
      await validateBytes("junk.bin", new Uint8Array([1, 2, 3]), o),
      await validateBytes("nochain.p7s", cades(pki), { anchors: [], at: VALIDATION_TIME }),
      internalError("bug.p7s", "CAdES", new TypeError("injected"), VALIDATION_TIME),
    ];
    const xml = toEtsiXml(results);
    expectSchemaValid(xml);
    const doc = new DOMParser().parseFromString(xml, "text/xml");
    expect(doc.getElementsByTagNameNS(ETSI_NS, "SignatureValidationReport").length).toBe(results.length);
    expect(doc.getElementsByTagNameNS(ETSI_NS, "BestSignatureTime").length).toBe(results.length);
    expect(xml).toContain("urn:etsi:019102:poetype:validation"); // the time-stamped one proves its time
    expect(xml).toContain("x &amp; &lt;y&gt;.xml#S1");
    expect(xml).toContain("urn:uyum:reason:tr");
  });

  it("the schema check can fail: a report missing a required element does not validate", () => {
    const xml = toEtsiXml([internalError("bug.p7s", "CAdES", new Error("x"), VALIDATION_TIME)]);
    const broken = xml.replace(/<BestSignatureTime>.*?<\/BestSignatureTime>/s, "");
    expect(broken).not.toBe(xml);
    const r = xmllintSchema(broken, etsiXsd()!);
    expect(r.ok).toBe(false);
    expect(r.messages).toContain("BestSignatureTime");
  });
});
