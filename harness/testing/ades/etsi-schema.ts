// Checks an ETSI TS 119 102-2 report against the official schema with xmllint (offline: --nonet, local imports).
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { sharedDir } from "../../core/shared-dir.ts";

export function etsiXsd(version: "v122" | "v141" = "v122"): string | undefined {
  const d = sharedDir();
  return d ? join(d, "ground-truth", "etsi-xsd", `TS119102-2-${version}.xsd`) : undefined;
}

/** xmllint's verdict on one report: exit status and its messages. */
export function xmllintSchema(xml: string, xsd: string): { ok: boolean; messages: string } {
  const f = join(mkdtempSync(join(tmpdir(), "uyum-etsi-")), "report.xml");
  writeFileSync(f, xml);
  const r = spawnSync("xmllint", ["--noout", "--nonet", "--schema", xsd, f], { encoding: "utf8" });
  if (r.error) throw new Error(`xmllint did not run: ${r.error.message}`);
  return { ok: r.status === 0, messages: r.stderr.split("\n").slice(0, 12).join("\n") };
}

export function expectSchemaValid(xml: string): void {
  const xsd = etsiXsd();
  if (!xsd) throw new Error("../shared/ground-truth/etsi-xsd is missing");
  const r = xmllintSchema(xml, xsd);
  expect(r.ok, r.messages).toBe(true);
}
