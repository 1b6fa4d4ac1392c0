import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bool,
  children,
  concat,
  content,
  DerError,
  enumerated,
  explicit,
  generalizedTime,
  hasBit,
  ia5,
  implicitConstructed,
  implicitPrimitive,
  int,
  intRaw,
  after,
  asDer,
  MAX_DEPTH,
  namedBits,
  readOctets,
  nul,
  octets,
  oid,
  parseDer,
  printable,
  readBits,
  readBool,
  readInt,
  readIntHex,
  readNode,
  readOid,
  readString,
  readTime,
  retag,
  seq,
  set,
  setKeepOrder,
  tlv,
  toHex,
  utcTime,
  utf8,
  whole,
  x509Time,
  type Der,
  type Node,
} from "./der.ts";

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ""), "hex"));
/** The single value in `der`, parsed strictly. */
const one = (der: Uint8Array): Node => parseDer(der);
function derError(f: () => unknown): DerError {
  try {
    f();
  } catch (e) {
    if (e instanceof DerError) return e;
    throw new Error(`expected a DerError, got ${String(e)}`);
  }
  throw new Error("expected a DerError, nothing was thrown");
}

describe("INTEGER", () => {
  it("encodes the 0x80 boundaries minimally (two's complement)", () => {
    const cases: [number | bigint | string, string][] = [
      [0, "020100"],
      [127, "02017f"],
      [128, "02020080"],
      [255, "020200ff"],
      [256, "02020100"],
      [-1, "0201ff"],
      [-128, "020180"],
      [-129, "0202ff7f"],
      [-256, "0202ff00"],
      [-32768, "02028000"],
      [-32769, "0203ff7fff"],
      ["00ff", "020200ff"],
      ["7F", "02017f"],
      ["0", "020100"],
    ];
    for (const [v, want] of cases) expect(toHex(int(v)), `int(${v})`).toBe(want);
    expect(toHex(enumerated(128))).toBe("0a020080");
  });
  it("round-trips any bigint, and hex magnitudes through readIntHex", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(1n << 300n), max: 1n << 300n }), (v) => {
        expect(readInt(one(int(v)))).toBe(v);
        if (v >= 0n) expect(readIntHex(one(int(v.toString(16))))).toBe(v.toString(16));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 }), (v) => {
        expect(readInt(one(enumerated(v)))).toBe(BigInt(v));
      }),
    );
  });
  it("refuses bad input to the writer and non-minimal encodings in the reader", () => {
    expect(() => int("xyz")).toThrow(/not hex/);
    expect(() => int(2 ** 60)).toThrow(/safe integer/);
    expect(derError(() => readInt(one(hex("02020001")))).message).toMatch(/not minimally encoded/);
    expect(derError(() => readInt(one(hex("0202ff80")))).message).toMatch(/not minimally encoded/);
    expect(derError(() => readInt(one(hex("0200")))).message).toMatch(/empty/);
    // intRaw copies content byte-exact, even when not minimal (faults need that)
    expect(toHex(intRaw(hex("0001")))).toBe("02020001");
  });
});

describe("OBJECT IDENTIFIER", () => {
  it("matches known encodings (X.690 example 2.999.3, RSA, a 128-bit arc)", () => {
    expect(toHex(oid("2.999.3"))).toBe("0603883703");
    expect(toHex(oid("1.2.840.113549.1.1.11"))).toBe("06092a864886f70d01010b");
    expect(readOid(one(oid("2.25.340282366920938463463374607431768211455")))).toBe(
      "2.25.340282366920938463463374607431768211455",
    );
  });
  it("round-trips any valid OID including large arcs", () => {
    const arc = fc.oneof(fc.bigInt({ min: 0n, max: 200n }), fc.bigInt({ min: 0n, max: 1n << 160n }));
    const dotted = fc
      .oneof(
        fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 39 }), fc.array(arc, { maxLength: 8 })),
        fc.tuple(fc.constant(2), fc.bigInt({ min: 0n, max: 1n << 100n }), fc.array(arc, { maxLength: 8 })),
      )
      .map(([a, b, rest]) => [a, b, ...rest].join("."));
    fc.assert(
      fc.property(dotted, (s) => {
        expect(readOid(one(oid(s)))).toBe(s);
      }),
      { numRuns: 500 },
    );
  });
  it("refuses bad OIDs on both sides", () => {
    for (const bad of ["1", "3.1", "1.40", "1..2", "1.2.x", ""]) expect(() => oid(bad), bad).toThrow(/bad OID/);
    expect(derError(() => readOid(one(hex("0600")))).message).toMatch(/empty/);
    expect(derError(() => readOid(one(hex("06022a86")))).message).toMatch(/cut off/);
    expect(derError(() => readOid(one(hex("06032a8001")))).message).toMatch(/not minimal/);
  });
});

