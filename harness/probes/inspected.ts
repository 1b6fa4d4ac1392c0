// The sign-once session's signatures, or why none can be inspected (nothing signed, a file uyum cannot read):
// the shared first step of the probes that inspect what the application wrote.
import type { SignOnceEvidence } from "../sessions/catalogue.ts";
import type { Text } from "../core/text.ts";
import { undetermined, type Judgement } from "./kit.ts";
import { describe, failuresOf, unreadable } from "./outputs.ts";

/** undefined when every output can be inspected; otherwise the undetermined judgement saying why `what` could not be. */
export function cannotInspect(session: SignOnceEvidence, what: Text): Judgement | undefined {
  const { outputs, failures } = session;
  if (outputs.length === 0) {
    const f = failuresOf(failures);
    return undetermined(
      {
        tr: `Oturum hiç imza üretmedi${f.tr ? `: ${f.tr}` : ""}; ${what.tr} denetlenemedi.`,
        en: `The session produced no signature${f.en ? `: ${f.en}` : ""}; ${what.en} could not be checked.`,
      },
      f.refs,
    );
  }
  const unread = unreadable(outputs);
  if (unread.length > 0)
    return undetermined(
      {
        tr: `uyum ${unread.map((o) => describe(o).tr).join(", ")} dosyasını imza olarak okuyamadı (desteklenmeyen biçim); ${what.tr} denetlenemedi.`,
        en: `uyum could not read ${unread.map((o) => describe(o).en).join(", ")} as a signature (unsupported format); ${what.en} could not be checked.`,
      },
      unread.map((o) => o.signature),
    );
  return undefined;
}
