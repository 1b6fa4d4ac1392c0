// Parsed certificates and CRLs recur across signatures (one CA, one CRL, thousands of files): parse each distinct
// encoding once, keyed by the SHA-256 of its bytes, so equal bytes share one parsed object.
import { createHash } from "node:crypto";

/** `decode(der, id)` memoised by id = hex SHA-256 of der; the memo is emptied when it passes `limit` entries. */
export function memoByDigest<T>(limit: number, decode: (der: Uint8Array, id: string) => T): (der: Uint8Array) => T {
  const memo = new Map<string, T>();
  return (der) => {
    const id = createHash("sha256").update(der).digest("hex");
    const hit = memo.get(id);
    if (hit !== undefined) return hit;
    const value = decode(der, id);
    if (memo.size > limit) memo.clear();
    memo.set(id, value);
    return value;
  };
}
