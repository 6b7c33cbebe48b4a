// Builds the parse tree from tokens with Go's grammar and checks what Go checks at parse time:
// unknown functions, undefined variables, misplaced {{else}}/{{end}}/{{break}}, unclosed blocks.
import type { IfNode, ListNode, Node, RangeNode } from "./ast.js";
import type { TemplateSource } from "./errors.js";
import { ExpressionParser } from "./expression-parser.js";
import { lex } from "./lexer.js";

/** What ends an item list: `{{end}}` or `{{else}}` (which may be followed by a pending if/with). */
interface Marker {
  readonly type: "end" | "else";
  readonly pos: number;
}

export function parse(source: TemplateSource, functions: ReadonlySet<string>): ListNode {
  return new Parser(source, lex(source), functions).parseTemplate();
}

class Parser extends ExpressionParser {
  private rangeDepth = 0;

  parseTemplate(): ListNode {
    const list: Node[] = [];
    while (this.peek().type !== "eof") {
      const node = this.textOrAction();
      if (isMarker(node)) {
        this.fail(
          node.pos,
          `unexpected {{${node.type}}}: there is no {{if}}, {{with}} or {{range}} to close`,
        );
      }
      list.push(node);
    }
    return list;
  }

  private textOrAction(): Node | Marker {
    const token = this.nextNonSpace();
    if (token.type === "text") return { type: "text", pos: token.pos, text: token.value };
    if (token.type === "leftDelim") return this.action(token.pos);
    this.unexpected(token, "input");
  }

  /** Nodes up to the `{{end}}` or `{{else}}` that closes the block opened at `start`. */
  private itemList(keyword: string, start: number): { list: ListNode; marker: Marker } {
    const list: Node[] = [];
    while (this.peekNonSpace().type !== "eof") {
      const node = this.textOrAction();
      if (isMarker(node)) return { list, marker: node };
      list.push(node);
    }
    this.fail(start, `unclosed {{${keyword}}}: missing {{end}}`);
  }

  private action(start: number): Node | Marker {
    const token = this.nextNonSpace();
    if (token.type === "keyword") {
      switch (token.value) {
        case "break":
        case "continue":
          this.expect("rightDelim", `{{${token.value}}}`);
          if (this.rangeDepth === 0) this.fail(token.pos, `{{${token.value}}} outside {{range}}`);
          return { type: token.value, pos: token.pos };
        case "else": {
          const next = this.peekNonSpace();
          // Leave a following if/with pending: the enclosing block parses it as an else-if chain.
          if (next.type !== "keyword" || (next.value !== "if" && next.value !== "with")) {
            this.expect("rightDelim", "{{else}}");
          }
          return { type: "else", pos: start };
        }
        case "end":
          this.expect("rightDelim", "{{end}}");
          return { type: "end", pos: start };
        case "if":
        case "with":
        case "range":
          return this.control(token.value, start);
        default:
          this.fail(token.pos, `{{${token.value}}} is not supported: a goship template is a single text`);
      }
    }
    this.i--;
    return { type: "action", pos: start, pipe: this.pipeline("command", "rightDelim") };
  }

  private control(keyword: "if" | "with" | "range", start: number): IfNode | RangeNode {
    const outerVars = this.vars.length;
    const pipe = this.pipeline(keyword, "rightDelim");
    const pipeVars = this.vars.length;
    if (keyword === "range") this.rangeDepth++;
    const { list, marker } = this.itemList(keyword, start);
    if (keyword === "range") this.rangeDepth--;
    // Variables declared in the body end there; those of the pipeline are also seen by else.
    this.vars.length = pipeVars;
    let elseList: ListNode | undefined;
    if (marker.type === "else") {
      const next = this.peek();
      if (next.type === "keyword" && (next.value === "if" || next.value === "with")) {
        if (next.value !== keyword) {
          this.fail(
            next.pos,
            `{{else ${next.value}}} is not allowed in {{${keyword}}}; use {{else}}{{${next.value} …}}`,
          );
        }
        this.i++;
        elseList = [this.control(keyword as "if" | "with", marker.pos)];
      } else {
        const rest = this.itemList(keyword, start);
        if (rest.marker.type !== "end")
          this.fail(rest.marker.pos, `expected {{end}}; found a second {{else}}`);
        elseList = rest.list;
      }
    }
    this.vars.length = outerVars;
    return { type: keyword, pos: start, pipe, list, elseList };
  }
}

function isMarker(node: Node | Marker): node is Marker {
  return node.type === "end" || node.type === "else";
}
