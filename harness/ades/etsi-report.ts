import type { ValidationResult } from "./validate.ts";
export function toEtsiXml(_r: ValidationResult[]): string {
  return "";
}
