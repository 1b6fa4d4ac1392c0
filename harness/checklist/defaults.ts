// Where the control list lives. Kept apart from load.ts so that registering the `uyum checklist` / `uyum plan`
// commands can name it without loading the schema compiler.
import { join } from "node:path";
import { PROJECT_ROOT } from "../shared-dir.ts";

export const DEFAULT_CHECKLIST_DIR = join(PROJECT_ROOT, "checklist");
