// The folders of src/ form layers: no folder may import, even only a type, from a folder that
// imports it back, directly or through others. A cycle fails here with its path.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const srcDir = import.meta.dirname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

/** Every module specifier: `import … from`, `export … from`, `import("…")`, `import "…"`. */
function importsOf(text: string): string[] {
  const specifiers: string[] = [];
  const patterns = [
    /\bfrom\s*["']([^"']+)["']/g,
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
    /^\s*import\s*["']([^"']+)["']/gm,
  ];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) specifiers.push(match[1]!);
  return specifiers;
}

/** The top-level folder of src/ a file is in; files directly in src/ are their own unit. */
function unitOf(file: string): string {
  const rel = path.relative(srcDir, file).split(path.sep);
  return rel.length === 1 ? rel[0]!.replace(/\.ts$/, "") : rel[0]!;
}

function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(srcDir)) {
    const from = unitOf(file);
    const edges = graph.get(from) ?? new Map<string, string>();
    graph.set(from, edges);
    for (const specifier of importsOf(readFileSync(file, "utf8"))) {
      if (!specifier.startsWith(".")) continue;
      const to = unitOf(path.resolve(path.dirname(file), specifier.replace(/\.js$/, ".ts")));
      if (to !== from && !edges.has(to)) edges.set(to, path.relative(srcDir, file));
    }
  }
  return graph;
}

/** One cycle, as the folders it passes through and the file that makes each step; or undefined. */
function findCycle(graph: Map<string, Map<string, string>>): string[] | undefined {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    state.set(node, "open");
    stack.push(node);
    for (const next of [...(graph.get(node)?.keys() ?? [])].sort()) {
      if (state.get(next) === "open") {
        const cycle = [...stack.slice(stack.indexOf(next)), next];
        return cycle.slice(1).map((to, i) => `${cycle[i]} → ${to} (${graph.get(cycle[i]!)?.get(to)})`);
      }
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(node, "done");
    return undefined;
  };
  for (const node of [...graph.keys()].sort()) {
    if (state.has(node)) continue;
    const found = visit(node);
    if (found) return found;
  }
  return undefined;
}

describe("src/ folders", () => {
  it("import each other without a cycle", () => {
    expect(findCycle(folderGraph())).toBeUndefined();
  });

  it("finds a cycle when there is one", () => {
    const graph = new Map([
      ["a", new Map([["b", "a/x.ts"]])],
      ["b", new Map([["c", "b/y.ts"]])],
      ["c", new Map([["a", "c/z.ts"]])],
    ]);
    expect(findCycle(graph)).toEqual(["a → b (a/x.ts)", "b → c (b/y.ts)", "c → a (c/z.ts)"]);
  });

  it("reads value, type and dynamic imports", () => {
    expect(
      importsOf(
        'import type { A } from "../a.js";\nexport { b } from "./b.js";\nawait import("../c/d.js");\n',
      ),
    ).toEqual(["../a.js", "./b.js", "../c/d.js"]);
  });
});
