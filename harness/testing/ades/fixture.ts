// Test fixture for harness/ades: the default test PKI (harness/pki, deterministic) and helpers to sign
// CAdES with harness/sign, so validator tests run on real signatures made by the project's own creators.
import {
  buildPki,
  loadPkiConfig,
  DEFAULT_PKI_CONFIG,
  signRaw,
  makeCrl,
  makeTimestampToken,
  makeOcspResponse,
} from "../../pki/index.ts";
import type { Pki } from "../../pki/index.ts";
import {
  createCades,
  encodeCades,
  addSignatureTimestamp,
  signatureTimestampImprint,
  type CadesOptions,
} from "../../sign/cades.ts";
import type { Signer } from "../../sign/common.ts";
import { parseCert, type Cert } from "../../ades/x509.ts";

let cached: Promise<Pki> | undefined;
export function testPki(): Promise<Pki> {
  cached ??= buildPki(loadPkiConfig(DEFAULT_PKI_CONFIG));
  return cached;
}

export const SIGNING_TIME = new Date("2026-01-15T10:00:00Z");
export const VALIDATION_TIME = new Date("2026-06-01T12:00:00Z");

import { signerOf } from "../../sign/index.ts";
export { signerOf };

export function anchor(pki: Pki): Cert {
  return parseCert(pki.get("root").certDer);
}

/** CRLs of root and subroot at the validation time, with optional revoked entries on the subroot's. */
export function crls(pki: Pki, revoked: { label: string; date: Date }[] = []): Uint8Array[] {
  const thisUpdate = new Date("2026-05-31T00:00:00Z");
  const nextUpdate = new Date("2026-06-07T00:00:00Z");
  return ["root", "subroot"].map((ca) =>
    makeCrl(pki, ca, {
      thisUpdate,
      nextUpdate,
      revoked: revoked
        .filter((r) => pki.get(r.label).issuerLabel === ca)
        .map((r) => ({ serialHex: pkiSerial(pki, r.label), date: r.date })),
    }),
  );
}

export function pkiSerial(pki: Pki, label: string): string {
  return parseCert(pki.get(label).certDer).serialHex;
}

export function chainDer(pki: Pki, label = "nes-rsa"): Uint8Array[] {
  return [pki.get(label).certDer, pki.get("subroot").certDer];
}

export function cades(pki: Pki, o: Partial<CadesOptions> & { label?: string; tsAt?: Date } = {}): Uint8Array {
  const label = o.label ?? "nes-rsa";
  const content = o.content ?? new TextEncoder().encode("Merhaba dünya: imzalanacak belge\n");
  const doc = createCades(signerOf(pki, label), {
    signingTime: SIGNING_TIME,
    certificates: chainDer(pki, label),
    crls: o.crls ?? crls(pki),
    ...o,
    content,
  });
  if (o.tsAt) {
    const si = doc.signerInfos[0];
    addSignatureTimestamp(
      si,
      makeTimestampToken(pki, {
        tsaLabel: "tsa1",
        messageImprint: signatureTimestampImprint(si, "SHA-256"),
        hash: "SHA-256",
        genTime: o.tsAt,
        serial: 77,
      }),
    );
  }
  return encodeCades(doc);
}

export { makeOcspResponse, makeTimestampToken };

import { createXades, serializeXades, type XadesOptions } from "../../sign/xades.ts";

/** An XAdES-BES (enveloped by default) made with harness/sign over a small XML document. */
export function xades(pki: Pki, o: Partial<XadesOptions> & { label?: string } = {}): Uint8Array {
  const label = o.label ?? "nes-rsa";
  const content =
    o.content ??
    new TextEncoder().encode(
      '<?xml version="1.0" encoding="UTF-8"?>\n<belge><baslik>Dilekçe</baslik><metin>Gereğinin yapılmasını arz ederim.</metin></belge>',
    );
  const sig = createXades(signerOf(pki, label), {
    packaging: "enveloped",
    mimeType: "text/xml",
    signingTime: SIGNING_TIME,
    keyInfoCerts: chainDer(pki, label),
    ...o,
    content,
  });
  return new TextEncoder().encode(serializeXades(sig));
}

import { signPdf } from "../../sign/pades.ts";
import { makePdf } from "../../vectors/documents.ts";
import { type HashName } from "../../asn1/oids.ts";

/** A PAdES B-B made with harness/sign over a one-page PDF. */
export function pades(pki: Pki, label = "nes-rsa"): Uint8Array {
  return signPdf(makePdf(["Dilekçe", "Gereğinin yapılmasını arz ederim."], "Deneme"), signerOf(pki, label), {
    signingTime: SIGNING_TIME,
    certificates: chainDer(pki, label),
  });
}
