import type { SigModel } from "./model.ts";
import type { ValidationCheck } from "./verdict.ts";
import type { Cert } from "./x509.ts";
export function readPades(_i: { bytes: Uint8Array; extraCerts?: Cert[] }): { models: SigModel[]; problems: string[]; fileChecks: ValidationCheck[] } {
  return { models: [], problems: ["PAdES validation is not implemented yet"], fileChecks: [] };
}
