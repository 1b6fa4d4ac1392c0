// Document type sniffing: what the signed bytes are (magic numbers) and whether they carry active content.
import { PdfFile } from "../pdf/reader.ts";
import { nameOf, PdfDict, PdfError, PdfStream, PdfString, type PdfValue } from "../pdf/syntax.ts";
export interface DocumentType {
  mediaType: string;
  activeContent: boolean;
  note?: string;
}

/** What the signed bytes are (magic numbers), and whether they carry active content (macros, scripts). */
export function sniffDocument(b: Uint8Array): DocumentType {
  const head = Buffer.from(b.subarray(0, 512)).toString("latin1");
  if (head.startsWith("%PDF-")) {
    const all = Buffer.from(b).toString("latin1");
    const js = /\/JavaScript|\/JS\s*[(<]|\/Launch/.test(all);
    const embedded = /\/EmbeddedFile/.test(all) ? activeAttachments(b) : [];
    return {
      mediaType: "application/pdf",
      activeContent: js || embedded.length > 0,
      note: js
        ? "PDF with JavaScript/Launch actions"
        : embedded.length
          ? `PDF with embedded files that are not plain data: ${embedded.slice(0, 5).join(", ")}`
          : undefined,
    };
  }
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) {
    const all = Buffer.from(b).toString("latin1");
    const macro = /vbaProject\.bin|macroEnabled|\.docm|\.xlsm/i.test(all);
    const office = /word\/|xl\/|ppt\//.test(all);
    return {
      mediaType: office ? "application/vnd.openxmlformats-officedocument" : "application/zip",
      activeContent: macro,
      note: macro ? "Office document with macros (vbaProject)" : undefined,
    };
  }
  if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0)
    return {
      mediaType: "application/msword",
      activeContent: /Macros|VBA/.test(Buffer.from(b).toString("latin1")),
      note: "OLE2 (legacy Office) document",
    };
  if (b[0] === 0xff && b[1] === 0xd8) return { mediaType: "image/jpeg", activeContent: false };
  if (b[0] === 0x89 && head.startsWith("\x89PNG")) return { mediaType: "image/png", activeContent: false };
  const t = head
    .replace(/^\uFEFF|^ï»¿/, "")
    .trimStart()
    .toLowerCase();
  if (t.startsWith("<!doctype html") || t.startsWith("<html")) {
    const all = Buffer.from(b).toString("utf8").toLowerCase();
    const script = /<script|\son[a-z]+\s*=|javascript:/.test(all);
    return { mediaType: "text/html", activeContent: script, note: script ? "HTML with script" : undefined };
  }
  if (t.startsWith("<?xml") || t.startsWith("<")) return { mediaType: "application/xml", activeContent: false };
  return { mediaType: "application/octet-stream", activeContent: false };
}

/** Attachments that are plain data (not active content): JSON, XML, text, CSV, by media type and file name. */
const DATA_MEDIA = /^(application\/(json|xml|[\w.-]+\+(json|xml))|text\/(plain|xml|csv))$/i;
const DATA_NAME = /\.(json|xml|txt|csv)$/i;
/** Executables, scripts, archives and Office containers, by their first bytes: never data whatever their name. */
const ACTIVE_MAGIC = [/^MZ/, /^\x7fELF/, /^#!/, /^PK\x03\x04/, /^\xd0\xcf\x11\xe0/, /^\xca\xfe\xba\xbe/, /^%PDF-/];
const MAX_OBJECTS_SCANNED = 200_000;

function pdfText(v: PdfValue | undefined): string | undefined {
  if (!(v instanceof PdfString)) return undefined;
  const b = v.bytes;
  if (b[0] === 0xfe && b[1] === 0xff) return Buffer.from(b.subarray(2)).swap16().toString("utf16le");
  return Buffer.from(b).toString("latin1");
}

/**
 * The embedded files of a PDF that are not plain data attachments (a conformance report carrying its JSON/XML
 * twins is fine; an executable, a script, an Office file or an unknown binary is active content). Each is named
 * "name (media type)". A PDF whose attachments cannot be read counts as carrying active content.
 */
export function activeAttachments(b: Uint8Array): string[] {
  const out: string[] = [];
  try {
    const pdf = new PdfFile(b);
    const size = pdf.trailerValue("Size");
    const n = Math.min(typeof size === "number" ? size : 0, MAX_OBJECTS_SCANNED);
    const covered = new Set<PdfStream>();
    const judge = (name: string | undefined, stream: PdfStream | undefined): void => {
      const media = stream ? nameOf(stream.dict.get("Subtype"))?.replace(/#2F/gi, "/") : undefined;
      let head = "";
      if (stream) {
        covered.add(stream);
        head = Buffer.from(pdf.decode(stream, "embedded file").subarray(0, 8)).toString("latin1");
      }
      const dataMedia = media === undefined || media === "application/octet-stream" || DATA_MEDIA.test(media);
      const dataName = name === undefined || DATA_NAME.test(name);
      const named = (media !== undefined && media !== "application/octet-stream") || name !== undefined;
      if (!(dataMedia && dataName && named) || ACTIVE_MAGIC.some((m) => m.test(head)))
        out.push(`${name ?? "(unnamed)"} (${media ?? "no media type"})`);
    };
    const streams: PdfStream[] = [];
    for (let num = 1; num < n; num++) {
      let v: PdfValue | undefined;
      try {
        v = pdf.object(num);
      } catch (e) {
        if (e instanceof PdfError) continue;
        throw e;
      }
      if (v instanceof PdfStream && nameOf(v.dict.get("Type")) === "EmbeddedFile") streams.push(v);
      if (!(v instanceof PdfDict) || !v.get("EF")) continue;
      const ef = pdf.resolve(v.get("EF"));
      const name = pdfText(v.get("UF")) ?? pdfText(v.get("F"));
      const st = ef instanceof PdfDict ? pdf.resolve(ef.get("UF") ?? ef.get("F")) : undefined;
      judge(name, st instanceof PdfStream ? st : undefined);
    }
    // An embedded file stream no file specification names is judged by its media type and bytes alone.
    for (const st of streams) if (!covered.has(st)) judge(undefined, st);
  } catch (e) {
    if (!(e instanceof PdfError)) throw e;
    return [`embedded files that could not be read (${e.message})`];
  }
  return out;
}
