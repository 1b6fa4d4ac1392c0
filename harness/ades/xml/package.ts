// Signed packages: an ODF document (LibreOffice: META-INF/documentsignatures.xml, references to the package's
// entries by relative URI) or an ASiC-E container with XAdES (META-INF/signatures*.xml). A bounded zip reader
// over node:zlib: entry count, entry and total sizes and the compression ratio are capped before inflating, so
// a zip bomb is a clear error, never an out-of-memory.
import { crc32, inflateRawSync } from "node:zlib";
import { InputError } from "../input-error.ts";

export const ZIP_MAX_ENTRIES = 10_000;
export const ZIP_MAX_ENTRY_BYTES = 64 * 1024 * 1024;
export const ZIP_MAX_TOTAL_BYTES = 256 * 1024 * 1024;
/** Above 1 MiB, an entry may not inflate more than this many times its compressed size. */
export const ZIP_MAX_RATIO = 200;

export class PackageError extends InputError {}

export function isZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}

/** Every entry of a zip file, by name, inflated and CRC-checked. Throws PackageError naming the problem. */
export function readZip(bytes: Uint8Array): Map<string, Uint8Array> {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--)
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new PackageError("zip: no end-of-central-directory record (truncated or not a zip)");
  const count = b.readUInt16LE(eocd + 10);
  const cdSize = b.readUInt32LE(eocd + 12);
  const cdOffset = b.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new PackageError("zip: ZIP64 packages are not supported");
  if (count > ZIP_MAX_ENTRIES)
    throw new PackageError(`zip: ${count} entries, more than the ${ZIP_MAX_ENTRIES} allowed`);
  if (cdOffset + cdSize > eocd) throw new PackageError("zip: the central directory runs past its end record");
  const out = new Map<string, Uint8Array>();
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || b.readUInt32LE(p) !== 0x02014b50)
      throw new PackageError(`zip: central directory entry ${n + 1} is damaged`);
    const flags = b.readUInt16LE(p + 8);
    const method = b.readUInt16LE(p + 10);
    const crc = b.readUInt32LE(p + 16);
    const csize = b.readUInt32LE(p + 20);
    const usize = b.readUInt32LE(p + 24);
    const nameLen = b.readUInt16LE(p + 28);
    const extraLen = b.readUInt16LE(p + 30);
    const commentLen = b.readUInt16LE(p + 32);
    const local = b.readUInt32LE(p + 42);
    const name = b.subarray(p + 46, p + 46 + nameLen).toString(flags & 0x800 ? "utf8" : "latin1");
    p += 46 + nameLen + extraLen + commentLen;
    if (flags & 1) throw new PackageError(`zip: entry "${name}" is encrypted`);
    if (usize > ZIP_MAX_ENTRY_BYTES)
      throw new PackageError(`zip: entry "${name}" inflates to ${usize} bytes, more than ${ZIP_MAX_ENTRY_BYTES}`);
    if (usize > 1024 * 1024 && usize > csize * ZIP_MAX_RATIO)
      throw new PackageError(`zip: entry "${name}" has a compression ratio above ${ZIP_MAX_RATIO} (a zip bomb?)`);
    total += usize;
    if (total > ZIP_MAX_TOTAL_BYTES)
      throw new PackageError(`zip: the entries inflate to more than ${ZIP_MAX_TOTAL_BYTES} bytes in all`);
    if (local + 30 > b.length || b.readUInt32LE(local) !== 0x04034b50)
      throw new PackageError(`zip: the local header of "${name}" is missing`);
    const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    if (start + csize > b.length) throw new PackageError(`zip: entry "${name}" runs past the end of the file`);
    const raw = b.subarray(start, start + csize);
    let data: Buffer;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) {
      try {
        data = inflateRawSync(raw, { maxOutputLength: Math.max(usize, 1) });
      } catch (e) {
        throw new PackageError(`zip: entry "${name}" does not inflate: ${(e as Error).message}`);
      }
    } else throw new PackageError(`zip: entry "${name}" uses compression method ${method}, not stored or deflate`);
    if (data.length !== usize || crc32(data) >>> 0 !== crc)
      throw new PackageError(`zip: entry "${name}" does not match its size or CRC`);
    if (out.has(name)) throw new PackageError(`zip: the entry name "${name}" occurs twice`);
    out.set(name, new Uint8Array(data));
  }
  return out;
}

/** The XML signature files of a package: ODF document signatures or ASiC-E XAdES signatures. */
export function packageSignatures(entries: Map<string, Uint8Array>): { name: string; bytes: Uint8Array }[] {
  return [...entries]
    .filter(([n]) => n === "META-INF/documentsignatures.xml" || /^META-INF\/signatures[^/]*\.xml$/.test(n))
    .map(([name, bytes]) => ({ name, bytes }));
}
