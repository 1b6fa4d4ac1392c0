// An archive time-stamp renewed within the same second as the one it renews (a fast application does this: the
// reference CLI's `archive` right after `upgrade --to A`). genTime cannot order the two; their place among the
// unsigned attributes does. Before, the renewal was judged with the first left out of its imprint: HASH_FAILURE on
// a good signature (seen once in a campaign, 14-2/14-3 ✗ on the reference app).
import { describe, expect, it } from "vitest";
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
} from "../testing/ades/fixture.ts";

const ARCHIVE_TIME = new Date("2026-06-02T00:00:00Z");
const AT = new Date("2026-06-05T00:00:00Z");

/** A CAdES-A with a second ATSv2 at the same genTime as the first; `renewalOver` says what the second covers. */
async function renewedSameSecond(renewalOver: "signature-with-first" | "signature-without-first") {
  const pki = await testPki();
  const doc = createCades(signerOf(pki, "nes-rsa"), {
    signingTime: SIGNING_TIME,
    certificates: chainDer(pki),
    content: new TextEncoder().encode("aynı saniyede yenilenen arşiv"),
  });
  const si = doc.signerInfos[0]!;
  const token = (imprint: Uint8Array, genTime: Date, serial: number) =>
    makeTimestampToken(pki, { tsaLabel: "tsa1", messageImprint: imprint, hash: "SHA-256", genTime, serial });
  addSignatureTimestamp(
    si,
    token(signatureTimestampImprint(si, "SHA-256"), new Date(SIGNING_TIME.getTime() + 60_000), 91),
  );
  addValues(si, [...chainDer(pki), pki.get("root").certDer], crls(pki), []);
  const before = archiveTimestampV2Imprint(doc, 0, "SHA-256");
  addArchiveTimestampV2(si, token(before, ARCHIVE_TIME, 92));
  const after = archiveTimestampV2Imprint(doc, 0, "SHA-256");
  addArchiveTimestampV2(si, token(renewalOver === "signature-with-first" ? after : before, ARCHIVE_TIME, 93));
  return { pki, bytes: encodeCades(doc) };
}

describe("an archive time-stamp renewed within the same second", () => {
  it("the renewal covers the first (as written after it): both imprints match, TOTAL-PASSED", async () => {
    const { pki, bytes } = await renewedSameSecond("signature-with-first");
    const r = await validateBytes("renewed.p7s", bytes, { anchors: [anchor(pki)], at: AT });
    expect(r.checks.filter((c) => c.result !== "passed")).toEqual([]);
    expect(r.indication).toBe("TOTAL-PASSED");
  });
  it("a renewal that does not cover the first one before it fails: the tie is broken, not waived", async () => {
    const { pki, bytes } = await renewedSameSecond("signature-without-first");
    const r = await validateBytes("not-renewed.p7s", bytes, { anchors: [anchor(pki)], at: AT });
    expect(r.indication).toBe("TOTAL-FAILED");
    expect(r.checks.some((c) => c.result === "failed" && c.id.startsWith("timestamp"))).toBe(true);
  });
});
