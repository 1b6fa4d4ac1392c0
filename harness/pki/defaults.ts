// Where the default test-PKI definition lives. Kept apart from config.ts so that registering the `uyum pki`
// commands can name it without loading the YAML parser and the schema compiler.
import { dirname, resolve } from "node:path";

export const DEFAULT_PKI_CONFIG = resolve(
  dirname(new URL(import.meta.url).pathname),
  "../../vectors/pki/kamusm-test-pki.yaml",
);
