// Canned evidence of the verify-screens session for table-driven probe tests: rows as the session records them
// (values read from real test-PKI certificates), and the page text a conformant verification page shows for a row,
// which each case bends one way (a field left out, a terse page that shows only the verdict).
import type { CertFacts } from "../../ades/cert-facts.ts";
import type { VerifyScreenRow, VerifyScreensEvidence } from "../../sessions/catalogue.ts";
import { refOf } from "./given.ts";

export const CERT: CertFacts = {
  subject: "CN=TEST Ayşe Yılmaz, serialNumber=10000000146, C=TR",
  commonName: "TEST Ayşe Yılmaz",
  serialNumber: "10000000146",
  issuer: "CN=TEST Kamu SM NES Sertifika Hizmet Sağlayıcısı - Sürüm 1, O=TEST TÜBİTAK, C=TR",
  issuerCommonName: "TEST Kamu SM NES Sertifika Hizmet Sağlayıcısı - Sürüm 1",
  serialHex: "2001",
  notBefore: "2025-01-01T00:00:00.000Z",
  notAfter: "2028-01-01T00:00:00.000Z",
  qualified: true,
  usageRestriction: false,
};
export const SECOND: CertFacts = {
  ...CERT,
  subject: "CN=TEST Mehmet Demir, serialNumber=10000000220, C=TR",
  commonName: "TEST Mehmet Demir",
  serialNumber: "10000000220",
  serialHex: "0a1f",
};
export const DOC = "T.C. ÖRNEK BAKANLIĞI\nKonu: Elektronik imza uyum testi\n\nSayın İlgili,\nGereğini rica ederim.\n";
export const P2 = "2.16.792.1.61.0.1.5070.3.1.1";

type Sig = VerifyScreenRow["facts"]["signatures"][number];
const sig = (over: Partial<Sig> = {}): Sig => ({
  cert: CERT,
  signingTime: "2026-01-15T10:00:00.000Z",
  timestamps: [],
  ...over,
});

/** A row as the session records it; `text` (default: what a conformant page shows) becomes its DOM text. */
export function row(
  vector: string,
  o: {
    signatures?: Sig[];
    contentText?: string | null;
    detached?: boolean;
    expected?: VerifyScreenRow["expected"];
    app?: Partial<VerifyScreenRow["app"]>;
    text?: (r: VerifyScreenRow) => string;
    report?: string | null;
  } = {},
): VerifyScreenRow {
  const r: VerifyScreenRow = {
    vector,
    scenario: vector,
    tags: [],
    format: "CAdES",
    packaging: o.detached ? "detached" : "attached",
    level: "BES",
    validationTime: "2026-01-16T12:05:00Z",
    expected: o.expected ?? { indication: "TOTAL-PASSED" },
    uyum: o.expected ?? { indication: "TOTAL-PASSED" },
    facts: {
      signatures: o.signatures ?? [sig()],
      ...(o.contentText === null ? {} : { contentText: o.contentText ?? DOC }),
      detached: o.detached ?? false,
    },
    app: { verdict: "valid", text: "", took: { detached: !!o.detached, time: true, trust: true }, ...o.app },
  };
  const text = (o.text ?? goodPage)(r);
  r.screen = {
    text: refOf("dom-text", text, "txt"),
    screenshot: refOf("screenshot", `png ${vector}`, "png"),
    domText: text,
  };
  if (o.report !== null) {
    const rep = o.report ?? `DOĞRULAMA RAPORU\n${text}`;
    r.report = { name: "rapor.txt", ref: refOf("validation-report", rep, "txt"), text: rep };
  }
  return r;
}

const WORD = { valid: "GEÇERLİ", invalid: "GEÇERSİZ", indeterminate: "BELİRSİZ", "no-answer": "" } as const;