describe("times", () => {
  const second = (lo: string, hi: string) =>
    fc.integer({ min: Date.parse(lo) / 1000, max: Date.parse(hi) / 1000 }).map((s) => new Date(s * 1000));
  it("round-trip UTCTime (1950-2049), GeneralizedTime (0000-9999) and x509Time's choice", () => {
    fc.assert(
      fc.property(second("1950-01-01T00:00:00Z", "2049-12-31T23:59:59Z"), (d) => {
        expect(readTime(one(utcTime(d))).getTime()).toBe(d.getTime());
        expect(one(x509Time(d)).tag).toBe(0x17);
      }),
    );
    fc.assert(
      fc.property(second("0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z"), (d) => {
        expect(readTime(one(generalizedTime(d))).getTime()).toBe(d.getTime());
        const y = d.getUTCFullYear();
        expect(one(x509Time(d)).tag).toBe(y >= 1950 && y < 2050 ? 0x17 : 0x18);
      }),
    );
  });
  it("write the exact DER text and refuse what does not fit", () => {
    expect(Buffer.from(content(one(utcTime(new Date("2049-12-31T23:59:59.999Z"))))).toString()).toBe("491231235959Z");
    expect(Buffer.from(content(one(generalizedTime(new Date("2050-01-01T00:00:00.5Z"))))).toString()).toBe(
      "20500101000000Z",
    );
    expect(Buffer.from(content(one(generalizedTime(new Date("0099-03-04T05:06:07Z"))))).toString()).toBe(
      "00990304050607Z",
    );
    expect(() => utcTime(new Date("2050-01-01T00:00:00Z"))).toThrow(/year 2050/);
    expect(() => utcTime(new Date("1949-12-31T23:59:59Z"))).toThrow(/year 1949/);
    expect(() => generalizedTime(new Date(NaN))).toThrow(/invalid Date/);
    const t = (tag: number, s: string) => one(tlv(tag, Buffer.from(s)));
    expect(readTime(t(0x18, "20240229120000.25Z")).toISOString()).toBe("2024-02-29T12:00:00.250Z");
    for (const [tag, s] of [
      [0x17, "2402291200Z"],
      [0x17, "240229120000+0100"],
      [0x18, "20240229120000.50Z"],
      [0x18, "20230229120000Z"],
      [0x18, "20241301000000Z"],
    ] as const) {
      expect(derError(() => readTime(t(tag, s))).message, s).toMatch(/bad (UTC|Generalized)Time|not a real date/);
    }
  });
});

