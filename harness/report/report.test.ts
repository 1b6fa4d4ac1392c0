// The signed conformance report end to end on a fixture campaign of all 163 items: Chromium renders it, the
// twins ride inside as attached files, the assessor's key on the virtual card signs it (PKCS#11) with a time-stamp
// from the test PKI's TSA on an ephemeral port. Checked by others: pdftotext/pdftoppm read it, pdfsig says the
// signature is valid and covers the whole document, pdfdetach lists the attachments; and by uyum's own validator.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CardInfo, provisionCard } from "../card/index.ts";
import { writeTestPki } from "../testing/card.ts";
import { loadChecklist } from "../checklist/load.ts";
import type { Checklist } from "../checklist/types.ts";
import { readPki, SettableClock, startServices, type Services } from "../pki/index.ts";
import { extractAttachments } from "./attach.ts";
import { ATTACHED, buildReport, type BuiltReport } from "./report.ts";
import { collectLtv, signReport, withCardSigner } from "./sign-report.ts";
import { makeFixtureCampaign, type FixtureCampaign } from "../testing/report/fixture-campaign.ts";

let root: string;
let checklist: Checklist;
let fixture: FixtureCampaign;
let services: Services;
let card: CardInfo;
let pkiDir: string;
let at: Date;
let tr: BuiltReport;
let en: BuiltReport;
let trText: string;
let ltv: Awaited<ReturnType<typeof collectLtv>>;

const TURKISH_GLYPHS = ["ç", "ğ", "ı", "İ", "ö", "ş", "ü"];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "uyum-report-"));
  checklist = loadChecklist();
  fixture = await makeFixtureCampaign(join(root, "kampanya"), checklist);
  pkiDir = await writeTestPki(root);
  const pki = await readPki(pkiDir);
  at = pki.validationTime; // the PKI's own moment: no wall clock in this test
  services = await startServices(pki, { clock: new SettableClock(at) });
  card = await provisionCard({ pkiDir, outDir: join(root, "kart"), certLabels: ["nes-rsa"], withChain: true });
  const pkiBase = JSON.parse(readFileSync(join(pkiDir, "pki.json"), "utf8")).baseUrl as string;
  // the chain's CRLs, fetched before the (synchronous) signing step
  const certs = withCardSigner(card, undefined, card.pin!, (s) => s.certificates);
  ltv = await collectLtv(certs, { rewrite: { from: pkiBase, to: services.baseUrl } });
  const signer = (pdf: Uint8Array) =>
    signReport(pdf, (fn) => withCardSigner(card, undefined, card.pin!, fn), {
      signingTime: at,
      tsaUrl: `${services.baseUrl}/tsa/tsa1`,
      ltv,
    });
  tr = await buildReport(fixture.dir, checklist, { lang: "tr", outDir: join(root, "rapor-tr"), sign: signer });
  en = await buildReport(fixture.dir, checklist, { lang: "en", outDir: join(root, "rapor-en") });
  trText = execFileSync("pdftotext", ["-enc", "UTF-8", "-layout", tr.pdf, "-"], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  console.log(
    `full-size report (${tr.items} items): render ${tr.timings.renderMs.toFixed(0)} ms, sign ${tr.timings.signMs.toFixed(0)} ms`,
  );
}, 240_000);

afterAll(async () => {
  await services?.stop();
});

