// Reads a package's Go source for the one question `-X` raises: is there a package-level string
// variable of this name whose initializer is constant? The linker silently does nothing otherwise
// (golang/go#20649, #30782, #37369), so goship warns before building.

export type StampProblem =
  | { kind: "ok" }
  | { kind: "missing" }
  | { kind: "constant" }
  | { kind: "not-string"; type: string }
  | { kind: "non-constant"; initializer: string }
  | { kind: "unused" };

interface Token {
  readonly text: string;
  readonly kind: "ident" | "string" | "number" | "punct" | "newline";
}

export interface Spec {
  readonly keyword: "var" | "const";
  readonly names: readonly string[];
  readonly type: readonly Token[];
  readonly values: readonly (readonly Token[])[];
}

/** Checks `name` against the package's files (their contents). */
export function checkStampTarget(sources: readonly string[], name: string): StampProblem {
  const problem = checkDeclaration(sources, name);
  // Nothing else in a main package can read an unexported variable that its own files never
  // read; the linker then drops it and the stamped value with it.
  if (problem.kind === "ok" && !/^\p{Lu}/u.test(name) && !isReadIn(sources, name)) return { kind: "unused" };
  return problem;
}

function checkDeclaration(sources: readonly string[], name: string): StampProblem {
  const specs = sources.flatMap((source) => topLevelSpecs(tokenize(source)));
  const constants = new Set(specs.filter((s) => s.keyword === "const").flatMap((s) => s.names));
  const spec = specs.find((s) => s.names.includes(name));
  if (!spec) return { kind: "missing" };
  if (spec.keyword === "const") return { kind: "constant" };
  const type = spec.type.map((t) => t.text).join("");
  if (type !== "" && type !== "string") return { kind: "not-string", type };
  if (spec.values.length === 0) return { kind: "ok" };
  const value =
    spec.values.length === spec.names.length ? spec.values[spec.names.indexOf(name)]! : spec.values.flat();
  const constant = value.every(
    (t) =>
      t.kind === "string" ||
      (t.kind === "punct" && "+()".includes(t.text)) ||
      (t.kind === "ident" && constants.has(t.text)),
  );
  if (constant) return { kind: "ok" };
  const kind = type === "" ? obviousType(value) : undefined;
  return kind ? { kind: "not-string", type: kind } : { kind: "non-constant", initializer: joinTokens(value) };
}

/** The type of an initializer that plainly is not a string (`flag.Bool(…)`, `5`, `&x`), if any. */
function obviousType(value: readonly Token[]): string | undefined {
  const [first, second, third] = value;
  if (!first) return undefined;
  if (first.kind === "number") return "a number";
  if (first.text === "&" || first.text === "new") return "a pointer";
  if (first.text === "true" || first.text === "false") return "bool";
  if (["[", "map", "func", "struct", "chan", "make"].includes(first.text)) return "not string";
  if (first.kind === "ident" && second?.text === "." && ["flag", "pflag", "kingpin"].includes(first.text))
    return `the pointer ${first.text}.${third?.text ?? ""}(…) returns`;
  if (value.at(-1)?.text === "}" && value.some((t) => t.text === "{")) return "a composite literal";
  return undefined;
}

/** Whether `name` appears in the files other than where it is declared (a rough but safe test). */
function isReadIn(sources: readonly string[], name: string): boolean {
  let uses = 0;
  for (const source of sources) {
    const tokens = tokenize(source);
    tokens.forEach((t, i) => {
      if (t.kind === "ident" && t.text === name && tokens[i - 1]?.text !== ".") uses++;
    });
  }
  return uses > 1;
}

/** Source-like text of a token run: a space only between two words. */
function joinTokens(tokens: readonly Token[]): string {
  let out = "";
  tokens.forEach((token, i) => {
    const previous = tokens[i - 1];
    const word = (t: Token | undefined) => t !== undefined && t.kind !== "punct";
    out += `${word(previous) && word(token) ? " " : ""}${token.text}`;
  });
  return out;
}

/** The var and const specs at the top level of one file. */
export function topLevelSpecs(tokens: readonly Token[]): Spec[] {
  const specs: Spec[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === "punct" && "({[".includes(token.text)) depth++;
    else if (token.kind === "punct" && ")}]".includes(token.text)) depth--;
    else if (depth === 0 && token.kind === "ident" && (token.text === "var" || token.text === "const")) {
      const keyword = token.text;
      if (tokens[i + 1]?.text === "(") {
        const end = closing(tokens, i + 1);
        for (const line of splitTopLevel(
          tokens.slice(i + 2, end),
          (t) => t.kind === "newline" || t.text === ";",
        )) {
          if (line.length > 0) specs.push(parseSpec(keyword, line));
        }
        i = end;
      } else {
        let end = i + 1;
        let nesting = 0;
        while (
          end < tokens.length &&
          !(nesting === 0 && (tokens[end]!.kind === "newline" || tokens[end]!.text === ";"))
        ) {
          if ("({[".includes(tokens[end]!.text)) nesting++;
          if (")}]".includes(tokens[end]!.text)) nesting--;
          end++;
        }
        specs.push(parseSpec(keyword, tokens.slice(i + 1, end)));
        i = end;
      }
    }
  }
  return specs;
}