describe("nested structures", () => {
  type Tree =
    | { k: "seq"; items: Tree[] }
    | { k: "int"; v: bigint }
    | { k: "utf8"; v: string }
    | { k: "octets"; v: Uint8Array }
    | { k: "bool"; v: boolean }
    | { k: "null" };
  const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
    tree: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.bigInt({ min: -(1n << 70n), max: 1n << 70n }).map((v): Tree => ({ k: "int", v })),
      fc.string({ unit: "grapheme", maxLength: 20 }).map((v): Tree => ({ k: "utf8", v })),
      fc.uint8Array({ maxLength: 300 }).map((v): Tree => ({ k: "octets", v })),
      fc.boolean().map((v): Tree => ({ k: "bool", v })),
      fc.constant<Tree>({ k: "null" }),
      fc.array(tie("tree"), { maxLength: 5 }).map((items): Tree => ({ k: "seq", items })),
    ),
  }));
  const write = (t: Tree): Der =>
    t.k === "seq"
      ? seq(...t.items.map(write))
      : t.k === "int"
        ? int(t.v)
        : t.k === "utf8"
          ? utf8(t.v)
          : t.k === "octets"
            ? octets(t.v)
            : t.k === "bool"
              ? bool(t.v)
              : nul();
  function readBack(n: Node): Tree {
    switch (n.tag) {
      case 0x30:
        return { k: "seq", items: children(n).map(readBack) };
      case 0x02:
        return { k: "int", v: readInt(n) };
      case 0x0c:
        return { k: "utf8", v: readString(n) };
      case 0x04:
        return { k: "octets", v: Uint8Array.from(content(n)) };
      case 0x01:
        return { k: "bool", v: readBool(n) };
      case 0x05:
        return { k: "null" };
      default:
        throw new Error(`unexpected tag ${n.tag}`);
    }
  }
  it("round-trip through the strict reader (long lengths included)", () => {
    fc.assert(
      fc.property(tree, (t) => {
        expect(readBack(one(write(t)))).toEqual(t);
      }),
      { numRuns: 300 },
    );
    const big = new Uint8Array(70_000).fill(7);
    expect(toHex(octets(big).subarray(0, 5))).toBe("0483011170");
    expect(content(one(seq(octets(big)))).length).toBe(70_005);
  });
  it("seq/set skip undefined and false; tags, retagging and named bits come out as DER", () => {
    expect(toHex(seq(undefined, nul(), false))).toBe("30020500");
    expect(toHex(explicit(3, nul()))).toBe("a3020500");
    expect(toHex(implicitPrimitive(1, octets(hex("ab"))))).toBe("8101ab");
    expect(toHex(implicitConstructed(0, seq(nul())))).toBe("a0020500");
    expect(toHex(retag(int(5), 0x0a))).toBe("0a0105");
    expect(toHex(namedBits([0, 5]))).toBe("030202" + "84");
    expect(toHex(namedBits([8]))).toBe("0303070080");
    expect(toHex(namedBits([]))).toBe("030100");
    expect(() => printable("ş")).toThrow(/PrintableString/);
    expect(() => ia5("ş")).toThrow(/IA5String/);
    expect(() => explicit(31, nul())).toThrow(/out of range/);
    expect(() => tlv(0x1f, new Uint8Array())).toThrow(/single identifier octet/);
    const ku = readBits(one(namedBits([0, 2, 7, 9])));
    expect([0, 1, 2, 7, 8, 9, 10].map((i) => hasBit(ku, i))).toEqual([true, false, true, true, false, true, false]);
    expect(ku.bits).toBe(10);
  });
});

describe("SET OF ordering", () => {
  it("sorts by encoding, so any order of the same elements gives the same bytes; setKeepOrder keeps it", () => {
    const el = fc.oneof(
      fc.bigInt({ min: -1000n, max: 1n << 40n }).map((v) => int(v)),
      fc.string({ maxLength: 8 }).map(utf8),
      fc.uint8Array({ maxLength: 4 }).map(octets),
    );
    fc.assert(
      fc.property(
        fc
          .array(el, { maxLength: 8 })
          .chain((xs) =>
            fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length })),
          ),
        ([xs, shuffled]) => {
          const s = set(...xs);
          expect(toHex(set(...shuffled))).toBe(toHex(s));
          const encs = children(one(s)).map((c) => toHex(whole(c)));
          expect(encs).toEqual([...encs].sort()); // hex strings sort like their bytes
          expect(children(one(setKeepOrder(...shuffled))).map((c) => toHex(whole(c)))).toEqual(shuffled.map(toHex));
        },
      ),
    );
    // shorter-first on a common prefix: 04 01 00 sorts before 04 02 00 00
    expect(toHex(set(octets(hex("0000")), octets(hex("00"))))).toBe("3107" + "040100" + "04020000");
  });
});

