// Walks the parse tree: text, actions, if/with/range with else branches, break and continue;
// range visits map keys in sorted order, as Go does.
import type { ListNode, Node, RangeNode } from "./ast.js";
import { type Execution, ExpressionEvaluator } from "./expression-evaluator.js";
import { sprint } from "./go-fmt.js";
import { isTrue, kindOf, sortedKeys, typeName } from "./values.js";

type Signal = "break" | "continue" | undefined;

export function execute(list: ListNode, execution: Execution): string {
  const evaluator = new Evaluator(execution);
  evaluator.walkList(execution.root, list);
  return evaluator.out;
}

class Evaluator extends ExpressionEvaluator {
  out = "";

  walkList(dot: unknown, list: ListNode): Signal {
    for (const node of list) {
      const signal = this.walk(dot, node);
      if (signal) return signal;
    }
    return undefined;
  }

  private walk(dot: unknown, node: Node): Signal {
    switch (node.type) {
      case "text":
        this.out += node.text;
        return undefined;
      case "action": {
        const value = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.out += this.printable(value, node.pipe.pos);
        return undefined;
      }
      case "if":
      case "with": {
        const mark = this.vars.length;
        try {
          const value = this.evalPipeline(dot, node.pipe);
          if (isTrue(value)) return this.walkList(node.type === "with" ? value : dot, node.list);
          return node.elseList ? this.walkList(dot, node.elseList) : undefined;
        } finally {
          this.vars.length = mark;
        }
      }
      case "range":
        this.walkRange(dot, node);
        return undefined;
      default:
        return node.type;
    }
  }

  private walkRange(dot: unknown, node: RangeNode): void {
    const mark = this.vars.length;
    const { decl, isAssign } = node.pipe;
    const value = this.evalPipeline(dot, { ...node.pipe, decl: [] });
    const { count, entries } = this.rangeEntries(value, node);
    try {
      if (count === 0) {
        if (!isAssign) for (const variable of decl) this.vars.push({ name: variable.name, value });
        if (node.elseList) this.walkList(dot, node.elseList);
        return;
      }
      for (const [key, element] of entries) {
        // With one variable it gets the element; with two, the index (or key) and the element.
        const values = decl.length === 2 ? [key, element] : [element];
        decl.forEach((variable, i) => {
          if (isAssign) this.setVar(variable.name, values[i]);
          else this.vars.push({ name: variable.name, value: values[i] });
        });
        const signal = this.walkList(element, node.list);
        this.vars.length = mark;
        if (signal === "break") break;
      }
    } finally {
      this.vars.length = mark;
    }
  }

  /** What range walks; an integer n counts lazily, so a large one costs no memory up front. */
  private rangeEntries(
    value: unknown,
    node: RangeNode,
  ): { count: number; entries: Iterable<[unknown, unknown]> } {
    switch (kindOf(value)) {
      case "array": {
        const list = value as unknown[];
        return { count: list.length, entries: list.map((element, i) => [i, element]) };
      }
      case "map": {
        const map = value as Record<string, unknown>;
        const keys = sortedKeys(map);
        return { count: keys.length, entries: keys.map((key) => [key, map[key]]) };
      }
      case "int": {
        if (node.pipe.decl.length > 1) {
          this.fail(node.pipe.pos, `can't use ${sprint([value])} to iterate over more than one variable`);
        }
        const count = Math.max(0, Number(value));
        return { count, entries: countTo(count) };
      }
      case "invalid":
        return { count: 0, entries: [] };
      default:
        this.fail(node.pipe.pos, `range can't iterate over ${sprint([value])}`);
    }
  }

  private printable(value: unknown, pos: number): string {
    if (kindOf(value) === "func") this.fail(pos, `can't print a value of type ${typeName(value)}`);
    return kindOf(value) === "invalid" ? "<no value>" : sprint([value]);
  }
}

function* countTo(count: number): Generator<[unknown, unknown]> {
  for (let i = 0; i < count; i++) yield [undefined, i];
}
