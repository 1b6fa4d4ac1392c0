// Hostile input: every case must come back as a well-formed FORMAT_FAILURE (or the sub-indication that names
// the real problem), never an exception or a hang. (No timing assertions: vitest's timeout bounds each case.)
import { describe, expect, it } from "vitest";
import { children, parseDer } from "../asn1/der.ts";
import { validateBytes } from "./index.ts";
import { parseCrl } from "./crl.ts";
import { anchor, cades, crls, testPki, VALIDATION_TIME, xades } from "../testing/ades/fixture.ts";

const te = new TextEncoder();
// XAdES-BES carries no CRLs: the validator gets them as extra material, as if fetched.
const opts = async () => ({
  anchors: [anchor(await testPki())],
  at: VALIDATION_TIME,
  extraCrls: crls(await testPki()).map(parseCrl),
});
async function verdict(bytes: Uint8Array) {
  const r = await validateBytes("hostile", bytes, await opts());
  return { i: r.indication, s: r.subIndication, why: r.checks.map((c) => c.reason.en).join(" | ") };
}

describe("hostile XML", () => {
  it("XXE (external entity) is refused before parsing", async () => {
    const v = await verdict(
      te.encode('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'),
    );
    expect([v.i, v.s]).toEqual(["TOTAL-FAILED", "FORMAT_FAILURE"]);
    expect(v.why).toMatch(/DOCTYPE/);
    expect(v.why).not.toMatch(/root:/);
  });
  it("billion laughs (entity expansion) is refused", async () => {
    let dtd = '<!ENTITY l0 "ha">';
    for (let i = 1; i < 10; i++) dtd += `<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`;
    const v = await verdict(te.encode(`<?xml version="1.0"?><!DOCTYPE r [${dtd}]><r>&l9;</r>`));
    expect([v.i, v.s]).toEqual(["TOTAL-FAILED", "FORMAT_FAILURE"]);
  });
  it("10,000-deep XML nesting is refused", async () => {
    const v = await verdict(te.encode(`<?xml version="1.0"?>${"<a>".repeat(10_000)}${"</a>".repeat(10_000)}`));
    expect([v.i, v.s]).toEqual(["TOTAL-FAILED", "FORMAT_FAILURE"]);
    expect(v.why).toMatch(/nesting/);
  });
  it("a 50 MB XML input is refused by size", async () => {
    const big = new Uint8Array(50 * 1024 * 1024).fill(0x61);
    big.set(te.encode("<r>"), 0);
    const v = await verdict(big);
    expect([v.i, v.s]).toEqual(["TOTAL-FAILED", "FORMAT_FAILURE"]);
    expect(v.why).toMatch(/limit/);
  });
});

describe("XML signature wrapping (XSW) on a valid XAdES-BES", async () => {
  const pki = await testPki();
  const good = new TextDecoder().decode(xades(pki));
  it("the untouched signature is TOTAL-PASSED (so the attacks below are meaningful)", async () => {
    const v = await verdict(te.encode(good));
    expect(v.i, v.why).toBe("TOTAL-PASSED");
  });
  it("a duplicated signed element (same Id elsewhere) is a FORMAT_FAILURE", async () => {
    const sp = good.match(/<xades:SignedProperties Id="([^"]+)"/)![1];
    const wrapped = good.replace("<baslik>", `<baslik><x Id="${sp}">sahte</x>`);
    const v = await verdict(te.encode(wrapped));
    expect([v.i, v.s]).toEqual(["TOTAL-FAILED", "FORMAT_FAILURE"]);
    expect(v.why).toMatch(/Id/);
  });
  it("a second QualifyingProperties for the same signature (spoofed properties) is a FORMAT_FAILURE", async () => {
    const qp = good.match(/<ds:Object><xades:QualifyingProperties[\s\S]*?<\/ds:Object>/)![0];
    const spoof = qp
      .replace(/Id="([^"]+)"/g, 'Id="$1-x"')
      .replace(/<xades:SigningTime>[^<]*/, "<xades:SigningTime>2020-01-01T00:00:00Z");
    const v = await verdict(te.encode(good.replace("</ds:Signature>", `${spoof}</ds:Signature>`)));
    expect([v.i, v.s]).toEqual(["TOTAL-FAILED", "FORMAT_FAILURE"]);
  });
  it("moving the SignedProperties out and putting forged ones in its place is caught", async () => {
    const spEl = good.match(/<xades:SignedProperties[\s\S]*?<\/xades:SignedProperties>/)![0];
    const forged = spEl.replace(/<xades:SigningTime>[^<]*/, "<xades:SigningTime>2019-05-05T00:00:00Z");
    const moved = good
      .replace(spEl, forged)
      .replace("<baslik>", `<baslik><gizli>${spEl.replace(/Id="/, 'Id="zz')}</gizli>`);
    const v = await verdict(te.encode(moved));
    expect(v.i).not.toBe("TOTAL-PASSED");
    expect(v.s).toMatch(/HASH_FAILURE|FORMAT_FAILURE/);
  });
  it("changing the signed document is a HASH_FAILURE", async () => {
    const v = await verdict(te.encode(good.replace("arz ederim", "arz ETMEM")));
    expect([v.i, v.s]).toEqual(["TOTAL-FAILED", "HASH_FAILURE"]);
  });
  it("a reference to an element inside the signature other than its ds:Object is refused", async () => {
    const v = await verdict(
      te.encode(good.replace('URI=""', 'URI="#' + good.match(/<ds:SignatureValue Id="([^"]+)"/)![1] + '"')),
    );
    expect(v.i).not.toBe("TOTAL-PASSED");
  });
});

