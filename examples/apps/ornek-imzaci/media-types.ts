// The document types the reference application knows by file extension: one table for its command line and its
// EBYS page, so both faces show (and warn about) a document the same way.
export const MEDIA_TYPES: Record<string, string> = {
  pdf: "application/pdf",
  xml: "application/xml",
  txt: "text/plain",
  zip: "application/vnd.eyp+zip",
  html: "text/html",
  htm: "text/html",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  // an attached CAdES signature: the agent's window shows its content and the signatures on it, and adds one
  p7s: "application/pkcs7-mime",
};

/** The media type of a file by its extension; octet-stream (shown as "cannot be shown whole") when unknown. */
export function mediaTypeOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return (dot >= 0 ? MEDIA_TYPES[fileName.slice(dot + 1).toLowerCase()] : undefined) ?? "application/octet-stream";
}
