// Evaluates pipelines, commands, fields and calls as Go's text/template does with missingkey=error
// (as GoReleaser runs it): a missing field is an error, with the nearest known name as a hint.
import { type ArgNode, describeArg, type FieldPath, type PipeNode } from "./ast.js";
import { fail, suggest, TemplateError, type TemplateSource } from "./errors.js";
import type { CallContext, ParamType, TemplateFunction } from "./function-types.js";
import { isStringList, isStringMap, isTrue, kindOf, methodOf, typeName } from "./values.js";

/** The absence of a piped-in value, as opposed to a piped-in nil. */
const MISSING = Symbol("missing");
const ACCEPTS: Record<Exclude<ParamType, "any">, (value: unknown) => boolean> = {
  string: (value) => typeof value === "string",
  stringList: isStringList,
  stringMap: isStringMap,
};
const GO_TYPES: Record<ParamType, string> = {
  any: "interface {}",
  string: "string",
  stringList: "[]string",
  stringMap: "map[string]string",
};
type Final = unknown;

export interface Execution {
  readonly source: TemplateSource;
  readonly functions: Readonly<Record<string, TemplateFunction>>;
  readonly context: CallContext;
  /** The data as the template sees it, for messages about unknown top-level fields. */
  readonly root: Readonly<Record<string, unknown>>;
  /** The `.Env` map, whose missing keys are reported as unset environment variables. */
  readonly envMap: object;
  /** Called when a top-level field is read, to flag wall-clock fields. */
  readonly onRootField: (name: string) => void;
}

export class ExpressionEvaluator {
  protected readonly vars: { name: string; value: unknown }[];
  protected readonly x: Execution;

  constructor(execution: Execution) {
    this.x = execution;
    this.vars = [{ name: "$", value: execution.root }];
  }

  protected fail(pos: number, reason: string): never {
    fail(this.x.source, pos, reason);
  }

  protected evalPipeline(dot: unknown, pipe: PipeNode): unknown {
    let value: unknown = MISSING;
    for (const cmd of pipe.cmds) value = this.evalCommand(dot, cmd.args, value);
    for (const variable of pipe.decl) {
      if (pipe.isAssign) this.setVar(variable.name, value);
      else this.vars.push({ name: variable.name, value });
    }
    return value;
  }

  private evalCommand(dot: unknown, args: readonly ArgNode[], final: Final): unknown {
    const first = args[0]!;
    switch (first.type) {
      case "field":
        return this.evalFields(dot, dot, "", first.fields, args, final);
      case "chain": {
        const receiver = this.evalArg(dot, first.node);
        return this.evalFields(dot, receiver, describeArg(first.node), first.fields, args, final);
      }
      case "variable": {
        const value = this.lookupVar(first.name);
        if (first.fields.names.length === 0) break;
        return this.evalFields(dot, value, first.name, first.fields, args, final);
      }
      case "identifier":
        return this.evalFunction(dot, first.name, first.pos, args, final);
    }
    if (args.length > 1 || final !== MISSING) {
      this.fail(first.pos, `can't give argument to non-function ${describeArg(first)}`);
    }
    if (first.type === "nil") this.fail(first.pos, "nil is not a command");
    return this.evalArg(dot, first);
  }

  private evalArg(dot: unknown, node: ArgNode): unknown {
    switch (node.type) {
      case "dot":
        return dot;
      case "nil":
        return undefined;
      case "bool":
      case "number":
      case "string":
        return node.value;
      case "variable":
        return node.fields.names.length === 0
          ? this.lookupVar(node.name)
          : this.evalCommand(dot, [node], MISSING);
      case "pipe":
        return this.evalPipeline(dot, node);
      default:
        return this.evalCommand(dot, [node], MISSING);
    }
  }

  /** `.A.B.C` on a receiver; the last field gets the arguments if it is a method. */
  private evalFields(
    dot: unknown,
    receiver: unknown,
    base: string,
    fields: FieldPath,
    args: readonly ArgNode[],
    final: Final,
  ): unknown {
    let value = receiver;
    fields.names.forEach((name, i) => {
      const last = i === fields.names.length - 1;
      const parent = `${base}.${fields.names.slice(0, i).join(".")}`.replace(/\.$/, "") || ".";
      value = this.evalField(
        dot,
        value,
        name,
        fields.positions[i]!,
        parent,
        last ? args : [],
        last ? final : MISSING,
      );
    });
    return value;
  }