/** What a conformant page shows (as the reference application writes it). */
export function goodPage(r: VerifyScreenRow): string {
  const lines = [WORD[r.app.verdict], `Doğrulama (referans) zamanı: ${r.validationTime}`];
  const top = r.facts.signatures.filter((s) => s.counterSignatureOf === undefined).length;
  r.facts.signatures.forEach((s, i) => {
    const c = s.cert;
    lines.push(
      `İmza ${i + 1} — ${s.counterSignatureOf ? `seri imza (karşı imza): İmza ${s.counterSignatureOf} üzerine` : top > 1 ? "paralel imza" : "imza"}`,
    );
    if (c)
      lines.push(
        `İmzacı: ${c.commonName}`,
        `T.C. kimlik no / seri numarası: ${c.serialNumber}`,
        ...(c.pseudonym ? [`Sertifikada TAKMA AD (pseudonym) kullanılmış: ${c.pseudonym}`] : []),
        `Sertifikayı veren (ESHS): ${c.issuer}`,
        `Sertifika geçerlilik süresi: ${c.notBefore} – ${c.notAfter}`,
        `Sertifika seri numarası: ${c.serialHex}`,
        `Nitelikli elektronik sertifika (NES): ${c.qualified ? "evet" : "hayır"}`,
        `Para limiti (QcLimitValue): ${c.limit ? `${c.limit.amount} ${c.limit.currency}` : "yok"}`,
        `Kullanım kısıtı: ${c.usageRestriction ? "VAR" : "yok"}`,
      );
    if (s.signingTime) lines.push(`İmza zamanı: ${s.signingTime}`);
    if (s.policy) lines.push(`İmza politikası: ${s.policy}`);
    for (const t of s.timestamps) lines.push(`Zaman damgası (${t.kind}): ${t.genTime}`);
    lines.push("İptal denetimi (SİL/OCSP): iptal edilmemiş (SİL)");
  });
  if (r.facts.contentText) lines.push("İmzalanan belge", r.facts.contentText);
  return lines.join("\n");
}

/** A page that shows the verdict word and nothing else (the verify-page-terse flaw). */
export const tersePage = (r: VerifyScreenRow) => `İmza doğrulama\nDoğrula\n${WORD[r.app.verdict]}`;

/** The session's evidence over these rows. */
export const screens = (rows: VerifyScreenRow[], over: Partial<VerifyScreensEvidence> = {}): VerifyScreensEvidence => ({
  rows,
  notDeclared: [],
  ...over,
});

/** The chosen vectors, as the session gives them, all shown by `text` (default a conformant page). */
export function chosen(text?: (r: VerifyScreenRow) => string, report?: string | null): VerifyScreenRow[] {
  const t = { ...(text ? { text } : {}), ...(report !== undefined ? { report } : {}) };
  return [
    row("cades-bes-attached", t),
    row("cades-bes-detached", { ...t, detached: true }),
    row("cades-t-attached", {
      ...t,
      signatures: [sig({ policy: P2, timestamps: [{ kind: "signature", genTime: "2026-01-15T10:05:00.000Z" }] })],
    }),
    row("cades-multi-serial-bes", { ...t, signatures: [sig(), sig({ cert: SECOND, counterSignatureOf: 1 })] }),
    row("cades-multi-parallel-bes", { ...t, signatures: [sig(), sig({ cert: SECOND })] }),
    row("kamusm-25-cades-bes-attached", {
      ...t,
      signatures: [sig({ cert: { ...CERT, limit: { currency: "TRY", amount: 0, exponent: 0 } } })],
    }),
    row("kamusm-26-cades-bes-attached", {
      ...t,
      signatures: [sig({ cert: { ...CERT, usageRestriction: true } })],
      expected: { indication: "INDETERMINATE", subIndication: "CHAIN_CONSTRAINTS_FAILURE" },
      app: { verdict: "indeterminate" },
    }),
    row("pseudonym", { ...t, signatures: [sig({ cert: { ...CERT, pseudonym: "Kuzgun" } })] }),
  ];
}
