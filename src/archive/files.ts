// The documents every archive carries next to the binaries: README*, LICENSE*, CHANGELOG*.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

export interface DocFile {
  readonly name: string;
  readonly data: Buffer;
}

const docPattern = /^(readme|licen[cs]e|changelog)/i;

/** Regular files at the module root whose names start with README, LICENSE or CHANGELOG (any case). */
export async function findDocFiles(moduleDir: string): Promise<DocFile[]> {
  const entries = await readdir(moduleDir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isFile() && docPattern.test(e.name))
    .map((e) => e.name)
    .sort();
  return Promise.all(names.map(async (name) => ({ name, data: await readFile(path.join(moduleDir, name)) })));
}
