// The EU DSS PDF samples against pdfsig (poppler): of the PDFs where pdfsig verifies a signature's math
// ("Signature is Valid."), uyum must not report a HASH_FAILURE, SIG_CRYPTO_FAILURE or an unreadable file,
// except where the expert verdict differs on purpose: each such file is listed below with the reason (pdfsig
// checks the math of the ranges only; uyum also judges what the ranges leave out). Before this work: 98 of 113
// (PKCS#7 signatures without signed attributes, bytes after the CMS in /Contents, adbe.pkcs7.sha1).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sharedDirForTests } from "../core/shared-dir.ts";
import { validateBytes } from "./index.ts";
import { dssVerdicts, mathOf } from "../testing/ades/dss.ts";

const { dir: shared, skipReason } = sharedDirForTests();
const AT = new Date("2026-01-01T00:00:00Z");

/** Files where uyum rejects what pdfsig's math accepts, and why that is the right verdict or a known gap. */
const EXPECTED_DIFFERENCES: Record<string, string> = {
  "dss-pades/validation/hello_signed_INCSAVE_signed_EDITED.pdf": "the ByteRange leaves out more than /Contents",
  "dss-pades/validation/pades-spoofing-replaced-reason.pdf": "the ByteRange leaves out more than /Contents",
  "dss-pades/validation/pdf-byterange-overlap.pdf": "the ByteRange leaves out more than /Contents",
  "dss-pades/validation/siwa.pdf": "the ByteRange leaves out more than /Contents (signature wrapping)",
  "dss-pades/validation/pades-enveloping-empty-bytes-cms.pdf": "the CMS messageDigest is not the digest of the ranges",
  "dss-pades/validation/dss-2236/hide.pdf": "a stream whose /Length runs past its endstream (hidden content)",
  "dss-pades/validation/modified_after_signature.pdf": "a later revision uyum cannot parse (token -1.#INF)",
  "dss-pades/validation/pades-5-signatures-and-1-document-timestamp.pdf":
    "gap: a cross-reference offset of 0 uyum's PDF reader does not repair",
  "dss-pades/validation/AD-RB.pdf": "gap: /SubFilter PBAD.PAdES (a non-standard sub-filter) is not read",
};

describe.skipIf(!shared)(`EU DSS PDF samples vs pdfsig ${skipReason ?? ""}`, () => {
  it("uyum accepts the signature math of every PDF pdfsig verifies, but for the listed expert differences", async () => {
    const verdicts = Object.entries(dssVerdicts(shared!)).filter(
      ([f, iv]) => f.startsWith("dss-pades/") && iv.verdicts?.includes("Signature is Valid."),
    );
    expect(verdicts.length).toBe(113);
    const differences: Record<string, string> = {};
    for (const [file] of verdicts) {
      const bytes = new Uint8Array(readFileSync(join(shared!, "ground-truth", "dss-samples", file)));
      const r = await validateBytes(file, bytes, { anchors: [], at: AT });
      const ms = (r.signatures.length ? r.signatures : [{ checks: r.checks }]).map((s) => mathOf(s.checks));
      const bad = ms.find((m) => m.verdict === "FAIL" || m.verdict === "FORMAT");
      if (bad) differences[file] = `${bad.verdict}: ${bad.why}`;
    }
    const agree = verdicts.length - Object.keys(differences).length;
    console.log(`PDF: uyum accepts the math of ${agree}/${verdicts.length} PDFs pdfsig verifies`);
    expect(Object.keys(differences).sort()).toEqual(Object.keys(EXPECTED_DIFFERENCES).sort());
  }, 180_000);
});
