// The check before signing against the test PKI's live services (frozen clock): every KAMU SM signing-side
// scenario whose CRL or OCSP answer (or OCSP responder) is bad is refused with its code and a reason in both
// languages; the valid certificates pass; the ocsp-response-unchecked variant passes the bad OCSP ones.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_PKI_CONFIG,
  loadPkiConfig,
  startPkiServices,
  writePki,
  type Services,
} from "../../../harness/pki/index.ts";
import { parseCert } from "../../../harness/ades/index.ts";
import { ocspRequest } from "../../../harness/ades/fetch.ts";
import { parseOcsp } from "../../../harness/ades/ocsp.ts";
import { AgentError } from "./card.ts";
import { checkBeforeSigning, checkOptionsFor } from "./inspect.ts";
import { askOcsp, judgeOcspAnswer, type OcspAsked } from "./ocsp-check.ts";
import { loadAppPki, type AppPki } from "./pki-context.ts";

let svc: Services;
let pki: AppPki;
let pkiDir: string;

beforeAll(async () => {
  svc = await startPkiServices(loadPkiConfig(DEFAULT_PKI_CONFIG));
  pkiDir = join(mkdtempSync(join(tmpdir(), "ocsp-check-")), "pki");
  await writePki(svc.pki, pkiDir);
  pki = loadAppPki(pkiDir, { clockFromServices: true });
});
afterAll(async () => {
  await svc?.stop();
});

const der = (label: string) => {
  const j = JSON.parse(readFileSync(join(pkiDir, "pki.json"), "utf8")) as {
    entities: { label: string; certDer: string }[];
  };
  return new Uint8Array(readFileSync(join(pkiDir, j.entities.find((e) => e.label === label)!.certDer)));
};

/** The refusal's code (or "signs") and its message. */
async function check(label: string, flaw?: "ocsp-response-unchecked") {
  try {
    await checkBeforeSigning(der(label), await pki.now(), pki, checkOptionsFor(flaw));
    return { code: "signs", message: "" };
  } catch (err) {
    if (!(err instanceof AgentError)) throw err;
    return { code: err.code, message: err.message };
  }
}

// label (KAMU SM id) → the good application's answer, its reason's words, and whether the flawed one signs
const CASES: { label: string; kamusm: string; code: string; says?: RegExp; flawSigns?: boolean }[] = [
  { label: "nes-rsa", kamusm: "QCA1_1", code: "signs" },
  { label: "nes-ec", kamusm: "QCA1_2", code: "signs" },
  { label: "nes-ec-chain", kamusm: "QCA12", code: "signs" },
  { label: "nes-ocsp-signer-revoked-nocheck", kamusm: "BES_24_1 (nocheck: valid)", code: "signs" },
  { label: "nes-revoked-ocsp-before", kamusm: "QCA1_11", code: "CERT_REVOKED", says: /OCSP/ },
  { label: "nes-crl-expired", kamusm: "QCA1_12", code: "REVOCATION_UNKNOWN", says: /CRL/ },
  { label: "nes-crl-forged", kamusm: "QCA1_13", code: "REVOCATION_UNKNOWN", says: /CRL/ },
  {
    label: "nes-ocsp-expired",
    kamusm: "QCA1_14",
    code: "REVOCATION_UNKNOWN",
    says: /out of date.*güncel değil/,
    flawSigns: true,
  },
  {
    label: "nes-ocsp-forged",
    kamusm: "QCA1_15",
    code: "REVOCATION_INVALID",
    says: /signature does not verify.*imzası doğrulanmıyor/,
    flawSigns: true,
  },
  {
    label: "nes-ocsp-signer-expired",
    kamusm: "QCA1_16",
    code: "REVOCATION_INVALID",
    says: /not valid when the response was produced.*süresi dolmuş/,
    flawSigns: true,
  },
  {
    label: "nes-ocsp-signer-forged",
    kamusm: "QCA1_17",
    code: "REVOCATION_INVALID",
    says: /not issued by the certificate's issuer.*sahte/,
    flawSigns: true,
  },
  {
    label: "nes-ocsp-signer-revoked-before",
    kamusm: "QCA1_18",
    code: "REVOCATION_INVALID",
    says: /responder certificate was revoked.*iptal edilmiş/,
    flawSigns: true,
  },
  {
    label: "nes-ocsp-wrong-cert",
    kamusm: "QCA1_21",
    code: "REVOCATION_UNKNOWN",
    says: /another certificate.*başka bir sertifika/,
    flawSigns: true,
  },
  {
    label: "nes-ocsp-unauthorised",
    kamusm: "(ours)",
    code: "REVOCATION_INVALID",
    says: /OCSPSigning/,
    flawSigns: true,
  },
  { label: "nes-subroot-revoked-crl-before", kamusm: "QCA3", code: "CERT_REVOKED" },
  { label: "nes-subroot-revoked-ocsp-before", kamusm: "QCA4", code: "CERT_REVOKED", says: /OCSP/ },
  { label: "nes-subroot-crl-expired", kamusm: "QCA5", code: "REVOCATION_UNKNOWN" },
  { label: "nes-subroot-crl-forged", kamusm: "QCA6", code: "REVOCATION_UNKNOWN" },
  {
    label: "nes-subroot-ocsp-expired",
    kamusm: "QCA7",
    code: "REVOCATION_UNKNOWN",
    says: /out of date/,
    flawSigns: true,
  },
  {
    label: "nes-subroot-ocsp-forged",
    kamusm: "QCA8",
    code: "REVOCATION_INVALID",
    says: /signature does not verify/,
    flawSigns: true,
  },
  { label: "nes-subroot-ocsp-signer-expired", kamusm: "QCA9", code: "REVOCATION_INVALID", flawSigns: true },
  { label: "nes-subroot-ocsp-signer-forged", kamusm: "QCA10", code: "REVOCATION_INVALID", flawSigns: true },
  { label: "nes-subroot-ocsp-signer-revoked", kamusm: "QCA11", code: "REVOCATION_INVALID", flawSigns: true },
  {
    label: "nes-subroot-ocsp-wrong-cert",
    kamusm: "QCB",
    code: "REVOCATION_UNKNOWN",
    says: /another certificate/,
    flawSigns: true,
  },
];

