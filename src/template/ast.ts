// The parse tree of a template, shaped like Go's text/template/parse nodes.
import type { GoFloat } from "./values.js";

/** Every node records the offset of its first character, for error positions. */
interface At {
  readonly pos: number;
}

export type ListNode = readonly Node[];

export type Node = TextNode | ActionNode | IfNode | RangeNode | BreakNode | ContinueNode;

export interface TextNode extends At {
  readonly type: "text";
  readonly text: string;
}

/** `{{ pipeline }}`: prints the value unless the pipeline declares variables. */
export interface ActionNode extends At {
  readonly type: "action";
  readonly pipe: PipeNode;
}

/** `if` and `with` differ only in that `with` sets dot. */
export interface IfNode extends At {
  readonly type: "if" | "with";
  readonly pipe: PipeNode;
  readonly list: ListNode;
  readonly elseList: ListNode | undefined;
}

export interface RangeNode extends At {
  readonly type: "range";
  readonly pipe: PipeNode;
  readonly list: ListNode;
  readonly elseList: ListNode | undefined;
}

export interface BreakNode extends At {
  readonly type: "break";
}

export interface ContinueNode extends At {
  readonly type: "continue";
}

export interface PipeNode extends At {
  readonly type: "pipe";
  /** `$x = …` assigns existing variables; `$x := …` declares new ones. */
  readonly isAssign: boolean;
  readonly decl: readonly VariableNode[];
  readonly cmds: readonly CommandNode[];
}

export interface CommandNode extends At {
  readonly type: "command";
  readonly args: readonly ArgNode[];
}

export type ArgNode =
  | FieldNode
  | VariableNode
  | ChainNode
  | IdentifierNode
  | DotNode
  | NilNode
  | BoolNode
  | NumberNode
  | StringNode
  | PipeNode;

/** A chain of field names with the offset of each, so a missing one is pointed at precisely. */
export interface FieldPath {
  readonly names: readonly string[];
  readonly positions: readonly number[];
}

/** `.A.B`: fields of dot. */
export interface FieldNode extends At {
  readonly type: "field";
  readonly fields: FieldPath;
}

/** `$x.A.B`: a variable and optional fields. */
export interface VariableNode extends At {
  readonly type: "variable";
  readonly name: string;
  readonly fields: FieldPath;
}

/** `(pipeline).A.B`: fields of a parenthesised value. */
export interface ChainNode extends At {
  readonly type: "chain";
  readonly node: ArgNode;
  readonly fields: FieldPath;
}

export interface IdentifierNode extends At {
  readonly type: "identifier";
  readonly name: string;
}

export interface DotNode extends At {
  readonly type: "dot";
}

export interface NilNode extends At {
  readonly type: "nil";
}

export interface BoolNode extends At {
  readonly type: "bool";
  readonly value: boolean;
}

export interface NumberNode extends At {
  readonly type: "number";
  readonly text: string;
  readonly value: number | bigint | GoFloat;
}

export interface StringNode extends At {
  readonly type: "string";
  readonly quoted: string;
  readonly value: string;
}

/** The source text of an operand, for messages such as `can't give argument to non-function .Os`. */
export function describeArg(node: ArgNode): string {
  switch (node.type) {
    case "field":
      return `.${node.fields.names.join(".")}`;
    case "variable":
      return [node.name, ...node.fields.names].join(".");
    case "chain":
      return `(${describeArg(node.node)}).${node.fields.names.join(".")}`;
    case "identifier":
      return node.name;
    case "dot":
      return ".";
    case "nil":
      return "nil";
    case "bool":
      return String(node.value);
    case "number":
      return node.text;
    case "string":
      return node.quoted;
    case "pipe":
      return `(${node.cmds.map((cmd) => cmd.args.map(describeArg).join(" ")).join(" | ")})`;
  }
}