describe("strict reader", () => {
  const cases: [string, string, RegExp][] = [
    ["indefinite length", "30800500 0000", /indefinite length is not DER at offset 1/],
    ["long form for a short length", "04810100", /not minimal/],
    ["leading zero length octet", "0482000500", /leading zero/],
    ["5 length octets", "0485000000000100", /5 octets is too large/],
    ["length past the end (overflow)", "0484ffffffff00", /runs past the end/],
    ["truncated content", "3005020100", /runs past the end .*at offset 0/],
    ["truncated header", "30", /no length at offset 1/],
    ["empty input", "", /no tag at offset 0/],
    ["trailing bytes", "02010000", /1 trailing bytes after the value at offset 3/],
    ["child overruns its parent", "3003020201", /runs past the end .*at offset 2/],
    ["constructed OCTET STRING", "2400", /universal type 4 must be primitive/],
    ["primitive SEQUENCE", "1000", /universal type 16 must be constructed/],
    ["high tag number below 31", "9f0500", /high-tag form/],
    ["high tag with leading 0x80", "9f801f00", /leading zero octet/],
  ];
  for (const [name, h, re] of cases) {
    it(`refuses ${name}`, () => {
      const e = derError(() => parseDer(hex(h), "thing"));
      expect(e.message).toMatch(/^thing: DER: /);
      expect(e.message).toMatch(re);
    });
  }
  it("accepts a high tag number (>= 31) and gives its number", () => {
    const n = one(hex("bf1f03020101"));
    expect([n.cls, n.constructed, n.tagNumber]).toEqual([2, true, 31]);
    expect(readInt(children(n)[0])).toBe(1n);
  });
  it("10,000-deep nesting is a DerError naming the depth, not a stack overflow (eager parse and lazy walk)", () => {
    let der: Uint8Array = nul();
    for (let i = 0; i < 10_000; i++) der = seq(der);
    expect(derError(() => parseDer(der)).message).toMatch(new RegExp(`nesting deeper than ${MAX_DEPTH}`));
    const walk = (n: Node): number => (n.constructed ? 1 + Math.max(0, ...children(n).map(walk)) : 0);
    expect(derError(() => walk(readNode(der))).message).toMatch(/nesting deeper/);
    // exactly MAX_DEPTH levels below the top still parse
    let ok: Uint8Array = nul();
    for (let i = 0; i < MAX_DEPTH; i++) ok = seq(ok);
    expect(walk(parseDer(ok))).toBe(MAX_DEPTH);
  });
  it("random and mutated bytes give a node or a DerError, never another exception", () => {
    const sample = seq(
      int(-129),
      oid("1.2.840.113549.1.1.11"),
      set(utf8("ğ"), printable("A")),
      explicit(0, generalizedTime(new Date(0))),
      bool(true),
    );
    const mutated = fc
      .tuple(fc.nat(sample.length - 1), fc.integer({ min: 0, max: 255 }), fc.nat(sample.length))
      .map(([i, b, cut]) => {
        const m = Uint8Array.from(sample);
        m[i] = b;
        return m.subarray(0, Math.max(cut, i + 1));
      });
    const readAll = (n: Node): void => {
      if (n.constructed) children(n).forEach(readAll);
      else if (n.tag === 0x02) readInt(n);
      else if (n.tag === 0x06) readOid(n);
      else if (n.tag === 0x01) readBool(n);
      else if (n.tag === 0x18 || n.tag === 0x17) readTime(n);
      else if (n.tag === 0x0c || n.tag === 0x13) readString(n);
    };
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 64 }), mutated), (b) => {
        try {
          readAll(parseDer(b));
        } catch (e) {
          if (!(e instanceof DerError)) throw e;
        }
      }),
      { numRuns: 3000 },
    );
  });
  it("readers check the tag they expect", () => {
    expect(derError(() => readOid(one(int(1)), "algorithm")).message).toMatch(
      /algorithm: expected tag 0x6, found 0x2 at offset 0/,
    );
    expect(derError(() => readBool(one(hex("010101")))).message).toMatch(/00 or FF/);
    expect(derError(() => readBits(one(hex("03020101")))).message).toMatch(/unused bits are not zero/);
    expect(derError(() => children(one(nul()))).message).toMatch(/primitive/);
    expect(derError(() => readOid(undefined, "algorithm")).message).toBe("algorithm: missing");
    // offsets are kept for callers that point at the bad byte; errors about meaning carry none
    expect(derError(() => parseDer(hex("0481")))).toMatchObject({ offset: 1 });
    expect(new DerError("ContentInfo is not SignedData")).toMatchObject({
      message: "ContentInfo is not SignedData",
      offset: undefined,
    });
  });
});

