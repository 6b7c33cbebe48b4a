// Dependency strings ("foo", "foo >= 1.2", "foo (>= 1.2)") as rpm's name, flags and version arrays.
import { SENSE } from "./tags.js";

export interface Relation {
  readonly name: string;
  readonly flags: number;
  readonly version: string;
}

const OPERATORS: Readonly<Record<string, number>> = {
  "<": SENSE.less,
  "<=": SENSE.less | SENSE.equal,
  "=": SENSE.equal,
  "==": SENSE.equal,
  ">=": SENSE.greater | SENSE.equal,
  ">": SENSE.greater,
  "<<": SENSE.less,
  ">>": SENSE.greater,
};

/** Parses one relation; throws with the text when the operator is not one rpm knows. */
export function parseRelation(text: string): Relation {
  const match = /^\s*([^\s(<>=]+)\s*\(?\s*(<<|>>|<=|>=|==|<|>|=)?\s*([^\s)]*)\s*\)?\s*$/.exec(text);
  if (!match)
    throw new Error(`cannot read the dependency ${JSON.stringify(text)}: write "name" or "name >= version"`);
  const [, name = "", operator, version = ""] = match;
  if (operator === undefined) {
    if (version !== "") throw new Error(`dependency ${JSON.stringify(text)} has a version but no operator`);
    return { name, flags: 0, version: "" };
  }
  return { name, flags: OPERATORS[operator] ?? 0, version };
}