describe("the rendered report", () => {
  it("carries every item id and the Turkish glyphs, and pdftoppm turns its pages into pictures", () => {
    for (const g of TURKISH_GLYPHS) expect(trText).toContain(g);
    const missing = checklist.items.filter(
      (i) => !new RegExp(`(^|\\s)${i.id.replace(/\./g, "\\.")}(\\s|$)`, "m").test(trText),
    );
    expect(missing.map((i) => i.id)).toEqual([]);
    const png = join(root, "sayfa");
    execFileSync("pdftoppm", ["-png", "-r", "50", "-f", "1", "-l", "3", tr.pdf, png]);
    expect(readFileSync(`${png}-01.png`).subarray(1, 4).toString()).toBe("PNG");
    const fonts = execFileSync("pdffonts", [tr.pdf], { encoding: "utf8" });
    expect(fonts).toMatch(/DejaVuSans/);
    expect(fonts).not.toMatch(/\sno\s+(yes|no)\s+(yes|no)\s/); // every font embedded
  });

  it("no silent pass: the items left without a result say not assessed, suggestions stay apart", () => {
    expect(fixture.notAssessed.length).toBeGreaterThan(0);
    const results = JSON.parse(readFileSync(join(tr.outDir, ATTACHED.results), "utf8")) as {
      summary: Record<string, number>;
      items: { id: string; mark: string; suggested?: string }[];
    };
    for (const id of fixture.notAssessed) expect(results.items.find((i) => i.id === id)?.mark).toBe("not-assessed");
    expect(results.summary["not-assessed"]).toBe(fixture.notAssessed.length);
    const suggested = results.items.filter((i) => i.mark === "suggested");
    expect(suggested.length).toBeGreaterThan(0);
    expect(suggested.every((i) => i.suggested === "✓")).toBe(true);
    expect(results.summary.total).toBe(checklist.items.length);
    expect(trText).toContain("değerlendirilmedi");
    const junit = readFileSync(join(tr.outDir, ATTACHED.junit), "utf8");
    expect(junit).toContain(`tests="${checklist.items.length}"`);
    expect(junit.match(/<failure /g)?.length).toBe(results.summary.fail);
  });

  it("the Turkish report has no English string of the table, the English one has them", () => {
    const en_ = JSON.parse(readFileSync(join("reports", "strings", "en.json"), "utf8")) as Record<string, string>;
    const tr_ = JSON.parse(readFileSync(join("reports", "strings", "tr.json"), "utf8")) as Record<string, string>;
    expect(Object.keys(tr_).sort()).toEqual(Object.keys(en_).sort());
    const trHtml = readFileSync(tr.html, "utf8");
    const enHtml = readFileSync(en.html, "utf8");
    const englishOnly = Object.entries(en_).filter(([k, v]) => v !== tr_[k] && v.length > 3);
    const leaked = englishOnly.filter(([, v]) => trHtml.includes(v.replace(/&/g, "&amp;").replace(/"/g, "&quot;")));
    expect(leaked).toEqual([]);
    expect(enHtml).toContain(en_["items.title"]);
    expect(enHtml).toContain(en_["summary.title"]);
  });

  it("embeds the twins: pdfdetach lists them and they read back byte for byte", () => {
    const list = execFileSync("pdfdetach", ["-list", tr.pdf], { encoding: "utf8" });
    for (const n of [ATTACHED.results, ATTACHED.manifest, ATTACHED.junit, "dogrulama-raporu-1.xml"])
      expect(list).toContain(n);
    const got = extractAttachments(readFileSync(tr.pdf));
    expect(Buffer.from(got.get(ATTACHED.manifest)!).toString()).toBe(
      readFileSync(join(fixture.dir, "software.sha256"), "utf8"),
    );
    expect(Buffer.from(got.get(ATTACHED.results)!).toString()).toBe(
      readFileSync(join(tr.outDir, ATTACHED.results), "utf8"),
    );
  });
});

describe("the signature", () => {
  it("pdfsig: valid, signed by the card's certificate; the signed revision is the whole document but the DSS", () => {
    const out = spawnSync("pdfsig", [tr.pdf], { encoding: "utf8" }).stdout;
    expect(out).toContain("Signature is Valid");
    expect(out).toContain("ETSI.CAdES.detached");
    const cn = /CN=([^,/]+)/.exec(card.keys[0]!.subject)![1]!.trim();
    expect(out).toContain(`Signer Certificate Common Name: ${cn}`);
    // B-LT appends the DSS after the signature, so pdfsig says "not total document signed" of the final file;
    // cut at the end of the signed range, the signed revision is whole and valid
    const range = /Signed Ranges: \[0 - (\d+)\], \[(\d+) - (\d+)\]/.exec(out)!;
    const signedRevision = join(root, "imzali-surum.pdf");
    writeFileSync(signedRevision, readFileSync(tr.pdf).subarray(0, Number(range[3])));
    const rev = spawnSync("pdfsig", [signedRevision], { encoding: "utf8" }).stdout;
    expect(rev).toContain("Signature is Valid");
    expect(rev).toContain("Total document signed");
    // what follows the signed revision is the DSS update alone
    const tail = readFileSync(tr.pdf).subarray(Number(range[3])).toString("latin1");
    expect(tail).toContain("/DSS");
    expect(tail).not.toMatch(/\/Type\s*\/(Page|EmbeddedFile)\b/);
  });

  it("uyum validate: TOTAL-PASSED at the PKI's moment, PAdES B-LT (the card key, the TSA token, the DSS CRLs)", () => {
    const r = spawnSync(
      process.execPath,
      [
        "bin/uyum.js",
        "validate",
        tr.pdf,
        "--trust",
        join(pkiDir, "certs", "root.pem"),
        "--at",
        at.toISOString(),
        "--no-fetch",
        "--json",
      ],
      { encoding: "utf8" },
    );
    const res = JSON.parse(r.stdout.trim().split("\n")[0]!) as {
      indication: string;
      subIndication?: string;
      level: string;
      checks: { id: string; result: string; reason?: { en: string } }[];
      signatures: { timestamps: { ok: boolean }[]; level: string; indication: string; subIndication?: string }[];
    };
    const sig = res.signatures[0]!;
    expect(`${sig.indication} ${sig.subIndication ?? ""}`.trim()).toBe("TOTAL-PASSED");
    expect(sig.timestamps.some((t) => t.ok)).toBe(true);
    expect(sig.level).toBe("B-LT");
    const failed = res.checks.filter((c) => c.result === "failed").map((c) => `${c.id}: ${c.reason?.en}`);
    // Until vcore's narrowing lands on main, the validator's document check reads any embedded file as active
    // content; the attachments here are data (JSON, XML, text: names and media types its narrowed check accepts).
    // That check, in its old wording, is the only thing allowed to fail.
    if (failed.length) {
      expect(failed).toEqual(["document-type: the signed document carries active content: PDF with embedded files"]);
      return;
    }
    expect(`${res.indication} ${res.subIndication ?? ""}`.trim()).toBe("TOTAL-PASSED");
    expect(r.status).toBe(0);
  });

  it("the PIN is nowhere in what was written", () => {
    for (const f of [tr.pdf, tr.html, join(tr.outDir, ATTACHED.results)])
      expect(readFileSync(f).includes(Buffer.from(card.pin!))).toBe(false);
  });

  it("a wrong PIN is a named refusal, not a crash", () => {
    expect(() => withCardSigner(card, undefined, "000000x", () => 1)).toThrow(/login refused \(CKR_PIN_INCORRECT\)/);
  });
});

describe("uyum verify-report: one named outcome and exit code per failure", () => {
  const verify = (pdf: string, ...args: string[]) => {
    const r = spawnSync(process.execPath, ["bin/uyum.js", "verify-report", pdf, "--at", at.toISOString(), ...args], {
      encoding: "utf8",
    });
    return { code: r.status, out: r.stdout + r.stderr };
  };
  const trust = () => ["--trust", join(pkiDir, "certs", "root.pem")];
  const copy = (name: string, edit: (b: Buffer) => Buffer) => {
    const f = join(root, name);
    writeFileSync(f, edit(Buffer.from(readFileSync(tr.pdf))));
    return f;
  };

  it("ok: signed by the card's key, trusted, published digest and installed app agree (exit 0)", () => {
    const r = verify(tr.pdf, ...trust(), "--published", fixture.digest, "--app", fixture.appDir);
    expect(r.out).toContain("outcome: ok (exit 0)");
    expect(r.out).toContain(`software digest in the report: ${fixture.digest}`);
    expect(r.out).toMatch(/signature: TOTAL-PASSED \(PAdES B-LT, time-stamped\)/);
    expect(r.out).toMatch(/signer: .*CN=TEST Ay/);
    expect(r.code).toBe(0);
  });

  it("the unsigned draft: unsigned (exit 10)", () => {
    const r = verify(en.pdf, ...trust());
    expect(r.out).toContain("outcome: unsigned");
    expect(r.code).toBe(10);
  });

  it("one byte changed inside the signed bytes (the attached manifest): modified after signing (exit 12)", () => {
    const f = copy("bir-bayt.pdf", (b) => {
      const firstHash = readFileSync(join(fixture.dir, "software.sha256"), "utf8").slice(0, 64);
      const i = b.indexOf(Buffer.from(firstHash));
      expect(i).toBeGreaterThan(0);
      b[i] = b[i] === 0x30 ? 0x31 : 0x30;
      return b;
    });
    const r = verify(f, ...trust());
    expect(r.out).toContain("modified-after-signing: the signed bytes changed after signing (HASH_FAILURE");
    expect(r.code).toBe(12);
  });

  it("an update appended after signing that is not validation data: modified after signing (exit 12)", async () => {
    const { PdfFile } = await import("../pdf/reader.ts");
    const { appendUpdate } = await import("../sign/pdf.ts");
    const signedPdf = readFileSync(tr.pdf);
    const info = new PdfFile(signedPdf).updateBase();
    // a page slipped in by an incremental update: the signature over the earlier revision stays valid
    const forged = appendUpdate(signedPdf, info, new Map([[info.size, "<</Type/Page/Contents 1 0 R>>"]]));
    const f = join(root, "sonradan-eklenmis.pdf");
    writeFileSync(f, forged);
    const r = verify(f, ...trust());
    expect(r.out).toMatch(/modified-after-signing: changed after signing \(not validation data\): object \d+/);
    expect(r.code).toBe(12);
  });

  it("a signature value that does not verify: signature invalid (exit 11)", async () => {
    // the card's signature with one bit flipped, over the unsigned draft
    const broken = await signReport(
      readFileSync(en.pdf),
      (fn) =>
        withCardSigner(card, undefined, card.pin!, (s) =>
          fn({
            ...s,
            signer: {
              ...s.signer,
              sign: (d, h) => {
                const v = s.signer.sign(d, h);
                v[20]! ^= 0x01;
                return v;
              },
            },
          }),
        ),
      { signingTime: at },
    );
    const f = join(root, "bozuk-imza.pdf");
    writeFileSync(f, broken);
    const r = verify(f, ...trust());
    expect(r.out).toContain("signature-invalid: SIG_CRYPTO_FAILURE");
    expect(r.code).toBe(11);
  });

  it("signed B-T without the revocation data the validator needs: signature indeterminate (exit 14)", async () => {
    const bt = await signReport(readFileSync(en.pdf), (fn) => withCardSigner(card, undefined, card.pin!, fn), {
      signingTime: at,
      tsaUrl: `${services.baseUrl}/tsa/tsa1`,
    });
    const f = join(root, "iptal-bilgisiz.pdf");
    writeFileSync(f, bt);
    const r = verify(f, ...trust(), "--published", fixture.digest);
    expect(r.out).toMatch(/signature-indeterminate: [A-Z_]+/);
    expect(r.out).toContain("outcome: signature-indeterminate (exit 14)");
    expect(r.code).toBe(14);
  });

  it("a validly signed PDF that carries no manifest: no manifest (exit 15)", async () => {
    const { makePdf } = await import("../vectors/documents.ts");
    const plain = await signReport(
      makePdf(["başka bir belge"], "Belge"),
      (fn) => withCardSigner(card, undefined, card.pin!, fn),
      { signingTime: at, tsaUrl: `${services.baseUrl}/tsa/tsa1`, ltv },
    );
    const f = join(root, "ozetsiz.pdf");
    writeFileSync(f, plain);
    const r = verify(f, ...trust(), "--published", fixture.digest);
    expect(r.out).toContain("no-manifest: the signed report has no attached yazilim.sha256.txt");
    expect(r.code).toBe(15);
  });

  it("no trust root given, or another one: signer untrusted (exit 13)", async () => {
    const { makeThrowawayPki } = await import("../testing/sign/throwaway-pki.ts");
    const other = makeThrowawayPki();
    const r = verify(tr.pdf, "--trust", other.rootPath);
    expect(r.out).toContain("signer-untrusted: the signer's certificate does not chain to a given --trust root");
    expect(r.code).toBe(13);
    const none = verify(tr.pdf);
    expect(none.out).toContain("signer-untrusted: no --trust root given");
    expect(none.code).toBe(13);
  });

  it("one byte changed in an installed application file: the diff names that file (exit 16)", () => {
    const f = join(fixture.appDir, "lib", "doğrula.js");
    const before = readFileSync(f);
    writeFileSync(f, Buffer.concat([before.subarray(0, -1), Buffer.from("!")]));
    try {
      const r = verify(tr.pdf, ...trust(), "--published", fixture.digest, "--app", fixture.appDir);
      expect(r.out).toContain("  changed: lib/doğrula.js");
      expect(r.out).not.toMatch(/changed: (imzala|index|lib\/pkcs)/);
      expect(r.out).toContain("outcome: app-mismatch (exit 16)");
      expect(r.code).toBe(16);
    } finally {
      writeFileSync(f, before);
    }
  });

  it("--profile: the installed application is what the profile's software globs name (npm start checks this way)", () => {
    const profile = (name: string, globs: string[]) => {
      const f = join(fixture.dir, name);
      writeFileSync(f, `software:\n${globs.map((g) => `  - ${g}\n`).join("")}`);
      return f;
    };
    const all = verify(tr.pdf, ...trust(), "--profile", profile("hepsi.yaml", ["app/*.js", "app/*.html", "app/lib/*"]));
    expect(all.out).toContain("outcome: ok (exit 0)");
    expect(all.out).toMatch(/installed application \(.*app\): [0-9a-f]{64} — matches/);
    // a profile that names fewer files than the report hashed: the ones left out are missing
    const part = verify(tr.pdf, ...trust(), "--profile", profile("eksik.yaml", ["app/*.js", "app/*.html"]));
    expect(part.out).toMatch(/missing: .*lib\/doğrula\.js/);
    expect(part.code).toBe(16);
  });

  it("a wrong published digest: published value differs (exit 17); a published manifest file agrees", () => {
    const wrong = fixture.digest.replace(/^./, (c) => (c === "0" ? "1" : "0"));
    const r = verify(tr.pdf, ...trust(), "--published", wrong);
    expect(r.out).toContain(`published-mismatch: published digest ${wrong}`);
    expect(r.code).toBe(17);
    const ok = verify(tr.pdf, ...trust(), "--published", join(fixture.dir, "software.sha256"));
    expect(ok.code).toBe(0);
  });

  it("bad input is a clear error (exit 2), not a verdict", () => {
    const notPdf = join(root, "not.pdf");
    writeFileSync(notPdf, "merhaba\n");
    const r = verify(notPdf, ...trust());
    expect(r.out).toContain("not a PDF");
    expect(r.code).toBe(2);
    const badPub = verify(tr.pdf, ...trust(), "--published", "abc");
    expect(badPub.out).toContain("--published abc");
    expect(badPub.code).toBe(2);
  });
});
