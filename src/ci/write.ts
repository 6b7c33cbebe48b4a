// `goship ci github|gitlab`: write the pipeline where the CI system looks for it, never over a file.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { ReleaseError } from "../errors.js";
import { goshipVersion } from "../version.js";
import { githubWorkflow, gitlabPipeline } from "./workflows.js";

export type CiSystem = "github" | "gitlab";

export const ciSystems: Readonly<Record<CiSystem, { file: string; text: typeof githubWorkflow }>> = {
  github: { file: ".github/workflows/release.yml", text: githubWorkflow },
  gitlab: { file: ".gitlab-ci.yml", text: gitlabPipeline },
};

export class CiFileExistsError extends ReleaseError {
  constructor(file: string) {
    super(`${file} already exists; goship never overwrites it: move it away, or pass --output <file>`);
  }
}

/** Writes the pipeline and returns its path. */
export async function writeCiPipeline(options: {
  system: CiSystem;
  dir: string;
  shards: number;
  output?: string;
}): Promise<string> {
  const { file, text } = ciSystems[options.system];
  const target = options.output ?? path.join(options.dir, file);
  await mkdir(path.dirname(target), { recursive: true });
  try {
    await writeFile(target, text({ shards: options.shards, goshipVersion }), { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") throw new CiFileExistsError(target);
    throw new ReleaseError(`cannot write ${target}: ${(error as Error).message}`);
  }
  return target;
}
