// One signing command, planned as GoReleaser runs it: `$artifact`, `$signature`, `$certificate`
// and `$artifactID` expanded first (os.Expand), then templates rendered.
import path from "node:path";
import type { SignEntry } from "./config.js";

/** Renders one template with extra `.Env` variables; the step supplies the release's fields. */
export type RenderTemplate = (template: string, key: string, env: Readonly<Record<string, string>>) => string;

export interface SignSubject {
  /** File name, as recorded in the release. */
  readonly name: string;
  /** Absolute path of the file to sign. */
  readonly file: string;
  /** The config id of what produced it ("" when none). */
  readonly id: string;
}

export interface SignJob {
  readonly cmd: string;
  readonly args: readonly string[];
  /** Variables added to the command's environment. */
  readonly env: Readonly<Record<string, string>>;
  readonly stdin: string | undefined;
  readonly stdinFile: string | undefined;
  readonly output: boolean;
  /** Absolute paths and release names of what the command must write. */
  readonly signature: { readonly file: string; readonly name: string } | undefined;
  readonly certificate: { readonly file: string; readonly name: string } | undefined;
}

/** Go's os.Expand over a map: `$name` and `${name}`, unknown names empty. */
export function expandVars(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(
    /\$(\{([^}]*)\}|([A-Za-z0-9_]+|[*#$@!?\-0-9]))/g,
    (_, __, braced: string | undefined, bare: string | undefined) => vars[braced ?? bare ?? ""] ?? "",
  );
}

const isTrue = (text: string) => text.trim() === "true";

/** The job for one artifact; `dir` is where relative signature paths land (the release's files). */
export function planSignJob(
  entry: SignEntry,
  subject: SignSubject,
  dir: string,
  render: RenderTemplate,
): SignJob {
  const key = (what: string) => `signs[${entry.id}].${what}`;
  const vars: Record<string, string> = {
    artifactName: subject.name,
    artifact: subject.file,
    artifactID: subject.id,
  };
  const added: Record<string, string> = {};
  for (const [i, line] of entry.env.entries()) {
    const rendered = render(expandVars(line, vars), key(`env[${i}]`), { ...vars, ...added });
    const eq = rendered.indexOf("=");
    if (eq > 0) added[rendered.slice(0, eq)] = rendered.slice(eq + 1);
  }
  Object.assign(vars, added);
  const place = (template: string, what: string) => {
    if (template === "") return undefined;
    const rendered = render(expandVars(template, vars), key(what), vars);
    if (rendered === "") return undefined;
    const file = path.resolve(dir, rendered);
    // The name shown in the release is rendered again with the artifact's name in place of its path.
    const name = path.basename(
      render(expandVars(template, { ...vars, artifact: subject.name }), key(what), vars),
    );
    return { file, name };
  };
  const signature = place(entry.signature, "signature");
  vars.signature = signature?.file ?? "";
  const certificate = place(entry.certificate, "certificate");
  vars.certificate = certificate?.file ?? "";
  const args = entry.args.map((arg, i) => render(expandVars(arg, vars), key(`args[${i}]`), vars));
  const stdin =
    entry.stdin === undefined ? undefined : render(expandVars(entry.stdin, vars), key("stdin"), vars);
  const output =
    typeof entry.output === "boolean" ? entry.output : isTrue(render(entry.output, key("output"), vars));
  return {
    cmd: entry.cmd,
    args,
    env: {
      ...added,
      artifact: subject.file,
      artifactID: subject.id,
      signature: vars.signature,
      certificate: vars.certificate,
    },
    stdin,
    stdinFile: entry.stdinFile,
    output,
    signature,
    certificate,
  };
}

/** Whether the entry's `if` lets this artifact through (an empty `if` always does). */
export function passesIf(
  entry: SignEntry,
  render: RenderTemplate,
  vars: Readonly<Record<string, string>>,
): boolean {
  return entry.if === "" || isTrue(render(entry.if, `signs[${entry.id}].if`, vars));
}

/** Replaces every secret-looking variable's value in command output before it is shown. */
export function redact(text: string, env: Readonly<Record<string, string | undefined>>): string {
  let out = text;
  for (const [name, value] of Object.entries(env)) {
    if (value && value.length >= 4 && /KEY|TOKEN|PASS|SECRET|PASSWORD|PRIVATE/i.test(name)) {
      out = out.split(value).join("[redacted]");
    }
  }
  return out;
}
