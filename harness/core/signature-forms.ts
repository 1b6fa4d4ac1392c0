// The names of signature formats, levels and Turkish profiles, defined once: the validator reports them, the
// vector manifest expects them, app profiles declare them (the profile schema's enums are tested against
// these lists). Levels go by the name each standard uses: CAdES (TS 101 733) BES, EPES, T, C, X-Type1, X-Type2,
// X-L, A; XAdES (TS 101 903) BES, EPES, T, C, X-L, A; PAdES (EN 319 142) B-B, B-T, B-LT, B-LTA.

export const SIGNATURE_FORMATS = ["CAdES", "XAdES", "PAdES"] as const;
export type SignatureFormat = (typeof SIGNATURE_FORMATS)[number];

export const SIGNATURE_LEVELS = [
  "BES",
  "EPES",
  "T",
  "C",
  "X-Type1",
  "X-Type2",
  "X-L",
  "A",
  "B-B",
  "B-T",
  "B-LT",
  "B-LTA",
] as const;
/** A level, or "none" for what is not a signature at any level (malformed input, an unreadable file). */
export type SignatureLevel = (typeof SIGNATURE_LEVELS)[number] | "none";

/** Turkish signature usage profiles (Elektronik İmza Kullanım Profilleri Rehberi). */
export const SIGNATURE_PROFILES = ["P1", "P2", "P3", "P4"] as const;
/** A profile, or "none" when no profile is claimed. */
export type SignatureProfile = (typeof SIGNATURE_PROFILES)[number] | "none";
