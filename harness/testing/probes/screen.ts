// Canned evidence of the screen sessions (window-review, cancel-at-warning, idle-timeout, agent-exposure) for
// table-driven probe tests: what a good application's window shows, which each case bends one way.
import { createHash } from "node:crypto";
import type { AgentExposure } from "../../drivers/web/types.ts";
import type { AgentExposureEvidence, ScreenSessionEvidence } from "../../sessions/catalogue.ts";
import { refOf, signWithLogin, traceOf } from "./given.ts";

export const DOCUMENT_TEXT = "T.C. Örnek Kurum\nSayı: E-2026-1\nKonu: deneme\n";
export const DOCUMENT_SHA256 = createHash("sha256").update(DOCUMENT_TEXT).digest("hex");

const SIGNING_TIME = "1.2.840.113549.1.9.5";

/** What a good application's page and window say at each step (in Turkish only). */
export const STEP_TEXT: Record<string, string> = {
  "page-started": "Örnek EBYS\nBelge: belge.txt\nİmza biçimi: CAdES-BES\nİmzala\nİmza penceresinde onay bekleniyor…",
  "window-document": `Örnek İmzacı\ndocument\nBelge: belge.txt (text/plain)\nİmzalanacak belge\n${DOCUMENT_TEXT}Devam Vazgeç`,
  "window-confirm":
    "Örnek İmzacı\nconfirm\nSertifika bilgileri\nSahibi TEST Ayşe Yılmaz\nGüvenli (nitelikli) elektronik imza oluşturmak üzeresiniz.\nPIN:\nİmzala Vazgeç",
  "window-result": "Örnek İmzacı\ndone\nBelge imzalandı.",
  "page-result": "Örnek EBYS\nBelge imzalandı.\nİmzalı dosya: belge.txt.p7s",
};

/** A good application's screen session: the document shown whole, the certificate, attributes, warning, masked PIN, one signature over the shown bytes. */
export function screenEvidence(over: Partial<ScreenSessionEvidence> = {}): ScreenSessionEvidence {
  const step = (name: string, page: "app" | "agent-window") => ({
    step: name,
    page,
    url: "http://127.0.0.1:1/",
    text: refOf("dom-text", STEP_TEXT[name]!, "txt"),
    screenshot: refOf("screenshot", `png ${name}`, "png"),
    domText: STEP_TEXT[name]!,
  });
  return {
    kind: { format: "CAdES", level: "BES" },
    fileName: "belge.txt",
    document: refOf("document", DOCUMENT_TEXT, "txt"),
    documentSha256: DOCUMENT_SHA256,
    documentText: DOCUMENT_TEXT,
    steps: [
      step("page-started", "app"),
      step("window-document", "agent-window"),
      step("window-confirm", "agent-window"),
      step("window-result", "agent-window"),
    ],
    documentView: { previewText: DOCUMENT_TEXT, shownSha256: DOCUMENT_SHA256, warnings: [], cancelOffered: true },
    confirmView: {
      certificateInfo:
        "Sahibi CN=TEST Ayşe Yılmaz, SERIALNUMBER=12345678901 TCKN 12345678901 Yayıncı CN=Test NES Alt Kök Seri numarası 0a1b2c Geçerlilik 2026-01-01T00:00:00.000Z – 2028-01-01T00:00:00.000Z Nitelikli evet",
      attributes: "İmza zamanı 2026-06-01T10:00:00.000Z İmza politikası — İçerik tipi text/plain",
      qualifiedWarning:
        "Güvenli (nitelikli) elektronik imza oluşturmak üzeresiniz. Bu imza, 5070 sayılı Kanun gereği elle atılan imza ile aynı hukuki sonucu doğurur.",
      pinField: { type: "password" },
      cancelOffered: true,
    },
    outcome: { status: "signed", message: "Belge imzalandı.", code: "OK" },
    signature: refOf("signature", "p7s", "p7s"),
    signer: {
      subject: "CN=TEST Ayşe Yılmaz, SERIALNUMBER=12345678901, C=TR",
      issuer: "CN=Test NES Alt Kök, O=Test, C=TR",
      serialHex: "0a1b2c",
      notBefore: "2026-01-01T00:00:00.000Z",
      notAfter: "2028-01-01T00:00:00.000Z",
    },
    signedAttributes: ["1.2.840.113549.1.9.3", SIGNING_TIME, "1.2.840.113549.1.9.4"],
    signedContentSha256: DOCUMENT_SHA256,
    exchanges: refOf("http-exchange", "{}", "jsonl"),
    pinInPage: [],
    trace: traceOf(signWithLogin()),
    ms: 1000,
    ...over,
  };
}

/** A session that ended without signing (cancelled, timed out): no signature, no C_Sign. */
export function unsignedEvidence(over: Partial<ScreenSessionEvidence> = {}): ScreenSessionEvidence {
  const e = screenEvidence({
    outcome: { status: "cancelled", message: "İmza iptal edildi.", code: "USER_CANCELLED" },
    trace: traceOf([
      { fn: "C_OpenSession", session: 1 },
      { fn: "C_CloseSession", session: 1 },
    ]),
    ...over,
  });
  delete e.signature;
  delete e.signedContentSha256;
  delete e.signer;
  delete e.signedAttributes;
  return { ...e, ...over };
}

/** A careful agent's exposure: loopback only, a foreign origin refused, a replay refused. */
export function exposure(over: Partial<AgentExposure> = {}): AgentExposureEvidence {
  const x: AgentExposure = {
    agentUrl: "http://127.0.0.1:40000",
    listening: [{ address: "127.0.0.1", loopback: true }],
    foreignOrigin: { origin: "http://kotu-niyetli.example", preflight: { status: 403 }, get: { status: 403 } },
    replay: {
      method: "POST",
      url: "http://127.0.0.1:40000/api/v1/sign-requests",
      firstStatus: 202,
      replayStatus: 403,
      replayBody: "TICKET_REPLAYED",
    },
    ...over,
  };
  return { observed: true, exposure: x, ref: refOf("http-exchange", JSON.stringify(x), "json") };
}
