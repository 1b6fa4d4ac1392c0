// The reference application's agent over its HTTP API and window API: the good app signs on the card in every
// format it offers, and its signatures validate with uyum validate and an independent tool.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseCert, pemOrDer, validateBytes } from "../../../harness/ades/index.ts";
import { readTrace, traceMark } from "../../../harness/card/index.ts";
import { agentFor, Client, readRoot, startWorld, type World } from "./testing.ts";
import type { Agent } from "./agent.ts";
import type { FormatCode } from "./formats.ts";
import { createCades, encodeCades, signerOf } from "../../../harness/sign/index.ts";
import { parseSignedData } from "../../../harness/ades/cms.ts";

let w: World;
let agent: Agent;
let client: Client;
let pdf: Uint8Array;
const DAY = 86_400_000;

beforeAll(async () => {
  w = await startWorld();
  agent = await agentFor(w, undefined, { logFile: join(w.root, "agent.log") });
  client = new Client(agent, w);
  pdf = minimalPdf("Resmi yazi: Ornek Belediyesi");
});
afterAll(async () => {
  await agent?.stop();
  await w?.stop();
});

/** A one-page PDF with a text line (classic xref table). */
function minimalPdf(text: string): Uint8Array {
  const objs = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${`BT /F1 14 Tf 72 760 Td (${text}) Tj ET`.length} >>\nstream\nBT /F1 14 Tf 72 760 Td (${text}) Tj ET\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let out = "%PDF-1.7\n";
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

const TEXT = new TextEncoder().encode("Sayın ilgili,\nÖrnek Belediyesi'nin 2026/14 sayılı yazısıdır.\n");
const XML = new TextEncoder().encode('<?xml version="1.0" encoding="UTF-8"?><ustYazi><konu>Örnek</konu></ustYazi>');

async function validateAfterGrace(bytes: Uint8Array) {
  // the services' clock is frozen at the signing time; a verifier comes later, after the P2 grace period
  const signedAt = w.svc.clock.now();
  (w.svc.clock as unknown as { set(d: Date): void }).set(new Date(signedAt.getTime() + DAY + 3_600_000));
  try {
    return await validateBytes("sig", bytes, {
      anchors: [parseCert(pemOrDer(readRoot(w))[0]!)],
      at: w.svc.clock.now(),
      fetch: true,
      fetchTimeoutMs: 5000,
    });
  } finally {
    (w.svc.clock as unknown as { set(d: Date): void }).set(signedAt);
  }
}

describe("the good agent signs on the card", () => {
  const cases: [FormatCode, Uint8Array | "pdf", string][] = [
    ["cades-bes", TEXT, "text/plain"],
    ["cades-epes", TEXT, "text/plain"],
    ["cades-t", TEXT, "text/plain"],
    ["xades-bes", XML, "application/xml"],
    ["xades-t", XML, "application/xml"],
    ["pades-b-b", "pdf", "application/pdf"],
    ["pades-b-t", "pdf", "application/pdf"],
  ];
  for (const [format, doc, mimeType] of cases) {
    it(`${format}: one C_Login before the one C_Sign; uyum validate says TOTAL-PASSED`, async () => {
      const mark = traceMark(w.card.dir);
      const s = await client.sign(doc === "pdf" ? pdf : doc, { format, mimeType, fileName: "belge" });
      expect(s.error).toBeNull();
      expect(s.bytes).toBeDefined();
      const trace = readTrace(w.card.dir, mark);
      const fns = trace.map((e) => e.fn).filter((f) => f === "C_Login" || f === "C_Sign" || f === "C_Logout");
      expect(fns).toEqual(["C_Login", "C_Sign", "C_Logout"]);
      const r = await validateAfterGrace(s.bytes!);
      const failed = r.checks
        .filter((c) => c.result !== "passed" && c.result !== "skipped")
        .map((c) => `${c.id}: ${c.reason.en}`);
      expect(r.indication, failed.join("\n")).toBe("TOTAL-PASSED");
      if (format.endsWith("-t")) expect(r.level).toMatch(/T/);
      // an independent tool agrees
      const f = join(w.root, `${format}.out`);
      writeFileSync(f, s.bytes!);
      const root = join(w.pkiDir, "certs", "root.pem");
      const at = String(Math.floor(w.svc.clock.now().getTime() / 1000));
      const o = format.startsWith("cades")
        ? spawnSync(
            "openssl",
            [
              "cms",
              "-verify",
              "-inform",
              "DER",
              "-in",
              f,
              "-CAfile",
              root,
              "-purpose",
              "any",
              "-attime",
              at,
              "-out",
              join(w.root, "content.out"),
            ],
            { encoding: "utf8" },
          )
        : format.startsWith("xades")
          ? spawnSync(
              "xmlsec1",
              [
                "--verify",
                "--trusted-pem",
                root,
                "--untrusted-pem",
                join(w.pkiDir, "certs", "subroot.pem"),
                "--id-attr:Id",
                "SignedProperties",
                "--verification-gmt-time",
                w.svc.clock
                  .now()
                  .toISOString()
                  .replace("T", " ")
                  .replace(/\.\d+Z$/, ""),
                f,
              ],
              { encoding: "utf8" },
            )
          : spawnSync("pdfsig", [f], { encoding: "utf8" });
      if (format.startsWith("pades")) expect(o.stdout).toMatch(/Signature Validation: Signature is Valid/);
      else expect(o.status, o.stderr).toBe(0);
    });
  }
});

describe("a signed document (an attached CAdES) given to the agent", () => {
  // signed beforehand by a signer who is not on the card: a valid NES of the test PKI
  const signedBy = (label: string) => {
    const e = w.svc.pki.get(label);
    const sub = w.svc.pki.get(e.issuerLabel!);
    return encodeCades(
      createCades(signerOf(w.svc.pki, label), {
        content: TEXT,
        certificates: [e.certDer, sub.certDer],
        signingTime: w.svc.clock.now(),
      }),
    );
  };

  it("the window previews the signed content and lists the signature already on it; signing adds a parallel one", async () => {
    const p7s = signedBy("nes-limit-0");
    const id = await client.request(p7s, {
      format: "cades-bes",
      mimeType: "application/pkcs7-mime",
      fileName: "imzali.p7s",
    });
    const s = await client.window("state");
    expect(s.request?.step).toBe("document");
    expect(s.request?.preview?.text).toBe(new TextDecoder().decode(TEXT));
    expect(s.request?.preview?.warnings).toEqual([]);
    expect(s.request?.existingSignatures?.map((e) => e.name)).toEqual(["TEST Kemal Para Limiti Sıfır"]);
    await client.window("cancel", { id });
    const r = await client.sign(p7s, {
      format: "cades-bes",
      mimeType: "application/pkcs7-mime",
      fileName: "imzali.p7s",
    });
    expect(r.error).toBeNull();
    const sd = parseSignedData(r.bytes!);
    expect(sd.signerInfos).toHaveLength(2);
    expect(Buffer.from(sd.eContent!).equals(Buffer.from(TEXT))).toBe(true);
    const v = await validateAfterGrace(r.bytes!);
    expect(v.signatures).toHaveLength(2);
    expect(v.indication, JSON.stringify(v.checks.filter((c) => c.result === "failed"))).toBe("TOTAL-PASSED");
  });

  it("the existing-signatures-hidden flaw previews and signs it but lists nothing", async () => {
    const bad = await agentFor(w, "existing-signatures-hidden");
    try {
      const c = new Client(bad, w);
      await c.request(signedBy("nes-limit-0"), { format: "cades-bes", mimeType: "application/pkcs7-mime" });
      const s = await c.window("state");
      expect(s.request?.preview?.text).toBe(new TextDecoder().decode(TEXT));
      expect(s.request?.existingSignatures).toBeNull();
    } finally {
      await bad.stop();
    }
  });

  it("a signed document that cannot be read is warned about as malformed, never a crash", async () => {
    const broken = signedBy("nes-limit-0").slice(0, 200);
    const id = await client.request(broken, { format: "cades-bes", mimeType: "application/pkcs7-mime" });
    const s = await client.window("state");
    expect(s.request?.step).toBe("document");
    expect(s.request?.preview?.warnings.map((x) => x.kind)).toEqual(["format-error"]);
    expect(s.request?.existingSignatures).toBeNull();
    await client.window("cancel", { id });
  });
});
