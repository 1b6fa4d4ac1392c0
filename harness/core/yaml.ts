// Reading a YAML (or JSON: JSON is YAML) file so that every later error can point at it: syntax errors with
// line/column (and the nearest item id and key), a lookup from a data path to the line it came from, and
// schema checking whose errors name file, item, field, line and column. The one error dialect of uyum.
import { readFileSync } from "node:fs";
import { LineCounter, parseDocument, isMap, isNode, isScalar, type Document } from "yaml";
import Ajv2020Module, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { closest, ValidationError, type Issue } from "./issues.ts";

export interface YamlSource {
  file: string; // as displayed
  data: unknown;
  doc: Document.Parsed;
  lines: LineCounter;
}

export type PathSeg = string | number;

/** Parses `path`; returns the source, or the syntax issues (never throws on bad YAML). */
export function readYaml(path: string, display: string): { source?: YamlSource; issues: Issue[] } {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "is a directory"
          : code === "EACCES"
            ? "permission denied"
            : String(e);
    return { issues: [{ file: display, message: `cannot read file: ${why}${code ? ` (${code})` : ""}` }] };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const src = text.split("\n");
    return {
      issues: doc.errors.map((e) => {
        const pos = lines.linePos(e.pos[0]);
        const ctx = syntaxContext(
          src,
          /flow (sequence|mapping)/i.test(e.message) ? unclosedFlowLine(src, pos.line) : pos.line,
        );
        return {
          file: display,
          item: ctx.item,
          field: ctx.field,
          message: `YAML syntax error: ${e.message.split("\n")[0]}`,
          line: pos.line,
          col: pos.col,
        };
      }),
    };
  }
  return { source: { file: display, data: doc.toJS(), doc, lines }, issues: [] };
}