function parseSpec(keyword: "var" | "const", tokens: readonly Token[]): Spec {
  const names: string[] = [];
  let i = 0;
  while (i < tokens.length && tokens[i]!.kind === "ident") {
    names.push(tokens[i]!.text);
    if (tokens[i + 1]?.text !== ",") break;
    i += 2;
  }
  i++;
  const eq = tokens.findIndex((t, j) => j >= i && t.text === "=");
  const type = tokens.slice(i, eq < 0 ? tokens.length : eq).filter((t) => t.kind !== "newline");
  const values =
    eq < 0
      ? []
      : splitTopLevel(
          tokens.slice(eq + 1).filter((t) => t.kind !== "newline"),
          (t) => t.text === ",",
        );
  return { keyword, names, type, values };
}

function splitTopLevel(tokens: readonly Token[], isSeparator: (t: Token) => boolean): Token[][] {
  const parts: Token[][] = [[]];
  let nesting = 0;
  for (const token of tokens) {
    if ("({[".includes(token.text) && token.kind === "punct") nesting++;
    if (")}]".includes(token.text) && token.kind === "punct") nesting--;
    if (nesting === 0 && isSeparator(token)) parts.push([]);
    else if (token.kind !== "newline" || nesting > 0) parts.at(-1)!.push(token);
  }
  return parts;
}

function closing(tokens: readonly Token[], open: number): number {
  let nesting = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i]!.kind !== "punct") continue;
    if ("({[".includes(tokens[i]!.text)) nesting++;
    if (")}]".includes(tokens[i]!.text) && --nesting === 0) return i;
  }
  return tokens.length;
}

/** Go tokens, enough for declarations: comments dropped, strings kept whole, newlines kept. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === "\n") {
      tokens.push({ text: "\n", kind: "newline" });
      i++;
    } else if (/\s/.test(c)) i++;
    else if (source.startsWith("//", i))
      i = source.indexOf("\n", i) < 0 ? source.length : source.indexOf("\n", i);
    else if (source.startsWith("/*", i)) {
      const end = source.indexOf("*/", i + 2);
      const comment = source.slice(i, end < 0 ? source.length : end + 2);
      if (comment.includes("\n")) tokens.push({ text: "\n", kind: "newline" });
      i += comment.length;
    } else if (c === '"' || c === "'" || c === "`") {
      let j = i + 1;
      while (j < source.length && source[j] !== c) j += c !== "`" && source[j] === "\\" ? 2 : 1;
      tokens.push({ text: source.slice(i, j + 1), kind: c === "'" ? "number" : "string" });
      i = j + 1;
    } else if (/[\p{L}_]/u.test(c)) {
      const match = /^[\p{L}\p{N}_]+/u.exec(source.slice(i, i + 256))!;
      tokens.push({ text: match[0], kind: "ident" });
      i += match[0].length;
    } else if (/[0-9]/.test(c)) {
      const match = /^[0-9a-zA-Z_.]+/.exec(source.slice(i, i + 256))!;
      tokens.push({ text: match[0], kind: "number" });
      i += match[0].length;
    } else {
      tokens.push({ text: c, kind: "punct" });
      i++;
    }
  }
  return tokens;
}

export function describeStampProblem(flag: string, pkg: string, problem: StampProblem): string | undefined {
  const name = flag.slice(flag.lastIndexOf(".") + 1);
  switch (problem.kind) {
    case "ok":
      return undefined;
    case "missing":
      return `-X ${flag} will do nothing: ${pkg} has no package-level variable "${name}"; declare \`var ${name} string\` or fix the name`;
    case "constant":
      return `-X ${flag} will do nothing: "${name}" in ${pkg} is a constant; make it \`var ${name} string\``;
    case "not-string":
      return `-X ${flag} breaks the build: "${name}" in ${pkg} is ${problem.type.startsWith("the ") || problem.type.startsWith("a ") ? problem.type : `of type ${problem.type}`}; -X sets only string variables: stamp another variable (\`var ${name}String string\`) or remove the stamp`;
    case "unused":
      return `-X ${flag} will land nowhere: "${name}" is never read in ${pkg}, so the linker drops it`;
    case "non-constant":
      return `-X ${flag} will do nothing: "${name}" in ${pkg} is initialised with \`${problem.initializer}\`, not a constant; use \`var ${name} string\` or a string literal`;
  }
}
