// Where the project's own files are. Every default path is named here once, so registering a command can
// name it without loading the module that reads it.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root (the folder holding package.json). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The control list as data. */
export const DEFAULT_CHECKLIST_DIR = join(PROJECT_ROOT, "checklist");

/** The declarative test PKI (KAMU SM-like) the vectors and campaigns are built from. */
export const DEFAULT_PKI_CONFIG = join(PROJECT_ROOT, "vectors", "pki", "kamusm-test-pki.yaml");