  private evalField(
    dot: unknown,
    receiver: unknown,
    name: string,
    pos: number,
    parent: string,
    args: readonly ArgNode[],
    final: Final,
  ): unknown {
    const hasArgs = args.length > 1 || final !== MISSING;
    if (receiver === this.x.root) this.x.onRootField(name);
    const kind = kindOf(receiver);
    if (kind === "map") {
      const map = receiver as Record<string, unknown>;
      if (Object.hasOwn(map, name) && typeof map[name] === "function") {
        return this.callFunction(dot, name, pos, map[name] as (...a: unknown[]) => unknown, args, final);
      }
      if (hasArgs) this.fail(pos, `${name} is not a method but has arguments`);
      if (Object.hasOwn(map, name)) return map[name];
      this.fail(pos, this.missingKey(map, name, parent));
    }
    const method = kind === "struct" ? methodOf(receiver as object, name) : undefined;
    if (method) {
      // A method takes exactly its declared parameters, as a Go method would.
      const params = Array.from({ length: method.length }, (): ParamType => "any");
      const call: TemplateFunction["call"] = (values) => method(...values);
      return this.callFunction(dot, name, pos, { params, call }, args, final);
    }
    if (kind === "invalid") this.fail(pos, `${parent} is nil, so it has no field ${name}`);
    this.fail(pos, `can't evaluate field ${name} in type ${typeName(receiver)} (${parent} is not a map)`);
  }

  private missingKey(map: Record<string, unknown>, name: string, parent: string): string {
    if (map === this.x.envMap) {
      return `environment variable ${name} is not set; set it, or write {{ envOrDefault "${name}" "default" }}`;
    }
    const prefix = parent === "." ? "." : `${parent}.`;
    const hint = suggest(name, Object.keys(map));
    if (hint) return `unknown field ${prefix}${name}; did you mean ${prefix}${hint}?`;
    const known = Object.keys(map)
      .sort()
      .map((key) => prefix + key);
    const list = known.length > 30 ? `${known.slice(0, 30).join(", ")}, …` : known.join(", ");
    return `unknown field ${prefix}${name}; ${known.length ? `known fields: ${list}` : `${parent} is empty`}`;
  }

  private evalFunction(
    dot: unknown,
    name: string,
    pos: number,
    args: readonly ArgNode[],
    final: Final,
  ): unknown {
    const f = this.x.functions[name]!;
    if (f.lazy) return this.evalAndOr(dot, name, pos, args, final);
    return this.callFunction(dot, name, pos, f, args, final);
  }

  /** `and` stops at the first false argument and `or` at the first true one, returning it. */
  private evalAndOr(
    dot: unknown,
    name: string,
    pos: number,
    args: readonly ArgNode[],
    final: Final,
  ): unknown {
    if (args.length === 1 && final === MISSING)
      this.fail(pos, `wrong number of args for ${name}: want at least 1 got 0`);
    let value: unknown;
    for (const arg of args.slice(1)) {
      value = this.evalArg(dot, arg);
      if (isTrue(value) === (name === "or")) return value;
    }
    return final === MISSING ? value : final;
  }

  private callFunction(
    dot: unknown,
    name: string,
    pos: number,
    f: TemplateFunction | ((...args: unknown[]) => unknown),
    args: readonly ArgNode[],
    final: Final,
  ): unknown {
    const argNodes = args.slice(1);
    const count = argNodes.length + (final === MISSING ? 0 : 1);
    const params: readonly ParamType[] = typeof f === "function" ? [] : f.params;
    const variadic = typeof f === "function" ? "any" : f.variadic;
    if (variadic && count < params.length) {
      this.fail(pos, `wrong number of args for ${name}: want at least ${params.length} got ${count}`);
    }
    if (!variadic && count !== params.length)
      this.fail(pos, `wrong number of args for ${name}: want ${params.length} got ${count}`);
    const values = argNodes.map((node) => this.evalArg(dot, node));
    if (final !== MISSING) values.push(final);
    values.forEach((value, i) => {
      this.checkType(value, params[i] ?? variadic!, argNodes[i]?.pos ?? pos);
    });
    try {
      return typeof f === "function" ? f(...values) : f.call(values, this.x.context);
    } catch (error) {
      if (error instanceof TemplateError) throw error;
      this.fail(pos, `error calling ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private checkType(value: unknown, type: ParamType, pos: number): void {
    if (type === "any" || ACCEPTS[type](value)) return;
    if (kindOf(value) === "invalid") this.fail(pos, `invalid value; expected ${GO_TYPES[type]}`);
    this.fail(pos, `wrong type for value; expected ${GO_TYPES[type]}; got ${typeName(value)}`);
  }

  private lookupVar(name: string): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--)
      if (this.vars[i]!.name === name) return this.vars[i]!.value;
    return undefined;
  }

  protected setVar(name: string, value: unknown): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.value = value;
        return;
      }
    }
  }
}
