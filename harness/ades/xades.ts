import type { SigModel } from "./model.ts";
import type { ValidationCheck } from "./verdict.ts";
import type { Cert } from "./x509.ts";
export function readXades(_i: { bytes: Uint8Array; detachedContent?: Uint8Array; extraCerts?: Cert[] }): { models: SigModel[]; problems: string[]; content?: Uint8Array; fileChecks: ValidationCheck[] } {
  return { models: [], problems: ["XAdES validation is not implemented yet"], fileChecks: [] };
}