describe("openssl asn1parse agrees with the writer", () => {
  it("accepts a small nested structure and sees the same offsets, depths, header and content lengths", () => {
    const der = seq(
      int(-129),
      oid("1.2.840.113549.1.1.11"),
      set(utf8("şğü"), printable("TR"), ia5("a@b.tr")),
      explicit(0, seq(generalizedTime(new Date("2051-06-01T10:00:00Z")), utcTime(new Date("2026-11-22T08:00:00Z")))),
      implicitPrimitive(1, octets(hex("cafe"))),
      namedBits([0, 5]),
      bool(true),
      nul(),
      enumerated(3),
      octets(new Uint8Array(300)),
    );
    const out = execFileSync("openssl", ["asn1parse", "-inform", "DER"], { input: der, encoding: "utf8" });
    expect(out).not.toMatch(/error/i);
    const theirs = [...out.matchAll(/^\s*(\d+):d=(\d+)\s+hl=(\d+)\s+l=\s*(\d+)/gm)].map((m) =>
      m.slice(1, 5).map(Number).join(","),
    );
    const ours: string[] = [];
    const walk = (n: Node): void => {
      ours.push([n.start, n.depth, n.contentStart - n.start, n.end - n.contentStart].join(","));
      if (n.constructed) children(n).forEach(walk);
    };
    walk(parseDer(der));
    expect(theirs).toEqual(ours);
    expect(out).toMatch(/INTEGER\s+:-81/);
    expect(out).toMatch(/OBJECT\s+:sha256WithRSAEncryption/);
    expect(out).toMatch(/GENERALIZEDTIME\s+:20510601100000Z/);
    expect(out).toMatch(/UTCTIME\s+:261122080000Z/);
    expect(out).toMatch(/ENUMERATED\s+:03/);
    expect(concat([der]).length).toBe(der.length);
  });
});

