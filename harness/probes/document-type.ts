// What a signature says of the document's type (CAdES content-hints, XAdES DataObjectFormat/MimeType), and
// whether that fits the signed bytes as uyum's validator sniffed them (harness/ades/document.ts). Pure.
import type { ValidationResult } from "../ades/report.ts";
import type { SignatureReport } from "../ades/report.ts";
import type { Text } from "../core/text.ts";

/** Media types by file-name extension: content-hints' description often names the file, not its MIME type. */
const BY_EXTENSION: Record<string, string> = {
  pdf: "application/pdf",
  xml: "application/xml",
  txt: "text/plain",
  html: "text/html",
  htm: "text/html",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  doc: "application/msword",
  zip: "application/zip",
};

/** The document-type information a signature carries, as written, or undefined when it carries none. */
export function typeInformation(signature: SignatureReport): string | undefined {
  const t = signature.inspection?.contentHints?.trim();
  return t ? t : undefined;
}

/** The media type that information names: a MIME type as written, or the one a file name's extension stands for. */
export function declaredMediaType(information: string): string | undefined {
  const mime = /^[a-z]+\/[a-z0-9.+-]+/i.exec(information)?.[0];
  if (mime) return mime.toLowerCase();
  return mediaTypeOfName(information);
}

/** Formats whose bytes say what they are (magic numbers, a root element): the sniffer recognises them. */
const SELF_DESCRIBING = /^(application\/(pdf|xml|zip|msword|vnd\.openxmlformats)|image\/(jpeg|png)|text\/html)/;

/** The media type a file name's extension stands for, when uyum knows it. */
export function mediaTypeOfName(fileName: string): string | undefined {
  const ext = /\.([a-z0-9]+)\s*$/i.exec(fileName)?.[1]?.toLowerCase();
  return ext ? BY_EXTENSION[ext] : undefined;
}

/** A media type whose bytes say what they are (option 1 of 2.1-2: no document-type information needed). */
export function isSelfDescribing(mediaType: string): boolean {
  return SELF_DESCRIBING.test(mediaType);
}

/** The signed document's own format tells its type (option 1 of 2.1-2), as the validator sniffed it. */
export function selfDescribing(validation: ValidationResult): string | undefined {
  const t = validation.documentType?.mediaType;
  return t && isSelfDescribing(t) ? t : undefined;
}

/** Both name the same kind of document (XML dialects together, any OOXML part as OOXML). */
function sameFamily(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.includes("xml") && b.includes("xml") && !a.includes("openxml") && !b.includes("openxml")) return true;
  return a.startsWith("application/vnd.openxmlformats") && b.startsWith("application/vnd.openxmlformats");
}

export interface TypeFit {
  fits: boolean | "unknown";
  how: Text;
}

/**
 * Whether a declared media type fits the signed bytes. A declared type the sniffer would recognise must be what it
 * found; bytes it recognises as no format (plain text and the like) fit a declared type it could not recognise
 * anyway (text/plain), and nothing that it could.
 */
export function fitsContent(declared: string, validation: ValidationResult): TypeFit {
  const found = validation.documentType?.mediaType;
  if (!found)
    return { fits: "unknown", how: { tr: "uyum imzalı baytları görmedi", en: "uyum did not see the signed bytes" } };
  if (found !== "application/octet-stream")
    return sameFamily(declared, found)
      ? {
          fits: true,
          how: {
            tr: `belirtilen ${declared}, imzalı baytlar ${found}`,
            en: `declared ${declared}, the signed bytes are ${found}`,
          },
        }
      : {
          fits: false,
          how: {
            tr: `belirtilen ${declared}, oysa imzalı baytlar ${found}`,
            en: `declared ${declared}, but the signed bytes are ${found}`,
          },
        };
  if (SELF_DESCRIBING.test(declared))
    return {
      fits: false,
      how: {
        tr: `belirtilen ${declared}, oysa imzalı baytlar ${declared} değil (böyle bir biçim bulunmadı)`,
        en: `declared ${declared}, but the signed bytes are not ${declared} (no such format found)`,
      },
    };
  if (declared.startsWith("text/"))
    return {
      fits: true,
      how: {
        tr: `belirtilen ${declared}, imzalı baytlar uyum'un tanıdığı hiçbir ikili biçimde değil`,
        en: `declared ${declared}, the signed bytes are of no binary format uyum recognises`,
      },
    };
  return {
    fits: "unknown",
    how: {
      tr: `belirtilen ${declared}, uyum'un baytlarda tanıyamadığı bir tür`,
      en: `declared ${declared}, a type uyum cannot recognise in the bytes`,
    },
  };
}