/** An unclosed `[`/`{` is reported where the parser gave up: walk back to the line that opened it. */
function unclosedFlowLine(src: string[], line: number): number {
  const count = (t: string, c: string) => t.split(c).length - 1;
  for (let i = Math.min(line, src.length) - 1; i >= 0; i--) {
    const t = src[i]!.replace(/#.*$/, "");
    if (count(t, "[") > count(t, "]") || count(t, "{") > count(t, "}")) return i + 1;
  }
  return line;
}

/**
 * For a syntax error at `line`: the nearest preceding `id:` value and the nearest key at or above that line
 * (an unclosed bracket is reported where the parser gave up, often at the end of the file).
 */
function syntaxContext(src: string[], line: number): { item?: string; field?: string } {
  let item: string | undefined;
  for (let i = Math.min(line, src.length) - 1; i >= 0; i--) {
    const m = /^\s*-?\s*id:\s*["']?([^"'\s#]+)/.exec(src[i]!);
    if (m) {
      item = m[1];
      break;
    }
  }
  // the key at (or just above) the error line, then its parents by indentation up to the list item
  const KEY = /^(\s*)(-\s+)?([A-Za-z_][\w.-]*|"[^"]+")\s*:/;
  const keys: string[] = [];
  let indent = Infinity;
  for (let i = Math.min(line, src.length) - 1; i >= 0; i--) {
    const m = KEY.exec(src[i]!);
    if (!m) {
      if (keys.length === 0 && src[i]!.trim() !== "" && i < line - 1) break; // only skip blanks and the error line
      continue;
    }
    const ind = m[1]!.length + (m[2]?.length ?? 0);
    const name = m[3]!.replace(/"/g, "");
    if (m[2] && ind <= indent) {
      if (keys.length === 0) keys.unshift(name);
      break; // reached the list item the field belongs to
    }
    if (ind >= indent) continue;
    indent = ind;
    keys.unshift(name);
    if (ind === 0) break;
  }
  return { item, field: keys.length ? keys.join(".") : undefined };
}

/** Line/column of the key or node at `path` (or of its nearest existing parent). */
export function locate(src: YamlSource, path: PathSeg[]): { line?: number; col?: number } {
  if (src.lines.lineStarts.length === 0) return {}; // data that did not come from a file
  const parent = path.length > 0 ? src.doc.getIn(path.slice(0, -1), true) : undefined;
  if (isMap(parent)) {
    const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(path[path.length - 1]));
    if (pair && isNode(pair.key) && pair.key.range) {
      const p = src.lines.linePos(pair.key.range[0]);
      return { line: p.line, col: p.col };
    }
  }
  for (let n = path.length; n >= 0; n--) {
    const node = src.doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) {
      const p = src.lines.linePos(node.range[0]);
      return { line: p.line, col: p.col };
    }
  }
  return {};
}

/** `a.b[2].c` from path segments. */
export function fieldName(path: PathSeg[]): string {
  let s = "";
  for (const seg of path) s += typeof seg === "number" ? `[${seg}]` : s ? `.${seg}` : seg;
  return s;
}

// ---- JSON Schema (ajv, draft 2020-12) --------------------------------------------------------------------

// ajv is CommonJS: under NodeNext its class is the module's `default`.
type AjvClass = typeof Ajv2020Module.default;
const Ajv2020: AjvClass =
  (Ajv2020Module as unknown as { default?: AjvClass }).default ?? (Ajv2020Module as unknown as AjvClass);

type AddFormats = (ajv: InstanceType<AjvClass>) => void;
const addFormats: AddFormats =
  (addFormatsModule as unknown as { default?: AddFormats }).default ?? (addFormatsModule as unknown as AddFormats);

/** The one ajv setup: all errors, strict schemas; `formats` adds date-time, uri, … (ajv-formats). */
export function makeAjv(opts: { formats?: boolean } = {}): InstanceType<AjvClass> {
  const ajv = new Ajv2020({
    allErrors: true,
    verbose: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
  });
  if (opts.formats) addFormats(ajv);
  return ajv;
}

/** Turns a data path into the item it belongs to and the field inside it (for messages). */
export type ItemLabel = (path: PathSeg[]) => { item?: string; rest: PathSeg[] };

/** No items: the whole path is the field. */
export const noItems: ItemLabel = (path) => ({ rest: path });

/** `list[3].field` → item "<noun><value of list[3].idKey>", field "field". */
export function listItemLabel(data: unknown, listKey: string, idKey: string, noun = ""): ItemLabel {
  return (path) => {
    if (path[0] !== listKey || typeof path[1] !== "number") return { rest: path };
    const entry = (data as Record<string, unknown[]>)[listKey]?.[path[1]] as Record<string, unknown> | undefined;
    const id =
      entry && (typeof entry[idKey] === "string" || typeof entry[idKey] === "number")
        ? String(entry[idKey])
        : `#${path[1] + 1} (no valid ${idKey})`;
    return { item: `${noun}${id}`, rest: path.slice(2) };
  };
}

/** `map.label.field` → item "map.label", field "field", for files whose entries are keyed by label. */
export function mapItemLabel(...mapKeys: string[]): ItemLabel {
  return (path) =>
    typeof path[0] === "string" && mapKeys.includes(path[0]) && path.length > 1
      ? { item: `${path[0]}.${String(path[1])}`, rest: path.slice(2) }
      : { rest: path };
}

/** Every schema error of one file (not only the first), each with item, field, line and column. */
export function schemaIssues(src: YamlSource, validate: ValidateFunction, label: ItemLabel = noItems): Issue[] {
  if (validate(src.data)) return [];
  const out: Issue[] = [];
  const seen = new Set<string>();
  for (const e of validate.errors ?? []) {
    const d = describeAjvError(e);
    if (!d) continue;
    const { item, rest } = label(d.path);
    const issue: Issue = {
      file: src.file,
      item,
      field: rest.length ? fieldName(rest) : undefined,
      message: d.message,
      ...locate(src, d.path),
    };
    const key = `${issue.item}|${issue.field}|${issue.message}`;
    if (!seen.has(key)) (seen.add(key), out.push(issue));
  }
  return out;
}

/** An issue at a data path of `src` (item and field from `label`, line and column from the file). */
export function issueAt(src: YamlSource, path: PathSeg[], message: string, label: ItemLabel = noItems): Issue {
  const { item, rest } = label(path);
  return { file: src.file, item, field: rest.length ? fieldName(rest) : undefined, message, ...locate(src, path) };
}

/**
 * Reads and schema-checks a YAML or JSON file; throws a ValidationError listing every problem (`what` names the
 * kind of file: "PKI config", "vector manifest", …).
 */
export function loadYamlFile(
  path: string,
  display: string,
  what: string,
  validate: ValidateFunction,
  label: ItemLabel = noItems,
): YamlSource {
  const { source, issues } = readYaml(path, display);
  if (!source) throw new ValidationError(what, issues);
  const problems = schemaIssues(source, validate, label);
  if (problems.length) throw new ValidationError(what, problems);
  return source;
}

/** A YamlSource for data that did not come from a file (generated, or already parsed): no line numbers. */
export function sourceOf(data: unknown, display: string): YamlSource {
  const doc = parseDocument(JSON.stringify(data ?? null), { lineCounter: new LineCounter() }) as Document.Parsed;
  return { file: display, data, doc, lines: new LineCounter() };
}

/** An ajv error as (path, message), worded for people who edit YAML. */
export function describeAjvError(e: ErrorObject): { path: PathSeg[]; message: string } | undefined {
  const path: PathSeg[] = e.instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "if":
      return undefined; // the failing `then` is reported by its own error
    case "enum":
      return { path, message: `must be one of ${(p.allowedValues as unknown[]).join(", ")}` };
    case "const":
      return { path, message: `must be ${JSON.stringify(p.allowedValue)}` };
    case "additionalProperties": {
      const name = String(p.additionalProperty);
      const allowed = Object.keys(
        (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {},
      );
      const hint = closest(name, allowed);
      return {
        path: [...path, name],
        message: `unknown field${hint ? ` (did you mean "${hint}"?)` : ""} (allowed here: ${allowed.join(", ") || "none"})`,
      };
    }
    case "required":
      return { path: [...path, String(p.missingProperty)], message: "missing required field" };
    case "type":
      return { path, message: `must be ${String(p.type).replace(",", " or ")} (got ${kindOf(e.data)})` };
    case "pattern":
      return { path, message: `must match ${String(p.pattern)} (got ${JSON.stringify(e.data)})` };
    case "propertyNames":
      return undefined; // reported by the nested pattern error with the offending name
    default:
      return { path, message: e.message ?? e.keyword };
  }
}

function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v === "object" ? "object" : `${typeof v} ${JSON.stringify(v)}`;
}
