// A SessionContext for the verify-vectors session in tests and benchmarks: the profile's cli verifying face (with
// extra environment, e.g. a flaw switch) or the verifying face given (another driver's), an in-memory evidence sink
// whose puts the test can read, no card.
import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadChecklist } from "../../checklist/load.ts";
import { cliVerifyingFace, cliVerifyTemplate } from "../../drivers/cli-verify.ts";
import type { ApplicationFaces, VerifyingFace } from "../../drivers/face.ts";
import { loadProfile } from "../../profile/load.ts";
import type { SessionContext } from "../../sessions/context.ts";
import type { EvidenceKind, EvidenceRef } from "../../sessions/evidence.ts";

export interface StoredEvidence extends EvidenceRef {
  text: string;
}

export function verifierContext(
  profileFile: string,
  o: {
    env?: Record<string, string>;
    progress?: (line: string) => void;
    face?: { driver: ApplicationFaces["driver"]; verifying: VerifyingFace };
  } = {},
): SessionContext & { stored: StoredEvidence[] } {
  const profile = loadProfile(profileFile, loadChecklist());
  const workDir = mkdtempSync(join(tmpdir(), "uyum-verifier-"));
  const app = o.face ?? { driver: "cli" as const, verifying: cliFace(profileFile, profile, workDir, o.env) };
  const stored: StoredEvidence[] = [];
  return {
    stored,
    workDir,
    profile,
    card: undefined as never, // the verifier session never touches a card
    rootPem: "",
    app,
    progress: o.progress ?? (() => {}),
    evidence: {
      put(kind: EvidenceKind, bytes: Uint8Array | string, ext: string) {
        const text = typeof bytes === "string" ? bytes : Buffer.from(bytes).toString("utf8");
        const sha256 = createHash("sha256").update(text).digest("hex");
        const ref = { kind, path: `evidence/${sha256}.${ext}`, sha256 };
        stored.push({ ...ref, text });
        return ref;
      },
    },
  };
}

function cliFace(
  profileFile: string,
  profile: ReturnType<typeof loadProfile>,
  workDir: string,
  env: Record<string, string> | undefined,
): VerifyingFace {
  const { template, issues } = cliVerifyTemplate(profile);
  if (!template) throw new Error(`${profileFile}: no verify template (${issues.map((i) => i.message).join("; ")})`);
  return cliVerifyingFace({
    template,
    pkiDir: join(workDir, "no-campaign-pki"),
    pkiBaseUrl: "http://127.0.0.1:9",
    rootPem: "",
    workDir,
    env,
  });
}
