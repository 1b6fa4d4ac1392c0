// `uyum verify-report` wiring: options → verifyReport → the outcome printed, the exit code its own.
import { UserError } from "../core/errors.ts";
import { HashInputError } from "./hash.ts";
import { softwarePaths } from "./hash-command.ts";
import { formatVerifyReport, verifyReport, VerifyInputError } from "./verify.ts";

export async function runVerifyReportCommand(pdf: string, o: Record<string, unknown>): Promise<number> {
  let at: Date | undefined;
  if (o.at !== undefined) {
    at = new Date(String(o.at));
    if (Number.isNaN(at.getTime())) throw new UserError(`--at ${String(o.at)}: give an ISO 8601 time`);
  }
  try {
    // --profile: the files the profile's software globs name (plus any --app), as `uyum hash --profile` hashes them
    const installed = o.profile
      ? await softwarePaths((o.app as string[] | undefined) ?? [], {
          profile: String(o.profile),
          root: o.root as string | undefined,
        })
      : { paths: o.app as string[] | undefined, root: o.root as string | undefined };
    const r = await verifyReport(pdf, {
      trust: (o.trust as string[] | undefined) ?? [],
      at,
      app: installed.paths,
      appRoot: installed.root,
      published: o.published as string | undefined,
      fetch: o.fetch === true,
    });
    process.stdout.write(o.json ? JSON.stringify(r, null, 2) + "\n" : formatVerifyReport(pdf, r));
    return r.exitCode;
  } catch (e) {
    if (e instanceof VerifyInputError || e instanceof HashInputError) throw new UserError(e.message);
    throw e;
  }
}
