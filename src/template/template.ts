// Parse once, render many times: the Template object, the render options and the static field scan.
import type { ArgNode, ListNode, PipeNode } from "./ast.js";
import { BUILTINS } from "./builtins.js";
import type { TemplateSource } from "./errors.js";
import { execute } from "./evaluator.js";
import type { CallContext, TemplateFunction } from "./function-types.js";
import { formatGoTime, GoTime } from "./go-time.js";
import { GORELEASER_FUNCTIONS } from "./goreleaser-functions.js";
import { parse } from "./parser.js";
import { asStrings, isPlainObject, type StringMap } from "./values.js";

/** The fields a template sees as `.Name`; nested plain objects are reached with `.A.B`. */
export type TemplateData = Readonly<Record<string, unknown>>;

export interface RenderOptions {
  /** Variables for `.Env`, `envOrDefault` and `isEnvSet`; defaults to `data.Env`, else none. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The clock behind `.Date`, `.Now`, `.Timestamp` and `time`; defaults to the system clock. */
  readonly now?: () => Date;
  /** Called once per render for each wall-clock value used: ".Date", ".Now", ".Timestamp" or "time". */
  readonly onNondeterministic?: (what: string) => void;
  /** The directory `abs` resolves against; defaults to the process's working directory. */
  readonly cwd?: string;
  /**
   * Reads a file for `readFile`, `mustReadFile` and the hash functions, which fail without it.
   * It gets the path as written; GoReleaser expands a leading `~/` to the home directory.
   */
  readonly readFile?: (path: string) => Uint8Array | string;
}

const FUNCTIONS: Readonly<Record<string, TemplateFunction>> = { ...BUILTINS, ...GORELEASER_FUNCTIONS };
const FUNCTION_NAMES: ReadonlySet<string> = new Set(Object.keys(FUNCTIONS));
const WALL_CLOCK_FIELDS = new Set(["Date", "Now", "Timestamp"]);

/** A parsed template; parsing already reported syntax errors, unknown functions and variables. */
export class Template {
  readonly name: string;
  readonly source: string;
  /** The parse tree, for static checks such as {@link referencedFields}. */
  readonly tree: ListNode;

  constructor(source: string, name: string) {
    this.name = name;
    this.source = source;
    this.tree = parse(this.#templateSource(), FUNCTION_NAMES);
  }

  #templateSource(): TemplateSource {
    return { name: this.name, text: this.source };
  }

  /** Renders with `data` as dot; throws a TemplateError for a missing field or a failing call. */
  render(data: TemplateData = {}, options: RenderOptions = {}): string {
    const reported = new Set<string>();
    const notify = (what: string) => {
      if (reported.has(what)) return;
      reported.add(what);
      options.onNondeterministic?.(what);
    };
    const clock = options.now ?? (() => new Date());
    let renderTime: Date | undefined;
    const now = () => {
      renderTime ??= clock();
      return renderTime;
    };
    const env = resolveEnv(data, options);
    const root = buildRoot(data, env, now);
    const context: CallContext = {
      env,
      now: clock,
      nondeterministic: notify,
      cwd: options.cwd ?? process.cwd(),
      readFile: options.readFile,
    };
    return execute(this.tree, {
      source: this.#templateSource(),
      functions: FUNCTIONS,
      context,
      root,
      envMap: root.Env as object,
      onRootField: (name) => {
        if (WALL_CLOCK_FIELDS.has(name)) notify(`.${name}`);
      },
    });
  }
}

export function parseTemplate(source: string, name: string): Template {
  return new Template(source, name);
}

export function renderTemplate(
  source: string,
  data: TemplateData = {},
  options: RenderOptions & { readonly name?: string } = {},
): string {
  return parseTemplate(source, options.name ?? "template").render(data, options);
}

function resolveEnv(data: TemplateData, options: RenderOptions): StringMap {
  const source = options.env ?? (isPlainObject(data.Env) ? (data.Env as Record<string, unknown>) : {});
  const env: Record<string, string> = asStrings({});
  for (const [key, value] of Object.entries(source)) if (typeof value === "string") env[key] = value;
  return env;
}

/**
 * The data plus what GoReleaser always provides: `.Env`, and the run time as `.Date` (RFC 3339),
 * `.Now` and `.Timestamp`, computed only if a template reads them.
 */
function buildRoot(data: TemplateData, env: StringMap, now: () => Date): Record<string, unknown> {
  const root: Record<string, unknown> = { Env: env };
  const lazy = (name: string, get: () => unknown) =>
    Object.defineProperty(root, name, { get, enumerable: true, configurable: true });
  lazy("Date", () => formatGoTime(now(), "2006-01-02T15:04:05Z07:00"));
  lazy("Now", () => new GoTime(now()));
  lazy("Timestamp", () => Math.floor(now().getTime() / 1000));
  for (const [key, value] of Object.entries(data)) {
    // .Env is always the resolved string map, so that it agrees with envOrDefault and isEnvSet.
    if (key === "Env") continue;
    Object.defineProperty(root, key, { value, enumerable: true, configurable: true, writable: true });
  }
  return root;
}

/**
 * The top-level fields a template reads (`.Os`, `$.Version`), sorted, so that callers can check
 * them before a release starts. Fields read inside `with` or `range`, where dot is another
 * value, are not top-level and are not listed.
 */
export function referencedFields(template: Template): string[] {
  const found = new Set<string>();
  const visitArg = (arg: ArgNode, dotIsRoot: boolean): void => {
    if (arg.type === "field" && dotIsRoot) found.add(arg.fields.names[0]!);
    else if (arg.type === "variable" && arg.name === "$" && arg.fields.names.length > 0)
      found.add(arg.fields.names[0]!);
    else if (arg.type === "chain") visitArg(arg.node, dotIsRoot);
    else if (arg.type === "pipe") visitPipe(arg, dotIsRoot);
  };
  const visitPipe = (pipe: PipeNode, dotIsRoot: boolean): void => {
    for (const cmd of pipe.cmds) for (const arg of cmd.args) visitArg(arg, dotIsRoot);
  };
  const visitList = (list: ListNode | undefined, dotIsRoot: boolean): void => {
    for (const node of list ?? []) {
      if (node.type === "action") visitPipe(node.pipe, dotIsRoot);
      if (node.type !== "if" && node.type !== "with" && node.type !== "range") continue;
      visitPipe(node.pipe, dotIsRoot);
      visitList(node.list, dotIsRoot && node.type === "if");
      visitList(node.elseList, dotIsRoot);
    }
  };
  visitList(template.tree, true);
  return [...found].sort();
}
