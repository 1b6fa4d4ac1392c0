// Errors caused by the user's input (a broken file, a bad option): reported as one clear message and a
// non-zero exit, never as a stack trace.
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = "UserError";
  }
}
