// services-down: the campaign PKI's services answer 503 while the application signs (fault injection on the
// live services, harness/pki/server.ts): first the time-stamp authority during a T-level signature, then the
// CRL and OCSP services during a signature of the profile's first kind. A conformant application fails or says
// why; it never writes a signature that claims a time-stamp it does not have, nor signs without knowing the
// certificate's status. The faults are cleared after each case.
import { traceMark } from "../card/index.ts";
import { recordAttempt } from "./attempt.ts";
import type { AppAttempt } from "./evidence.ts";
import type { ServiceDown, ServicesDownCase, ServicesDownEvidence } from "./catalogue.ts";
import type { SessionContext } from "./context.ts";
import { documentFor, traceSince } from "./sign-sessions.ts";

export async function servicesDown(ctx: SessionContext): Promise<ServicesDownEvidence> {
  if (!ctx.pki) throw new Error("services-down needs the campaign PKI's live services");
  const services = ctx.pki.services;
  const mark = traceMark(ctx.card.dir);
  const face = ctx.app.signing;
  const kinds = face?.kinds() ?? [];
  const cases: ServicesDownCase[] = [];
  const skipped: ServicesDownEvidence["skipped"] = [];
  const plan: { down: ServiceDown; targets: string[]; kind?: (typeof kinds)[number] }[] = [
    { down: "tsa", targets: ["tsa"], kind: kinds.find((k) => /^(T|LT|LTA|B-T|B-LT|B-LTA|XL|A)$/.test(k.level)) },
    { down: "revocation", targets: ["crl", "ocsp"], kind: kinds[0] },
  ];
  for (const [i, p] of plan.entries()) {
    if (!face || !p.kind) {
      skipped.push({
        down: p.down,
        why: p.down === "tsa" ? "the profile declares no time-stamped level" : "no signing face",
      });
      continue;
    }
    const name = `services-down-${p.down}`;
    for (const t of p.targets) services.setFault(t, { fault: "down" });
    let run;
    try {
      run = await face.sign(p.kind, documentFor(600 + i), name);
    } finally {
      services.clearFaults();
    }
    // validated with the services back: uyum's own view of what was written must not suffer the fault
    cases.push({ down: p.down, targets: p.targets, attempt: await recordAttempt(ctx, run, name) });
  }
  return { cases, skipped, trace: traceSince(ctx, mark) };
}
