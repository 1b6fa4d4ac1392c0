// Why sign-once's CAdES-T comes out INDETERMINATE/TRY_LATER: a P2 signature (the Turkish profile with a
// time-stamp) validated at once is inside its 24 h grace period, and the very same bytes validate TOTAL-PASSED
// once the services' clock (and the validation time) is past it, with a CRL issued after the grace period.
import { afterAll, describe, expect, it } from "vitest";
import {
  DEFAULT_PKI_CONFIG,
  loadPkiConfig,
  makeTimestampToken,
  SettableClock,
  startPkiServices,
} from "../pki/index.ts";
import {
  addSignatureTimestamp,
  createCades,
  encodeCades,
  pkiSigner,
  signatureTimestampImprint,
  turkishPolicy,
} from "../sign/index.ts";
import { validateBytes } from "./index.ts";
import { parseCert } from "./x509.ts";

describe("a P2 CAdES-T right after signing, and after the grace period", async () => {
  const signedAt = new Date("2026-06-01T12:00:00Z");
  const clock = new SettableClock(signedAt);
  const services = await startPkiServices(loadPkiConfig(DEFAULT_PKI_CONFIG), { clock });
  afterAll(() => services.stop());
  const pki = services.pki;
  const doc = createCades(pkiSigner(pki.get("nes-rsa")), {
    content: new TextEncoder().encode("askı süresi"),
    signingTime: signedAt,
    certificates: [pki.get("nes-rsa").certDer, pki.get("subroot").certDer],
    policy: turkishPolicy("P2"),
    essCert: "v2",
  });
  const si = doc.signerInfos[0]!;
  addSignatureTimestamp(
    si,
    makeTimestampToken(pki, {
      tsaLabel: "tsa1",
      messageImprint: signatureTimestampImprint(si, "SHA-256"),
      hash: "SHA-256",
      genTime: signedAt,
      serial: 7,
    }),
  );
  const bytes = encodeCades(doc);
  const opts = { anchors: [parseCert(pki.get("root").certDer)], fetch: true, fetchTimeoutMs: 5000 };

  it("validated a minute after signing: INDETERMINATE/TRY_LATER from the grace-period check alone", async () => {
    const at = new Date(signedAt.getTime() + 60_000);
    clock.set(at);
    const r = await validateBytes("p2", bytes, { ...opts, at });
    expect([r.profile, r.level, r.indication, r.subIndication]).toEqual(["P2", "T", "INDETERMINATE", "TRY_LATER"]);
    expect(r.checks.filter((c) => c.result !== "passed").map((c) => c.id)).toEqual(["grace-period"]);
  });
  it("validated 25 h later, the services' CRL issued then: TOTAL-PASSED", async () => {
    const at = new Date(signedAt.getTime() + 25 * 3600_000);
    clock.set(at);
    const r = await validateBytes("p2", bytes, { ...opts, at });
    expect(r.checks.filter((c) => c.result !== "passed")).toEqual([]);
    expect(r.indication).toBe("TOTAL-PASSED");
  });
});
