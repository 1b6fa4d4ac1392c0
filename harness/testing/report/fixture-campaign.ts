// A fixture campaign directory in the format harness/report/campaign.ts reads (until harness/campaign writes real
// ones): every checklist item gets a result line except a few left "not assessed", with every kind of mark —
// pass, fail, ?, N-A for K items whose condition is set, suggested (some confirmed) for observed items — evidence
// files stored content-addressed with their SHA-256, and a small application whose software manifest it carries.
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import type { Checklist } from "../../checklist/types.ts";
import type { EvidenceRef } from "../../sessions/evidence.ts";
import type { Finding } from "../../campaign/results.ts";
import type { CampaignJson } from "../../report/campaign.ts";
import { hashSoftware } from "../../report/hash.ts";

const sha = (b: Uint8Array | string) => createHash("sha256").update(b).digest("hex");

/** A real PNG (a small coloured picture with a dark bar), written by hand: zlib'd RGB rows and CRC'd chunks. */
export function tinyPng(w = 64, h = 40, rgb: [number, number, number] = [40, 110, 200]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const rows: number[] = [];
  for (let y = 0; y < h; y++) {
    rows.push(0);
    for (let x = 0; x < w; x++) rows.push(...(y > h / 3 && y < h / 2 ? [20, 20, 20] : rgb));
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.from(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

export interface FixtureCampaign {
  dir: string;
  appDir: string;
  digest: string;
  /** items deliberately left without a result */
  notAssessed: string[];
}

/** Writes a fixture campaign for the whole checklist under dir. */
export async function makeFixtureCampaign(dir: string, checklist: Checklist): Promise<FixtureCampaign> {
  mkdirSync(join(dir, "evidence"), { recursive: true });
  const appDir = join(dir, "app");
  mkdirSync(join(appDir, "lib"), { recursive: true });
  writeFileSync(
    join(appDir, "imzala.js"),
    "// Örnek EBYS imzalayıcı: belgeyi imzalar\nexport const sürüm = '2.4.1';\n",
  );
  writeFileSync(join(appDir, "index.html"), "<!doctype html><title>Örnek EBYS</title>\n");
  writeFileSync(join(appDir, "lib", "pkcs11-köprü.js"), "// PKCS#11 köprüsü\n");
  writeFileSync(join(appDir, "lib", "doğrula.js"), "// imza doğrulama\n");
  const hashes = await hashSoftware([appDir]);
  writeFileSync(join(dir, "software.sha256"), hashes.manifest);

  const store = (kind: EvidenceRef["kind"], ext: string, data: Uint8Array | string): EvidenceRef => {
    const h = sha(data);
    const path = `evidence/${h}.${ext}`;
    writeFileSync(join(dir, path), data);
    return { kind, path, sha256: h };
  };
  const shot = store("screenshot", "png", tinyPng());
  const trace = store(
    "pkcs11-trace",
    "jsonl",
    '{"seq":1,"fn":"C_Login","rv":"CKR_OK"}\n{"seq":2,"fn":"C_Sign","rv":"CKR_OK"}\n',
  );
  const report = store(
    "validation-report",
    "xml",
    '<?xml version="1.0" encoding="UTF-8"?>\n<ValidationReport><Indication>TOTAL-PASSED</Indication></ValidationReport>\n',
  );
  const stdout = store("stdout", "txt", "imza oluşturuldu: belge.pdf\n");

  const lines: Finding[] = [];
  const notAssessed: string[] = [];
  const declarations: CampaignJson["declarations"] = [];
  const answers: CampaignJson["answers"] = [];
  checklist.items.forEach((item, i) => {
    const base = { item: item.id, probe: `harness/probes/${item.file.replace(/^items\/|\.yaml$/g, "")}/${item.id}.ts` };
    if (item.condition) {
      lines.push({
        ...base,
        mark: "not-applicable",
        reason: {
          tr: "Koşul sağlanmıyor: uygulama bu yeteneği beyan etmedi (profil).",
          en: "The condition does not hold: the application does not declare this capability (profile).",
        },
        evidence: [],
      });
      return;
    }
    if (item.evidence.kind === "declared") {
      declarations.push({ item: item.id, accepted: true, statement: "Üretici beyanı: koşul karşılanıyor." });
      lines.push({
        ...base,
        mark: "pass",
        reason: { tr: "Üretici beyanı kabul edildi.", en: "The vendor's declaration was accepted." },
        evidence: [],
      });
      return;
    }
    if (item.evidence.kind === "form-field") {
      answers.push({ item: item.id, answer: `Örnek yanıt ${i}: şirket ve ürün bilgisi` });
      lines.push({
        ...base,
        mark: "pass",
        reason: { tr: "Form alanı yanıtlandı.", en: "The form field is answered." },
        evidence: [],
      });
      return;
    }
    if (item.evidence.kind === "observed") {
      lines.push({
        ...base,
        mark: "pass",
        suggested: true,
        ...(i % 3 === 0 ? { confirmed: { by: "Değerlendirici Ayşe Yılmaz", at: "2026-03-02T10:00:00Z" } } : {}),
        reason: {
          tr: "Ekran görüntüsünde uyarı metni «nitelikli elektronik imza» ifadesini içeriyor.",
          en: "The screenshot's warning text names “nitelikli elektronik imza”.",
        },
        evidence: [{ ...shot, locator: "#uyari" }],
      });
      return;
    }
    // automated
    if (i % 13 === 5) {
      notAssessed.push(item.id);
      return;
    }
    if (i % 7 === 3)
      lines.push({
        ...base,
        mark: "fail",
        reason: {
          tr: "İmzada imzacı sertifikası özniteliği yok (signing-certificate-v2).",
          en: "The signature has no signing-certificate attribute (signing-certificate-v2).",
        },
        evidence: [
          { ...report, locator: "S-1 signing-certificate" },
          { ...trace, locator: "seq 1-2" },
        ],
      });
    else if (i % 11 === 4)
      lines.push({
        ...base,
        mark: "undetermined",
        reason: {
          tr: "Uygulama bu oturumda imza üretmedi; madde kanıtlanamadı.",
          en: "The application wrote no signature in this session; the item could not be proven.",
        },
        evidence: [stdout],
      });
    else
      lines.push({
        ...base,
        mark: "pass",
        reason: {
          tr: "Doğrulama TOTAL-PASSED; PKCS#11 izinde her imzadan önce oturum açılmış.",
          en: "Validation TOTAL-PASSED; the PKCS#11 trace shows a login before each signature.",
        },
        evidence: [
          { ...report, locator: "S-1" },
          { ...trace, locator: "seq 1-2" },
        ],
      });
  });
  writeFileSync(join(dir, "results.jsonl"), lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
  const campaign: CampaignJson = {
    id: "kampanya-2026-03-01-ornek-ebys",
    app: { name: "Örnek EBYS İmzalayıcı", version: "2.4.1", vendor: "Örnek Yazılım A.Ş." },
    institution: "Deneme Bakanlığı Bilgi İşlem Dairesi",
    assessor: { name: "Ayşe Yılmaz", organisation: "Uyum Değerlendirme Ltd. Şti." },
    started: "2026-03-01T09:00:00Z",
    finished: "2026-03-01T17:30:00Z",
    environment: {
      os: "Debian GNU/Linux 13 (x86_64)",
      card: "uyum sanal kartı (SoftHSM2 2.6)",
      module: "libuyum-interposer.so → libsofthsm2.so",
      pki: "KAMU SM benzeri test kök sertifikası (uyum pki)",
      browser: "Chromium",
    },
    harness: { version: "0.1.0", sha256: sha("uyum 0.1.0 fixture") },
    profile: { file: "profile.yaml", sha256: sha("profile") },
    software: { manifest: "software.sha256", digest: hashes.digest },
    declarations,
    answers,
    verifierAgreement: [
      { vector: "cades-bes-gecerli", expected: "valid", app: "valid", uyum: "TOTAL-PASSED" },
      { vector: "cades-iptal-edilmis", expected: "invalid", app: "invalid", uyum: "TOTAL-FAILED/REVOKED" },
      { vector: "xades-degistirilmis", expected: "invalid", app: "valid", uyum: "TOTAL-FAILED/HASH_FAILURE" },
    ],
    validationReports: [report.path],
  };
  writeFileSync(join(dir, "campaign.json"), JSON.stringify(campaign, null, 2) + "\n");
  return { dir, appDir, digest: hashes.digest, notAssessed };
}
