// Honest outcomes (issue 8, items 12 and 14): only a reader's complaint about the input is a FORMAT_FAILURE; uyum's
// own faults are an "internal-error" outcome (exit 3), and what uyum does not support says so.
import { describe, expect, it } from "vitest";
import { validateBytes, validatePath } from "./index.ts";
import { combine, exitCodeFor, type ValidationResult } from "./report.ts";
import { parseCert, type Cert } from "./x509.ts";
import { anchor, cades, pades, testPki, VALIDATION_TIME, xades } from "../testing/ades/fixture.ts";

/** A trust anchor that throws on any use: stands for a bug anywhere in uyum's path validation. */
function brokenAnchor(): Cert {
  return new Proxy({} as Cert, {
    get(_t, prop) {
      if (prop === "then") return undefined;
      throw new TypeError(`injected bug: read of ${String(prop)}`);
    },
  });
}

describe("internal errors are uyum's, never a verdict on the file", () => {
  it("an injected bug during validation is an internal-error outcome, not TOTAL-FAILED / FORMAT_FAILURE", async () => {
    const pki = await testPki();
    const r = await validateBytes("good.p7s", cades(pki), { anchors: [brokenAnchor()], at: VALIDATION_TIME });
    expect(r.outcome).toBe("internal-error");
    expect(r.indication).not.toBe("TOTAL-FAILED");
    expect(r.subIndication).toBeUndefined();
    expect(r.checks.map((c) => c.id)).toEqual(["internal-error"]);
    expect(r.checks[0].reason.en).toContain("injected bug");
    expect(r.checks[0].reason.en).toContain("not a verdict on this file");
    expect(exitCodeFor([r])).toBe(3);
  });

  it("a malformed file is still a FORMAT_FAILURE verdict (exit 1), and a good one passes (exit 0)", async () => {
    const pki = await testPki();
    const opts = { anchors: [anchor(pki)], at: VALIDATION_TIME };
    const good = await validateBytes("good.p7s", cades(pki), opts);
    const cut = await validateBytes("cut.p7s", cades(pki).subarray(0, 200), opts);
    expect([good.outcome, good.indication]).toEqual(["verdict", "TOTAL-PASSED"]);
    expect([cut.outcome, cut.indication, cut.subIndication]).toEqual(["verdict", "TOTAL-FAILED", "FORMAT_FAILURE"]);
    expect(exitCodeFor([good])).toBe(0);
    expect(exitCodeFor([good, cut])).toBe(1);
    expect(exitCodeFor([good, cut, { ...cut, outcome: "internal-error" } as ValidationResult])).toBe(3);
  });

  it("an X509SerialNumber that is not a number is the signature's problem, named, not a BigInt crash", async () => {
    const pki = await testPki();
    const xml = new TextDecoder().decode(xades(pki));
    const bad = xml.replace(/(<ds:X509SerialNumber>)[^<]*(<\/ds:X509SerialNumber>)/, "$1not-a-number$2");
    expect(bad).not.toBe(xml);
    const r = await validateBytes("serial.xml", new TextEncoder().encode(bad), {
      anchors: [anchor(pki)],
      at: VALIDATION_TIME,
    });
    expect(r.outcome).toBe("verdict");
    const sc = r.signatures[0].checks.find((c) => c.id === "signing-certificate");
    expect(sc?.result).toBe("indeterminate");
    expect(sc?.reason.en).toContain('"not-a-number" is not an integer');
    expect(JSON.stringify(r)).not.toContain("BigInt");
  });

  it("a signer certificate that is itself the trust anchor validates its path (no TypeError in path.ts)", async () => {
    const pki = await testPki();
    const root = anchor(pki);
    const r = validatePath(root, { at: VALIDATION_TIME, anchors: [root], revocation: "off" });
    expect(r.ok).toBe(true);
    expect(r.path).toEqual([root]);
    const late = validatePath(root, { at: new Date(root.notAfter.getTime() + 1000), anchors: [root] });
    expect([late.ok, late.kind]).toEqual([false, "expired"]);
    // The signer's own certificate as the only anchor: the chain check passes; nothing throws.
    const signer = parseCert(pki.get("nes-rsa").certDer);
    const v = await validateBytes("x.p7s", cades(pki), { anchors: [signer], at: VALIDATION_TIME });
    expect(v.outcome).toBe("verdict");
    expect(v.signatures[0].checks.find((c) => c.id === "chain")?.result).toBe("passed");
  });
});

