// Checklist 11.7.4-2: the CRL / OCSP answer a verdict rests on must have been issued after the signing time (+ the
// profile's grace period, which the grace-period check holds): one issued before it cannot show the status at the
// signing time, however long its nextUpdate. The same BES, CAdES and XAdES alike, fetched live two hours after
// signing while the only CRL the services give was issued an hour before signing (OCSP down), then after it.
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_PKI_CONFIG, loadPkiConfig, SettableClock, startPkiServices } from "../pki/index.ts";
import { createCades, encodeCades } from "../sign/cades.ts";
import { chainDer, SIGNING_TIME, signerOf, xades } from "../testing/ades/fixture.ts";
import { validateBytes } from "./index.ts";
import { parseCert } from "./x509.ts";

const HOUR = 3600_000;

describe("revocation data issued before the signing time (11.7.4-2)", async () => {
  const at = new Date(SIGNING_TIME.getTime() + 2 * HOUR);
  const services = await startPkiServices(loadPkiConfig(DEFAULT_PKI_CONFIG), { clock: new SettableClock(at) });
  afterAll(() => services.stop());
  const pki = services.pki;
  const files = {
    CAdES: encodeCades(
      createCades(signerOf(pki, "nes-rsa"), {
        content: new TextEncoder().encode("tazelik"),
        signingTime: SIGNING_TIME,
        certificates: chainDer(pki, "nes-rsa"),
        crls: [],
      }),
    ),
    XAdES: xades(pki),
  };
  const opts = { anchors: [parseCert(pki.get("root").certDer)], at, fetch: true, fetchTimeoutMs: 3000 };
  const failing = (r: Awaited<ReturnType<typeof validateBytes>>) =>
    [...r.checks, ...r.signatures.flatMap((s) => s.checks)].filter((c) => c.result !== "passed").map((c) => c.id);

  for (const format of ["CAdES", "XAdES"] as const)
    it(`${format}-BES: a CRL issued 1 h before signing is not used (TRY_LATER); one issued 1 h after is`, async () => {
      services.setFault("ocsp", { fault: "down" });
      try {
        services.setFault("crl", { fault: "stale", issuedAt: new Date(SIGNING_TIME.getTime() - HOUR) });
        const before = await validateBytes(format, files[format], opts);
        expect([before.indication, before.subIndication]).toEqual(["INDETERMINATE", "TRY_LATER"]);
        expect(failing(before)).toContain("revocation");
        services.setFault("crl", { fault: "stale", issuedAt: new Date(SIGNING_TIME.getTime() + HOUR) });
        const after = await validateBytes(format, files[format], opts);
        expect(failing(after)).toEqual([]);
        expect(after.indication).toBe("TOTAL-PASSED");
      } finally {
        services.clearFaults();
      }
    });
});
