// The PIN of the assessor's own card (a profile's `card:`) for `uyum run`: from a file descriptor the caller
// opened (--pin-fd N), or typed on the terminal without echo. Never from argv, never written anywhere.
import { readFileSync } from "node:fs";
import { UserError } from "../core/errors.ts";

export function pinFromFd(fd: string): string {
  const n = Number(fd);
  if (!Number.isInteger(n) || n < 0) throw new UserError(`--pin-fd ${fd}: give a file descriptor number`);
  try {
    return readFileSync(n, "utf8").replace(/\r?\n$/, "");
  } catch (e) {
    throw new UserError(`--pin-fd ${fd}: cannot read (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
}

/** Asks on the terminal (stdin a TTY), echoing nothing; Ctrl-C aborts. */
export function pinFromTty(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY)
    return Promise.reject(new UserError("the card's PIN: no terminal to ask on; give it with --pin-fd N"));
  process.stderr.write(prompt);
  return new Promise((resolvePin, reject) => {
    let pin = "";
    stdin.setRawMode(true);
    stdin.resume();
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off("data", onData);
      process.stderr.write("\n");
      if (err) reject(err);
      else resolvePin(pin);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString("utf8")) {
        if (ch === "\r" || ch === "\n") return done();
        if (ch === "\u0003") return done(new UserError("the card's PIN: cancelled"));
        if (ch === "\u007f" || ch === "\b") pin = pin.slice(0, -1);
        else pin += ch;
      }
    };
    stdin.on("data", onData);
  });
}