describe("unsupported is not invalid", () => {
  it("an XML DigestMethod uyum does not know is an unsupported outcome, not TOTAL-FAILED", async () => {
    const pki = await testPki();
    const xml = new TextDecoder().decode(xades(pki));
    const odd = xml.replace(/DigestMethod Algorithm="[^"]+"/, 'DigestMethod Algorithm="urn:example:no-such-digest"');
    expect(odd).not.toBe(xml);
    const r = await validateBytes("odd.xml", new TextEncoder().encode(odd), { anchors: [anchor(pki)] });
    expect(r.outcome).toBe("unsupported");
    expect(r.indication).toBe("INDETERMINATE");
    // the signature says which construct: its signed data is "not assessed", in both languages
    const unsupported = r.signatures[0]!.checks.find((c) => c.result === "indeterminate")!;
    expect(unsupported.reason.en).toBe("not assessed: the DigestMethod urn:example:no-such-digest is not supported");
    expect(unsupported.reason.tr).toMatch(/^değerlendirilmedi, uyum desteklemiyor .*urn:example:no-such-digest/);
    // the explicit flag programs read (the reason's prefix is for people)
    expect(unsupported.notAssessed).toBe(true);
    expect(r.signatures[0]!.checks.filter((c) => c.notAssessed).map((c) => c.id)).toEqual(["signed-data"]);
    expect(exitCodeFor([r])).toBe(1);
  });

  it("the unsupported outcome follows the notAssessed flag, not the wording of a reason", async () => {
    const pki = await testPki();
    const sig = (await validateBytes("x.xml", xades(pki), { anchors: [anchor(pki)] })).signatures[0]!;
    const stopped = (notAssessed?: true) => ({
      ...sig,
      indication: "INDETERMINATE" as const,
      subIndication: "SIGNED_DATA_NOT_FOUND" as const,
      checks: [
        {
          id: "signed-data" as const,
          result: "indeterminate" as const,
          subIndication: "SIGNED_DATA_NOT_FOUND" as const,
          reason: { tr: "-", en: "not assessed: worded so, but not flagged" },
          ...(notAssessed ? { notAssessed } : {}),
        },
      ],
    });
    expect(combine("a.xml", "XAdES", [stopped()], new Date()).outcome).toBe("verdict");
    expect(combine("a.xml", "XAdES", [stopped(true)], new Date()).outcome).toBe("unsupported");
  });

  it("a CMS digest algorithm uyum does not know is unsupported, not HASH_FAILURE", async () => {
    const pki = await testPki();
    const der = Buffer.from(cades(pki));
    // SHA-256's OID 2.16.840.1.101.3.4.2.1 (06 09 60 86 48 01 65 03 04 02 01) → an arc no digest has (…02.99)
    const sha256 = Buffer.from("0609608648016503040201", "hex");
    let odd = Buffer.from(der);
    for (let at = odd.indexOf(sha256); at >= 0; at = odd.indexOf(sha256, at + 1)) odd[at + 10] = 99;
    expect(odd.equals(der)).toBe(false);
    const r = await validateBytes("odd.p7s", new Uint8Array(odd), { anchors: [anchor(pki)], at: VALIDATION_TIME });
    expect(r.indication).not.toBe("TOTAL-FAILED");
    expect(r.outcome).toBe("unsupported");
    expect(JSON.stringify(r.signatures[0]?.checks ?? r.checks)).toContain("2.16.840.1.101.3.4.2.99");
  });

  it("an encrypted PDF is unsupported, not a broken signature", async () => {
    const pki = await testPki();
    const pdf = Buffer.from(pades(pki)).toString("latin1");
    // Append an incremental-update trailer that names an /Encrypt dictionary.
    const prevXref = pdf.lastIndexOf("startxref");
    const prev = Number(/startxref\s+(\d+)/.exec(pdf.slice(prevXref))![1]);
    const size = Number(/\/Size\s+(\d+)/.exec(pdf.slice(pdf.lastIndexOf("trailer")))![1]);
    const root = /\/Root\s+(\d+ \d+ R)/.exec(pdf.slice(pdf.lastIndexOf("trailer")))![1];
    const objAt = pdf.length;
    const obj = `${size} 0 obj\n<< /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>\nendobj\n`;
    const xrefAt = objAt + obj.length;
    const xref = `xref\n${size} 1\n${String(objAt).padStart(10, "0")} 00000 n \ntrailer\n<< /Size ${size + 1} /Root ${root} /Prev ${prev} /Encrypt ${size} 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
    const enc = Buffer.from(pdf + obj + xref, "latin1");
    const r = await validateBytes("enc.pdf", enc, { anchors: [anchor(pki)] });
    expect([r.outcome, r.indication, r.subIndication]).toEqual(["unsupported", "INDETERMINATE", undefined]);
    expect(r.checks[0].reason.en).toContain("encrypted");
  });
});
