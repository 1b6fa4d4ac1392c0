// A campaign's PKI lives at the time the campaign runs. The declarative PKI is written with fixed dates around
// its validationTime (vectors stay byte-identical); a campaign moves every date by the same amount so that its
// validationTime is the campaign's instant. Each scenario keeps its meaning: what was valid, expired, not yet
// valid, revoked before or after the reference time at the fixed validationTime is so at the campaign's instant.
import type { PkiConfig } from "./types.ts";

const shift = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString().replace(/\.000Z$/, "Z");

/** The same PKI, every date moved so that validationTime is `instant` (whole seconds). */
export function pkiConfigAt(config: PkiConfig, instant: Date): PkiConfig {
  const ms = Math.floor(instant.getTime() / 1000) * 1000 - Date.parse(config.validationTime);
  const certificates = Object.fromEntries(
    Object.entries(config.certificates).map(([label, c]) => [
      label,
      {
        ...c,
        notBefore: shift(c.notBefore, ms),
        notAfter: shift(c.notAfter, ms),
        ...(c.revoked ? { revoked: { ...c.revoked, date: shift(c.revoked.date, ms) } } : {}),
      },
    ]),
  );
  return {
    ...config,
    referenceTime: shift(config.referenceTime, ms),
    validationTime: shift(config.validationTime, ms),
    certificates,
  };
}
