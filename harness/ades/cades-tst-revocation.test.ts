// Revocation data where real signers put it: inside the signature time-stamp token's own SignedData (its crls
// field, RFC 5652 §5.1), not beside the signature's. Here the root CA's CRL, which the TSA's and the sub-CA's
// certificates need, travels only inside the token; before, uyum never looked there (TRY_LATER).
import { describe, expect, it } from "vitest";
import { children, parseDer, whole } from "../asn1/der.ts";
import { concat, explicit, seq, tlv } from "../asn1/der-write.ts";
import {
  addArchiveTimestampV2,
  addSignatureTimestamp,
  addValues,
  archiveTimestampV2Imprint,
  createCades,
  encodeCades,
  signatureTimestampImprint,
} from "../sign/cades.ts";
import { validateBytes } from "./index.ts";
import {
  anchor,
  chainDer,
  crls,
  makeTimestampToken,
  signerOf,
  SIGNING_TIME,
  testPki,
  VALIDATION_TIME,
} from "../testing/ades/fixture.ts";

/** A time-stamp token with `crlDers` added to its SignedData (unsigned there, so the token stays valid). */
function withCrls(token: Uint8Array, crlDers: Uint8Array[]): Uint8Array {
  const [ct, wrapped] = children(parseDer(token));
  const fields = children(children(wrapped!)[0]!);
  const signerInfos = fields[fields.length - 1]!;
  const sd = seq(...fields.slice(0, -1).map(whole), tlv(0xa1, concat(crlDers)), whole(signerInfos));
  return seq(whole(ct!), explicit(0, sd));
}

async function cadesT(tokenCrls: Uint8Array[] | undefined): Promise<Uint8Array> {
  const pki = await testPki();
  const [rootCrl, subrootCrl] = crls(pki);
  const doc = createCades(signerOf(pki, "nes-rsa"), {
    signingTime: SIGNING_TIME,
    certificates: chainDer(pki),
    crls: tokenCrls ? [subrootCrl!] : [rootCrl!, subrootCrl!],
    content: new TextEncoder().encode("belge"),
  });
  const si = doc.signerInfos[0]!;
  const token = makeTimestampToken(pki, {
    tsaLabel: "tsa1",
    messageImprint: signatureTimestampImprint(si, "SHA-256"),
    hash: "SHA-256",
    genTime: new Date(SIGNING_TIME.getTime() + 60_000),
    serial: 78,
  });
  addSignatureTimestamp(si, tokenCrls ? withCrls(token, tokenCrls) : token);
  return encodeCades(doc);
}

describe("revocation data inside a time-stamp token", () => {
  it("the root CRL carried only inside the signature time-stamp token is used (TSA and sub-CA status)", async () => {
    const pki = await testPki();
    const opts = { anchors: [anchor(pki)], at: VALIDATION_TIME };
    const reference = await validateBytes("ref.p7s", await cadesT(undefined), opts);
    expect(reference.indication).toBe("TOTAL-PASSED");
    const r = await validateBytes("tst-crl.p7s", await cadesT([crls(pki)[0]!]), opts);
    expect(r.checks.filter((c) => c.result !== "passed")).toEqual([]);
    expect(r.indication).toBe("TOTAL-PASSED");
  });
  it("without it nothing proves the root-issued certificates' status (control)", async () => {
    const pki = await testPki();
    const r = await validateBytes("no-crl.p7s", await cadesT([]), { anchors: [anchor(pki)], at: VALIDATION_TIME });
    expect(r.indication).toBe("INDETERMINATE");
  });
});

describe("archive-level revocation data judged at the time the archive time-stamp proves", () => {
  // CAdES-A: CRLs (nextUpdate 2026-06-07) in revocation-values, an archive time-stamp of 2026-06-02 over them.
  async function cadesA(): Promise<Uint8Array> {
    const pki = await testPki();
    const crlDers = crls(pki);
    const doc = createCades(signerOf(pki, "nes-rsa"), {
      signingTime: SIGNING_TIME,
      certificates: chainDer(pki),
      content: new TextEncoder().encode("arşiv belgesi"),
    });
    const si = doc.signerInfos[0]!;
    addSignatureTimestamp(
      si,
      makeTimestampToken(pki, {
        tsaLabel: "tsa1",
        messageImprint: signatureTimestampImprint(si, "SHA-256"),
        hash: "SHA-256",
        genTime: new Date(SIGNING_TIME.getTime() + 60_000),
        serial: 79,
      }),
    );
    addValues(si, [...chainDer(pki), pki.get("root").certDer], crlDers, []);
    addArchiveTimestampV2(
      si,
      makeTimestampToken(pki, {
        tsaLabel: "tsa1",
        messageImprint: archiveTimestampV2Imprint(doc, 0, "SHA-256"),
        hash: "SHA-256",
        genTime: new Date("2026-06-02T00:00:00Z"),
        serial: 80,
      }),
    );
    return encodeCades(doc);
  }
  it("a CRL whose nextUpdate has passed at validation time still proves the status at the archive time", async () => {
    const pki = await testPki();
    const bytes = await cadesA();
    // At 2026-06-05 the CRLs are current: the reference verdict.
    const now = await validateBytes("a.p7s", bytes, { anchors: [anchor(pki)], at: new Date("2026-06-05T00:00:00Z") });
    expect(now.indication).toBe("TOTAL-PASSED");
    // Later, after their nextUpdate, they were still current at the archive time-stamp's genTime.
    const later = await validateBytes("a.p7s", bytes, { anchors: [anchor(pki)], at: new Date("2026-09-01T00:00:00Z") });
    expect(later.checks.filter((c) => c.result !== "passed")).toEqual([]);
    expect(later.indication).toBe("TOTAL-PASSED");
  });
});