describe("BER opt-in ({ ber: true })", () => {
  const ber = { ber: true } as const;
  it("reads indefinite lengths and constructed OCTET STRINGs only when asked", () => {
    const h = hex("3080 020101 2480 0402cafe 0401 01 0000 0000");
    expect(derError(() => parseDer(h)).message).toMatch(/indefinite length is not DER at offset 1/);
    const n = parseDer(h, "input", ber);
    expect([n.indefinite, n.end, after(n), whole(n).length]).toEqual([true, 16, 18, 18]);
    const [i, os] = children(n);
    expect(readInt(i)).toBe(1n);
    expect([os!.tag, os!.indefinite]).toEqual([0x24, true]);
    expect(toHex(readOctets(os))).toBe("cafe01");
    expect(toHex(readOctets(one(octets(hex("beef")))))).toBe("beef");
    // definite-length constructed OCTET STRING: BER too
    expect(toHex(readOctets(parseDer(hex("2406 0401aa 0401bb"), "x", ber)))).toBe("aabb");
    expect(derError(() => parseDer(hex("2406 0401aa 0401bb")))).toMatchObject({
      message: /universal type 4 must be primitive/,
    });
    expect(derError(() => readOctets(parseDer(hex("2403 020101"), "x", ber)))).toMatchObject({
      message: /expected tag 0x4, found 0x2/,
    });
  });
  const bad: [string, string, RegExp][] = [
    ["no end-of-contents", "3080 020101", /without end-of-contents before its container ends at offset 0/],
    [
      "end-of-contents past its container",
      "3080 3005 3080 020101 0000",
      /without end-of-contents before its container ends at offset 4/,
    ],
    ["end-of-contents in a definite container", "3002 0000", /end-of-contents outside an indefinite length/],
    ["indefinite length on a primitive", "0480 01 0000", /indefinite length on a primitive element/],
    ["a constructed INTEGER", "2280 020101 0000", /universal type 2 must be primitive/],
    ["trailing bytes after the end-of-contents", "3080 0000 00", /1 trailing bytes/],
    ["non-minimal length (BER allows it, we do not)", "3081 03 020101", /not minimal/],
  ];
  for (const [name, h, re] of bad) {
    it(`refuses ${name}`, () => {
      expect(derError(() => parseDer(hex(h), "thing", ber)).message).toMatch(re);
    });
  }
  it("10,000-deep indefinite nesting is a DerError about depth, not a stack overflow", () => {
    const deep = hex("3080".repeat(10_000) + "0000".repeat(10_000));
    expect(derError(() => parseDer(deep, "deep", ber)).message).toMatch(
      new RegExp(`deep: DER: nesting deeper than ${MAX_DEPTH}`),
    );
    expect(derError(() => readNode(deep, 0, deep.length, 0, ber)).message).toMatch(/nesting deeper/);
    const ok = hex("3080".repeat(MAX_DEPTH + 1) + "0000".repeat(MAX_DEPTH + 1));
    expect(after(parseDer(ok, "ok", ber))).toBe(ok.length);
  });
  it("asDer re-reads a part of a BER input as strict DER (same offsets), or names why it is not DER", () => {
    const n = parseDer(hex("3080 3003 020101 3080 0000 0000"), "x", ber);
    const [d, i] = children(n);
    const strict = asDer(d!, "signed attributes");
    expect([strict.start, strict.end, strict.ber, children(strict)[0]!.ber]).toEqual([2, 7, false, false]);
    expect(derError(() => asDer(i!, "certificate")).message).toMatch(
      /^certificate: DER: indefinite length where DER is required at offset 8/,
    );
    const inner = parseDer(hex("3080 3007 3080 020101 0000 0000"), "x", ber);
    expect(derError(() => asDer(children(inner)[0]!, "signed attributes")).message).toMatch(
      /^signed attributes: DER: indefinite length is not DER/,
    );
    expect(asDer(one(nul()))).toMatchObject({ tag: 5 });
  });
  it("random and mutated BER gives a node or a DerError, never another exception", () => {
    const sample = hex("3080 020101 2480 0402cafe 0401 01 0000 a080 3003 0201ff 0000 0000");
    const mutated = fc
      .tuple(fc.nat(sample.length - 1), fc.integer({ min: 0, max: 255 }), fc.nat(sample.length))
      .map(([i, b, cut]) => {
        const m = Uint8Array.from(sample);
        m[i] = b;
        return m.subarray(0, Math.max(cut, i + 1));
      });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 64 }), mutated), (b) => {
        try {
          const walk = (n: Node): void => {
            if (n.tagNumber === 4 && n.cls === 0) readOctets(n);
            else if (n.constructed) children(n).forEach(walk);
          };
          walk(parseDer(b, "x", ber));
        } catch (e) {
          if (!(e instanceof DerError)) throw e;
        }
      }),
      { numRuns: 3000 },
    );
  });
  it("reads an `openssl cms -sign -stream -outform DER` signature with ber, and refuses it without", () => {
    const dir = mkdtempSync(join(tmpdir(), "uyum-asn1-ber-"));
    try {
      const run = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
      run(
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-subj",
        "/CN=BER test",
        "-days",
        "2",
        "-keyout",
        "k.pem",
        "-out",
        "c.pem",
      );
      const text = "streamed content, ğüşıöç\n".repeat(400); // > one 4 KiB segment? openssl cuts at its buffer size
      writeFileSync(join(dir, "in.txt"), text);
      run(
        "cms",
        "-sign",
        "-stream",
        "-nodetach",
        "-binary",
        "-outform",
        "DER",
        "-in",
        "in.txt",
        "-signer",
        "c.pem",
        "-inkey",
        "k.pem",
        "-out",
        "s.der",
      );
      const der = new Uint8Array(readFileSync(join(dir, "s.der")));
      expect(derError(() => parseDer(der, "CMS")).message).toMatch(/^CMS: DER: indefinite length is not DER/);
      const root = parseDer(der, "CMS", ber);
      expect(root.indefinite).toBe(true);
      const [ct, wrapped] = children(root);
      expect(readOid(ct)).toBe("1.2.840.113549.1.7.2");
      const sd = children(children(wrapped!)[0]!);
      const encap = children(sd[2]!);
      const eContent = children(encap[1]!)[0]!;
      expect(eContent.tag).toBe(0x24); // constructed OCTET STRING, as streaming encoders write it
      expect(Buffer.from(readOctets(eContent)).toString("utf8")).toBe(text);
      // the signer's certificate and signed attributes are DER inside the BER envelope
      const certs = sd.find((n) => n.tag === 0xa0)!;
      expect(asDer(children(certs)[0]!, "certificate")).toMatchObject({ indefinite: false, ber: false });
      const signerInfo = children(sd[sd.length - 1]!)[0]!;
      const signedAttrs = children(signerInfo).find((n) => n.tag === 0xa0)!;
      expect(children(asDer(signedAttrs, "signed attributes")).length).toBeGreaterThanOrEqual(3);
      // cross-check: openssl itself verifies the same bytes
      run("cms", "-verify", "-inform", "DER", "-in", "s.der", "-CAfile", "c.pem", "-binary", "-out", "out.txt");
      expect(readFileSync(join(dir, "out.txt"), "utf8")).toBe(text);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("lenient times ({ lenient: true })", () => {
  const t = (tag: number, s: string) => one(tlv(tag, Buffer.from(s)));
  it("accepts the X.680 forms DER forbids, at the right instant", () => {
    const cases: [number, string, string][] = [
      [0x17, "2402291200Z", "2024-02-29T12:00:00.000Z"],
      [0x17, "240229120000+0130", "2024-02-29T10:30:00.000Z"],
      [0x17, "2402291200-0200", "2024-02-29T14:00:00.000Z"],
      [0x18, "2024022912Z", "2024-02-29T12:00:00.000Z"],
      [0x18, "202402291205Z", "2024-02-29T12:05:00.000Z"],
      [0x18, "20240229120000,50Z", "2024-02-29T12:00:00.500Z"],
      [0x18, "20240229120000.250+0300", "2024-02-29T09:00:00.250Z"],
      [0x18, "20240301003000-0100", "2024-03-01T01:30:00.000Z"],
    ];
    for (const [tag, s, iso] of cases) {
      expect(derError(() => readTime(t(tag, s))).message, s).toMatch(/bad (UTC|Generalized)Time/);
      expect(readTime(t(tag, s), "Time", { lenient: true }).toISOString(), s).toBe(iso);
    }
    // DER forms read the same either way
    expect(readTime(t(0x18, "20240229120000.25Z"), "t", { lenient: true }).toISOString()).toBe(
      "2024-02-29T12:00:00.250Z",
    );
  });
  it("still refuses local time, bad offsets and impossible dates", () => {
    for (const [tag, s] of [
      [0x18, "20240229120000"],
      [0x17, "2402291200"],
      [0x17, "2402291200+2400"],
      [0x18, "2024022912+0160"],
      [0x18, "2023022912Z"],
      [0x18, "2024022912.5Z"],
    ] as const) {
      expect(derError(() => readTime(t(tag, s), "Time", { lenient: true })).message, s).toMatch(
        /bad (UTC|Generalized)Time|not a real date|bad zone offset/,
      );
    }
  });
});
