import { expect, it } from "vitest";
import { judge } from "../../testing/probes/given.ts";
import { describeSigningSideProbe, refused, row, session, valid } from "../../testing/probes/signing-side-cases.ts";
import { SIGNING_SIDE_BY_ITEM } from "../attempts.ts";
import probe from "./1.2-1.d.ts";

describeSigningSideProbe("1.2-1.d", probe);

it("1.2-1.d fail: signed with the CRL and OCSP services down", () => {
  const IDS = SIGNING_SIDE_BY_ITEM["1.2-1.d"]!;
  const j = judge("1.2-1.d", probe, session([valid(), ...IDS.map((id) => row(id, "refuse", refused()))], true));
  expect(j.verdict).toBe("fail");
  expect(j.reason.en).toMatch(/CRL and OCSP services down .* without knowing the revocation status/);
});
