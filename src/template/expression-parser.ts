// The expression half of the parser: a cursor over tokens, pipelines, commands and operands,
// with Go's parse-time checks for unknown functions and undefined variables.
import {
  type ArgNode,
  type CommandNode,
  describeArg,
  type FieldPath,
  type PipeNode,
  type VariableNode,
} from "./ast.js";
import { fail, suggest, type TemplateSource } from "./errors.js";
import type { Token, TokenType } from "./lexer.js";
import { LiteralError, parseNumber, unquote } from "./literals.js";

const MAX_DEPTH = 1000;
const OPERAND_START: ReadonlySet<TokenType> = new Set([
  "bool",
  "charConstant",
  "dot",
  "field",
  "identifier",
  "leftParen",
  "nil",
  "number",
  "rawString",
  "string",
  "variable",
]);

export class ExpressionParser {
  protected i = 0;
  /** Variables in scope, innermost last; `$` is always defined. */
  protected vars = ["$"];
  private depth = 0;
  protected readonly source: TemplateSource;
  private readonly tokens: readonly Token[];
  private readonly functions: ReadonlySet<string>;

  constructor(source: TemplateSource, tokens: readonly Token[], functions: ReadonlySet<string>) {
    this.source = source;
    this.tokens = tokens;
    this.functions = functions;
  }

  protected fail(pos: number, reason: string): never {
    fail(this.source, pos, reason);
  }

  protected next(): Token {
    return this.tokens[this.i++] ?? this.tokens[this.tokens.length - 1]!;
  }

  protected peek(): Token {
    return this.tokens[this.i] ?? this.tokens[this.tokens.length - 1]!;
  }

  protected peekNonSpace(): Token {
    while (this.peek().type === "space") this.i++;
    return this.peek();
  }

  protected nextNonSpace(): Token {
    this.peekNonSpace();
    return this.next();
  }

  protected expect(type: TokenType, context: string): Token {
    const token = this.nextNonSpace();
    if (token.type !== type) this.unexpected(token, context);
    return token;
  }

  protected unexpected(token: Token, context: string): never {
    const what =
      token.type === "eof"
        ? "end of template"
        : token.type === "rightDelim"
          ? '"}}"'
          : JSON.stringify(token.value);
    this.fail(token.pos, `unexpected ${what} in ${context}`);
  }

  protected pipeline(context: string, end: "rightDelim" | "rightParen"): PipeNode {
    const pos = this.peekNonSpace().pos;
    const decl: VariableNode[] = [];
    let isAssign = false;
    for (;;) {
      const save = this.i;
      const variable = this.nextNonSpace();
      const next = this.peekNonSpace();
      if (variable.type !== "variable" || !["assign", "declare", "char"].includes(next.type)) {
        this.i = save;
        break;
      }
      this.i++;
      decl.push({
        type: "variable",
        pos: variable.pos,
        name: variable.value,
        fields: { names: [], positions: [] },
      });
      if (next.type === "char") {
        if (next.value !== ",") this.unexpected(next, context);
        if (context !== "range" || decl.length > 1)
          this.fail(next.pos, `too many declarations in ${context}`);
        if (this.peekNonSpace().type !== "variable")
          this.fail(next.pos, "range can only initialize variables");
        continue;
      }
      isAssign = next.type === "assign";
      break;
    }
    for (const variable of decl) {
      if (isAssign && !this.vars.includes(variable.name)) this.undefinedVariable(variable.pos, variable.name);
      if (!isAssign) this.vars.push(variable.name);
    }
    const cmds: CommandNode[] = [];
    for (;;) {
      const token = this.nextNonSpace();
      if (token.type === end) break;
      if (!OPERAND_START.has(token.type)) this.unexpected(token, context);
      this.i--;
      cmds.push(this.command());
      // Like Go, accept a "|" after the last command ({{ .Os | }}).
      if (this.peek().type === "pipe") this.i++;
    }
    if (cmds.length === 0) this.fail(pos, `missing value for ${context}`);
    cmds.forEach((cmd, index) => {
      const first = cmd.args[0]!;
      if (index > 0 && ["bool", "dot", "nil", "number", "string"].includes(first.type)) {
        this.fail(
          first.pos,
          `non executable command in pipeline stage ${index + 1}: a literal cannot take input`,
        );
      }
    });
    return { type: "pipe", pos, isAssign, decl, cmds };
  }

  private command(): CommandNode {
    const pos = this.peekNonSpace().pos;
    const args: ArgNode[] = [];
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) args.push(operand);
      const token = this.peek();
      if (token.type === "space") {
        this.i++;
        continue;
      }
      if (token.type === "rightDelim" || token.type === "rightParen" || token.type === "pipe") break;
      this.unexpected(token, "operand");
    }
    if (args.length === 0) this.fail(pos, "empty command");
    return { type: "command", pos, args };
  }

  private operand(): ArgNode | undefined {
    const node = this.term();
    if (!node || this.peek().type !== "field") return node;
    const names: string[] = [];
    const positions: number[] = [];
    while (this.peek().type === "field") {
      const token = this.next();
      names.push(token.value.slice(1));
      positions.push(token.pos);
    }
    const fields: FieldPath = { names, positions };
    switch (node.type) {
      case "field":
      case "variable":
        return { ...node, fields: concat(node.fields, fields) };
      case "bool":
      case "string":
      case "number":
      case "nil":
      case "dot":
        return this.fail(positions[0]!, `unexpected . after term ${describeArg(node)}`);
      default:
        return { type: "chain", pos: node.pos, node, fields };
    }
  }

  private term(): ArgNode | undefined {
    const token = this.nextNonSpace();
    const pos = token.pos;
    try {
      switch (token.type) {
        case "identifier":
          if (!this.functions.has(token.value)) this.unknownFunction(token);
          return { type: "identifier", pos, name: token.value };
        case "dot":
          return { type: "dot", pos };
        case "nil":
          return { type: "nil", pos };
        case "variable":
          if (!this.vars.includes(token.value)) this.undefinedVariable(pos, token.value);
          return { type: "variable", pos, name: token.value, fields: { names: [], positions: [] } };
        case "field":
          return { type: "field", pos, fields: { names: [token.value.slice(1)], positions: [pos] } };
        case "bool":
          return { type: "bool", pos, value: token.value === "true" };
        case "number":
        case "charConstant":
          return { type: "number", pos, text: token.value, value: parseNumber(token.value) };
        case "string":
        case "rawString":
          return { type: "string", pos, quoted: token.value, value: unquote(token.value) };
        case "leftParen":
          if (++this.depth > MAX_DEPTH) this.fail(pos, "max expression depth exceeded");
          try {
            return this.pipeline("parenthesized pipeline", "rightParen");
          } finally {
            this.depth--;
          }
      }
    } catch (error) {
      if (error instanceof LiteralError) this.fail(pos, error.message);
      throw error;
    }
    this.i--;
    return undefined;
  }

  private unknownFunction(token: Token): never {
    const hint = suggest(token.value, this.functions);
    this.fail(token.pos, `function "${token.value}" not defined${hint ? `; did you mean ${hint}?` : ""}`);
  }

  private undefinedVariable(pos: number, name: string): never {
    const hint = suggest(
      name,
      this.vars.filter((v) => v !== "$"),
    );
    this.fail(pos, `undefined variable "${name}"${hint ? `; did you mean ${hint}?` : ""}`);
  }
}

function concat(a: FieldPath, b: FieldPath): FieldPath {
  return { names: [...a.names, ...b.names], positions: [...a.positions, ...b.positions] };
}
