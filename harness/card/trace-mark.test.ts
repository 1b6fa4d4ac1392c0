// Reading a trace from a mark keeps each event's file position (seq), so evidence that cites a seq points at
// the same line whichever way the trace was read.
import { describe, expect, it } from "vitest";
import { appendFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readTrace, traceMark } from "./trace.ts";

const line = (fn: string) => JSON.stringify({ fn, rv: "CKR_OK", pid: 1 }) + "\n";

describe("trace marks", () => {
  it("events read after a mark keep their line numbers in the file", () => {
    const file = join(mkdtempSync(join(tmpdir(), "uyum-trace-")), "trace.jsonl");
    writeFileSync(file, line("C_Initialize") + line("C_Login") + line("C_Sign"));
    const mark = traceMark(file);
    appendFileSync(file, line("C_Login") + line("C_Sign"));

    const whole = readTrace(file);
    const after = readTrace(file, mark);
    expect(after.map((e) => e.fn)).toEqual(["C_Login", "C_Sign"]);
    expect(after.map((e) => e.seq)).toEqual([3, 4]);
    expect(after).toEqual(whole.slice(3));
  });
});
