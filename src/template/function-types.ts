// The shape of a template function: typed parameters checked like Go's, and what a call can reach.
import type { StringMap } from "./values.js";

/** Go parameter types: `stringList` is a []string and `stringMap` a map[string]string. */
export type ParamType = "any" | "string" | "stringList" | "stringMap";

/** What a function may use besides its arguments; everything outside the template is injected. */
export interface CallContext {
  readonly env: StringMap;
  now(): Date;
  /** Records that the output now depends on the wall clock. */
  nondeterministic(what: string): void;
  readonly cwd: string;
  readonly readFile: ((path: string) => Uint8Array | string) | undefined;
}

export interface TemplateFunction {
  readonly params: readonly ParamType[];
  /** The type of any further arguments; absent for a fixed number of parameters. */
  readonly variadic?: ParamType;
  /** `and` and `or` evaluate their arguments one by one; the evaluator runs them itself. */
  readonly lazy?: boolean;
  /** Throws an Error whose message becomes `error calling <name>: <message>`. */
  readonly call: (args: unknown[], context: CallContext) => unknown;
}

export function fn(
  params: readonly ParamType[],
  call: TemplateFunction["call"],
  variadic?: ParamType,
): TemplateFunction {
  return variadic === undefined ? { params, call } : { params, call, variadic };
}
