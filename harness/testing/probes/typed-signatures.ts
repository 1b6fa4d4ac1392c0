// Signatures for the probes of what a signature says of its document (2.1-2, 2.1-3) and which certificates it
// carries (9-2): made by uyum's own signer (harness/sign) with the throwaway PKI's key, content inside, and
// validated as the sign-once session validates them.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createCades, encodeCades, OID } from "../../sign/cades.ts";
import { createXades, serializeXades } from "../../sign/xades.ts";
import type { SignedOutput } from "../../sessions/evidence.ts";
import { signedOutput } from "./given.ts";
import { throwawayPki } from "./openssl-cms.ts";

export const TEXT = new TextEncoder().encode("T.C. Örnek Kurum\nKonu: deneme belgesi\n");
export const PDF = new TextEncoder().encode(
  "%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);
const AT = new Date("2026-03-01T10:00:00Z");
let n = 0;

/** A CAdES-BES with its content inside; `hints`: content-hints' description (none when undefined). */
export async function cades(
  o: { content?: Uint8Array; hints?: string; withIssuer?: boolean } = {},
): Promise<SignedOutput> {
  const pki = throwawayPki();
  const doc = createCades(pki.rsa, {
    content: o.content ?? TEXT,
    certificates: o.withIssuer === false ? [pki.rsa.certDer] : [pki.rsa.certDer, pki.rootDer],
    signingTime: AT,
    ...(o.hints !== undefined ? { contentHints: { description: o.hints, contentType: OID.data } } : {}),
  });
  const file = join(pki.dir, `typed-${++n}.p7s`);
  writeFileSync(file, encodeCades(doc));
  return signedOutput(file, pki.rootPem, { format: "CAdES", level: "BES" }, AT);
}

/** An enveloping XAdES-BES; `mimeType` undefined: no DataObjectFormat at all. */
export async function xades(o: { content?: Uint8Array; mimeType?: string } = {}): Promise<SignedOutput> {
  const pki = throwawayPki();
  const sig = createXades(pki.rsa, {
    packaging: "enveloping",
    content: o.content ?? TEXT,
    mimeType: o.mimeType ?? "text/plain",
    withMimeType: o.mimeType !== undefined,
    signingTime: AT,
    keyInfoCerts: [pki.rsa.certDer, pki.rootDer],
  });
  const file = join(pki.dir, `typed-${++n}.xml`);
  writeFileSync(file, serializeXades(sig));
  return signedOutput(file, pki.rootPem, { format: "XAdES", level: "BES" }, AT);
}
