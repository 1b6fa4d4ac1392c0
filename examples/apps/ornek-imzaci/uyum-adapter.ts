// Örnek İmzacı's page object for uyum's web driver (profile driver.settings.adapter): what its EBYS page and its
// agent's window look like, in the driver's operations. Only this file knows the selectors.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import type { WebAdapter } from "../../../harness/drivers/web/adapter.ts";
import type { ConfirmView, DocumentView } from "../../../harness/drivers/web/types.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
const STEP_TIMEOUT = 30_000;

const textOf = (p: Page, sel: string) =>
  p.evaluate(`document.querySelector(${JSON.stringify(sel)})?.innerText.trim()`) as Promise<string | undefined>;

/** The file a link of the page downloads, as a user clicking it gets it; undefined when the page has no such link. */
async function download(page: Page, link: string): Promise<Uint8Array | undefined> {
  if (!(await page.locator(link).count())) return undefined;
  const [file] = await Promise.all([page.waitForEvent("download", { timeout: STEP_TIMEOUT }), page.click(link)]);
  return new Uint8Array(readFileSync(await file.path()));
}

const adapter: WebAdapter = {
  kinds: [
    { format: "CAdES", level: "BES", ext: "p7s", code: "cades-bes" },
    { format: "CAdES", level: "EPES", ext: "p7s", code: "cades-epes" },
    { format: "CAdES", level: "T", ext: "p7s", code: "cades-t" },
    { format: "XAdES", level: "BES", ext: "xml", code: "xades-bes" },
    { format: "XAdES", level: "T", ext: "xml", code: "xades-t" },
    { format: "PAdES", level: "B-B", ext: "pdf", code: "pades-b-b" },
    { format: "PAdES", level: "B-T", ext: "pdf", code: "pades-b-t" },
  ],
  samplePdf: new Uint8Array(readFileSync(join(HERE, "samples", "resmi-yazi.pdf"))),
  agentProbePath: "/api/v1/status",
  pageUrl: (urls) => String(urls.ebys),
  agentUrl: (urls) => (typeof urls.agent === "string" ? urls.agent : undefined),

  async start(page, doc, kind, pin) {
    await page.setInputFiles("#belge", { name: doc.fileName, mimeType: doc.mimeType, buffer: Buffer.from(doc.bytes) });
    await page.selectOption("#bicim", kind.code!);
    // a page that asks for the PIN itself gets it, as a user would type it there
    if (await page.locator("#sayfa-pin").count()) await page.fill("#sayfa-pin", pin);
    await page.click("#imzala");
    await page.waitForFunction(
      () =>
        document.getElementById("durum")?.dataset.code !== undefined &&
        document.getElementById("durum")!.dataset.code !== "",
      null,
      { timeout: STEP_TIMEOUT },
    );
  },

  async openWindow(c, _page) {
    const win = await c.context.newPage();
    await win.goto(String(c.urls.agentWindow));
    return win;
  },

  async documentStep(win) {
    await win.waitForSelector("#devam, #sertifika-sec, #sonuc", { timeout: STEP_TIMEOUT });
    // read the step in one go (the window re-renders as the agent's state changes); a string, so the page runs
    // it as written (a compiled function would carry the bundler's helpers, unknown in the page)
    return win.evaluate(`(() => {
      if (!document.querySelector("#devam")) return null;
      const ozet = document.querySelector("#belge-ozet");
      const onizleme = document.querySelector("#belge-onizleme");
      // a text field the signer could type into (read-only and disabled ones cannot be changed), or editable content
      const field = onizleme && (onizleme.tagName === "TEXTAREA" || onizleme.tagName === "INPUT");
      return {
        previewText: (onizleme?.innerText || onizleme?.value || "").trim(),
        ...(onizleme
          ? { editable: onizleme.isContentEditable || (field && !onizleme.readOnly && !onizleme.disabled) }
          : {}),
        ...(ozet ? { shownSha256: ozet.innerText.trim() } : {}),
        warnings: Array.from(document.querySelectorAll(".belge-uyari"), (w) => w.innerText.trim()),
        cancelOffered: document.querySelector("#iptal") !== null,
        // the signatures already on a signed document, as the window lists them (none listed: an empty list)
        existingSignatures: Array.from(document.querySelectorAll("#mevcut-imzalar .mevcut-imza"), (e) => e.innerText.trim()),
      };
    })()`) as Promise<DocumentView | null>;
  },

  async proceed(win) {
    await win.click("#devam");
    await win.waitForSelector("#sertifika-sec, #sonuc", { timeout: STEP_TIMEOUT });
  },

  async chooseCertificate(win, key) {
    if (!(await win.locator("#sertifika-sec").count())) return key ? false : undefined;
    // the window's radio buttons carry the certificate's CKA_ID (hex)
    const radio = key
      ? win.locator(`input[name=sertifika][value="${key.id}"]`)
      : win.locator("input[name=sertifika]").first();
    if (key && !(await radio.count())) return false;
    await radio.check();
    await win.click("#sertifika-sec");
    return true;
  },

  async confirmStep(win) {
    await win.waitForSelector("#imzala, #sonuc", { timeout: STEP_TIMEOUT });
    return win.evaluate(`(() => {
      if (!document.querySelector("#imzala")) return undefined;
      const text = (s) => document.querySelector(s)?.innerText.trim();
      const pin = document.querySelector("#pin");
      return {
        certificateInfo: text("#sertifika-bilgi"),
        attributes: text("#ozellikler"),
        qualifiedWarning: text("#nitelikli-uyari"),
        ...(pin ? { pinField: { type: pin.getAttribute("type") ?? "text" } } : {}),
        cancelOffered: document.querySelector("#iptal") !== null,
      };
    })()`) as Promise<ConfirmView | undefined>;
  },

  async sign(win, pin) {
    if (!(await win.locator("#imzala").count())) return;
    if (await win.locator("#pin").count()) await win.fill("#pin", pin);
    await win.click("#imzala");
  },

  async cancel(win) {
    if (!(await win.locator("#iptal").count())) return false;
    await win.click("#iptal");
    return true;
  },

  async outcome(c, page, win) {
    // the page polls the agent; it settles on OK or an error code. A wrong PIN leaves the request open: the window
    // says so and asks again, and the signer who reads it stops there (Vazgeç) rather than wait for the idle timeout
    await Promise.race([
      page.waitForFunction(() => document.getElementById("durum")?.dataset.code !== "WAITING", null, {
        timeout: STEP_TIMEOUT,
      }),
      win.waitForSelector("#imzala ~ #mesaj, #mesaj ~ #imzala", { timeout: STEP_TIMEOUT }),
    ]).catch(() => {});
    const askedAgain = (await win.locator("#imzala").count()) > 0 && (await win.locator("#mesaj").count()) > 0;
    const windowMessage = (await textOf(win, "#mesaj")) ?? "";
    if (askedAgain) {
      const windowCode = ((await win.evaluate(`document.getElementById("mesaj")?.dataset.code`)) as string) ?? "";
      if (await win.locator("#iptal").count()) await win.click("#iptal");
      return { status: "failed", message: `the window asks again: ${windowMessage}`, code: windowCode };
    }
    const code = ((await page.evaluate(`document.getElementById("durum")?.dataset.code`)) as string | undefined) ?? "";
    const status = (await textOf(page, "#durum")) ?? "";
    const message = [status, windowMessage].filter(Boolean).join(" | ");
    if (code === "WAITING")
      return { status: "no-answer", message: message || "the page still waits for the agent", code };
    if (code === "OK") {
      // the signed file as its user takes it: the page's download link
      const signature = await download(page, "#indir");
      return { status: "signed", message, code, ...(signature ? { signature } : {}) };
    }
    return { status: /USER_CANCELLED|CANCELLED/.test(code) ? "cancelled" : "failed", message, code };
  },

  // the verification page (/dogrula): the signature file, the detached document, a reference time and an extra
  // trusted root are all inputs of the page; the verdict is #karar's data-verdict
  verifyPage: {
    // the page's verdicts on the whole vector set come from the same verifier as the cli and http faces, which
    // prove them in a minute; through the browser they take 23 min here (about 9 s a vector): the page verifies only
    // for a campaign that needs a few (an --only selection of a few verifier items, e.g. 2.1-8's six), and the
    // items of a larger one say why not; set true to have every vector go through the page
    asVerifier: { upTo: 12 },
    takesTime: true,
    url: (urls) => String(urls.verify),
    async verify(page, o) {
      const file = (f: { name: string; bytes: Uint8Array }) => ({
        name: f.name,
        mimeType: "application/octet-stream",
        buffer: Buffer.from(f.bytes),
      });
      await page.setInputFiles("#imzali", file(o.file));
      if (o.detached) await page.setInputFiles("#ayrik", file(o.detached));
      if (o.at) await page.fill("#zaman", o.at.toISOString());
      if (o.trustPem)
        await page.setInputFiles("#kok", {
          name: "kok.pem",
          mimeType: "application/x-pem-file",
          buffer: Buffer.from(o.trustPem),
        });
      await page.click("#dogrula");
      await page.waitForSelector("#karar, #sonuc-hata", { timeout: 60_000 });
      const verdict = (await page.evaluate(`document.querySelector("#karar")?.dataset.verdict`)) as string | undefined;
      return {
        verdict: verdict === "valid" || verdict === "invalid" || verdict === "indeterminate" ? verdict : "no-answer",
        text: (await textOf(page, "#dogrulama-sonuc")) ?? "",
        took: { detached: o.detached !== undefined, time: o.at !== undefined, trust: o.trustPem !== undefined },
      };
    },
    async saveReport(page) {
      if (!(await page.locator("#rapor-indir").count())) return undefined;
      const [download] = await Promise.all([
        page.waitForEvent("download", { timeout: 10_000 }),
        page.click("#rapor-indir"),
      ]);
      const path = await download.path();
      return { name: download.suggestedFilename(), bytes: new Uint8Array(readFileSync(path)) };
    },
  },
};

export default adapter;
