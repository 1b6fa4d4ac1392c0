// Document type sniffing: what the signed bytes are (magic numbers) and whether they carry active content.
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
    const embedded = /\/EmbeddedFile/.test(all);
    return {
      mediaType: "application/pdf",
      activeContent: js || embedded,
      note: js ? "PDF with JavaScript/Launch actions" : embedded ? "PDF with embedded files" : undefined,
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
