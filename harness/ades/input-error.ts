// Which thrown errors are properties of the user's input (a malformed file: FORMAT_FAILURE) and which are uyum's
// own faults (an internal error, never a verdict on the file). Only the parsers' own error classes count as input.
import { DerError } from "../asn1/der-read.ts";
import { PdfError } from "../pdf/syntax.ts";

/** The input is malformed in a way a reader found (thrown by the validator's own readers). */
export class InputError extends Error {
  override name = "InputError";
}

export function isInputError(e: unknown): e is Error {
  return e instanceof InputError || e instanceof DerError || e instanceof PdfError;
}

/** Rethrow anything that is not a property of the input; return the input problem's message. */
export function inputProblem(e: unknown): string {
  if (!isInputError(e)) throw e;
  return e.message;
}

/**
 * The input uses a format or construct uyum does not support (an algorithm, a transform, an encrypted PDF): not a
 * property of a broken signature. It travels up to the file's result, which says "unsupported", not FORMAT_FAILURE.
 */
export class UnsupportedInput extends Error {
  override name = "UnsupportedInput";
  constructor(readonly what: { en: string; tr: string }) {
    super(what.en);
  }
}

/** For a nested object (a time-stamp token): an input problem or an unsupported construct both make it unusable. */
export function nestedProblem(e: unknown): string {
  if (e instanceof UnsupportedInput) return `unsupported: ${e.message}`;
  return inputProblem(e);
}