describe("the check before signing judges the revocation answers", () => {
  for (const c of CASES)
    it(`${c.label} (${c.kamusm}): ${c.code}${c.flawSigns ? "; ocsp-response-unchecked signs" : ""}`, async () => {
      const good = await check(c.label);
      expect(good.code, good.message).toBe(c.code);
      if (c.says) expect(good.message).toMatch(c.says);
      if (c.code !== "signs")
        expect(good.message, "a reason in Turkish after the English").toMatch(
          / \/ .*(sertifika|iptal|yanıt|zincir|SİL)/,
        );
      const flawed = await check(c.label, "ocsp-response-unchecked");
      expect(flawed.code, flawed.message).toBe(c.flawSigns ? "signs" : c.code);
    });
});

describe("the OCSP request carries a nonce and the responder's echo is read back", () => {
  it("a nonce sent comes back in the answer; none is read where none was sent", async () => {
    const ee = parseCert(der("nes-rsa"));
    const issuer = pki.intermediates.find((x) => x.subject.key === ee.issuer.key)!;
    const nonce = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
    const ask = async (n?: Uint8Array) => {
      const r = await fetch(ee.ocspUrls[0]!, {
        method: "POST",
        headers: { "content-type": "application/ocsp-request" },
        body: Buffer.from(ocspRequest(ee, issuer, n)),
      });
      return parseOcsp(new Uint8Array(await r.arrayBuffer()));
    };
    expect(Buffer.from((await ask(nonce)).nonce ?? []).toString("hex")).toBe(Buffer.from(nonce).toString("hex"));
    expect((await ask()).nonce).toBeUndefined();
  });
});

describe("judging one answer", () => {
  const judge = async (tamper: (a: OcspAsked) => OcspAsked) => {
    const ee = parseCert(der("nes-rsa"));
    const issuer = pki.intermediates.find((x) => x.subject.key === ee.issuer.key)!;
    const asked = tamper(await askOcsp(ee.ocspUrls[0]!, ee, issuer));
    const path = [ee, issuer, ...pki.anchors];
    const x = { asked, cert: ee, issuer, path, at: await pki.now(), ...pki, crls: [] };
    try {
      judgeOcspAnswer(x);
      return "good";
    } catch (err) {
      return `${(err as AgentError).code}: ${(err as Error).message}`;
    }
  };
  it("the responder's own answer, its nonce echoed, is good", async () => {
    expect(await judge((a) => a)).toBe("good");
  });
  it("an answer whose nonce is not the request's (a replay) is refused", async () => {
    expect(await judge((a) => ("resp" in a ? { ...a, nonce: new Uint8Array(16) } : a))).toMatch(
      /^REVOCATION_INVALID: .*nonce.*replayed/,
    );
  });
  it("bytes that are not an OCSP answer are refused; no answer at all leaves it to the CRL", async () => {
    expect(await judge((a) => ({ url: a.url, unreadable: "OCSP responseStatus is 3, not successful" }))).toMatch(
      /^REVOCATION_INVALID: .*not a successful OCSP response/,
    );
    expect(await judge((a) => ({ url: a.url, unanswered: "HTTP 503" }))).toBe("good");
  });
});