describe("hostile DER", async () => {
  const pki = await testPki();
  const good = cades(pki);
  it("truncated CMS at many lengths is a FORMAT_FAILURE", async () => {
    for (const n of [1, 2, 10, 100, good.length >> 1, good.length - 1]) {
      const v = await verdict(good.subarray(0, n));
      expect([v.i, v.s], `length ${n}`).toEqual(["TOTAL-FAILED", "FORMAT_FAILURE"]);
    }
  });
  it("an indefinite length that never ends is a FORMAT_FAILURE", async () => {
    const v = await verdict(
      Uint8Array.of(
        0x30,
        0x80,
        0x06,
        0x09,
        0x2a,
        0x86,
        0x48,
        0x86,
        0xf7,
        0x0d,
        0x01,
        0x07,
        0x02,
        0xa0,
        0x80,
        0x30,
        0x80,
      ),
    );
    expect([v.i, v.s]).toEqual(["TOTAL-FAILED", "FORMAT_FAILURE"]);
  });
  it("10,000-deep nested DER (indefinite and definite) is a FORMAT_FAILURE naming the depth", async () => {
    const indefinite = new Uint8Array(20_000 + 20_000);
    for (let i = 0; i < 10_000; i++) indefinite.set([0x30, 0x80], i * 2);
    const v1 = await verdict(indefinite);
    expect([v1.i, v1.s]).toEqual(["TOTAL-FAILED", "FORMAT_FAILURE"]);
    // definite: build inside-out
    let inner: Uint8Array = Uint8Array.of(0x05, 0x00);
    for (let i = 0; i < 10_000; i++) {
      const len = inner.length;
      const hdr =
        len < 128
          ? [0x30, len]
          : len < 256
            ? [0x30, 0x81, len]
            : len < 65536
              ? [0x30, 0x82, len >> 8, len & 255]
              : [0x30, 0x83, len >> 16, (len >> 8) & 255, len & 255];
      const out = new Uint8Array(hdr.length + len);
      out.set(hdr);
      out.set(inner, hdr.length);
      inner = out;
    }
    const v2 = await verdict(inner);
    expect([v2.i, v2.s]).toEqual(["TOTAL-FAILED", "FORMAT_FAILURE"]);
  });
  it("the 10,000-deep indefinite nesting names the depth, now that the CMS envelope is read as BER", async () => {
    const deep = new Uint8Array(40_000);
    for (let i = 0; i < 10_000; i++) deep.set([0x30, 0x80], i * 2);
    expect((await verdict(deep)).why).toMatch(/nesting deeper than 64/);
  });
  it("a certificate whose signature BIT STRING has non-zero padding bits is a FORMAT_FAILURE naming them", async () => {
    const pki = await testPki();
    const good = cades(pki);
    const cert = pki.get("nes-rsa").certDer;
    const at = Buffer.from(good).indexOf(Buffer.from(cert));
    const sigBits = children(parseDer(cert))[2]!;
    const bad = Uint8Array.from(good);
    bad[at + sigBits.contentStart] = 1; // one unused bit ...
    bad[at + sigBits.end - 1]! |= 1; // ... and it is set: not DER, and no whole-octet signature either
    const v = await verdict(bad);
    expect([v.i, v.s]).toEqual(["TOTAL-FAILED", "FORMAT_FAILURE"]);
    expect(v.why).toMatch(/unused bits are not zero/);
  });
  it("a 50 MB DER claiming a huge length, and 50 MB of noise, are FORMAT_FAILUREs", async () => {
    const big = new Uint8Array(50 * 1024 * 1024);
    big.set([0x30, 0x84, 0x7f, 0xff, 0xff, 0xff]);
    expect((await verdict(big)).s).toBe("FORMAT_FAILURE");
    const noise = new Uint8Array(50 * 1024 * 1024).fill(0xa5);
    expect((await verdict(noise)).s).toBe("FORMAT_FAILURE");
  });
  it("a PDF without %%EOF or with a lying /ByteRange is a FORMAT_FAILURE", async () => {
    expect((await verdict(te.encode("%PDF-1.7\n1 0 obj <<>> endobj\n"))).s).toBe("FORMAT_FAILURE");
    const v = await verdict(
      te.encode("%PDF-1.7\n1 0 obj <</Type/Sig/ByteRange [0 10 20 99999]/Contents <00>>> endobj\n%%EOF\n"),
    );
    expect([v.i, v.s]).toEqual(["TOTAL-FAILED", "FORMAT_FAILURE"]);
  });
});
