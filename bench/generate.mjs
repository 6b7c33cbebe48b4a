#!/usr/bin/env node
// Writes the benchmark subject: a deterministic, medium-sized Go module in its own git repository.
//
//   node bench/generate.mjs [--files 400] [--dir bench/data/subject]   fresh subject, tagged v1.0.0
//   node bench/generate.mjs --change [--dir …]                          one-file change, committed
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { baseEnv, workDir } from "./lib/go-env.mjs";
import {
  baseNames,
  coreGo,
  generatedNames,
  generateFile,
  idsGo,
  mainGo,
  revisionGo,
  textkitGo,
  upperDeps,
  upperNames,
} from "./lib/go-source.mjs";
import { isEntryPoint, runSync } from "./lib/proc.mjs";

export const defaultSubjectDir = path.join(workDir, "subject");
export const defaultFiles = 400;
const helpersPerFile = 12;
const seed = 20240101;
// Fixed commit times keep the commit hashes, and so `git describe`, equal on every machine.
const epoch = Date.parse("2024-01-01T00:00:00Z") / 1000;
// An upper package that only main imports: a typical edit recompiles it and main, then relinks.
const changedPackage = upperNames[0];

// Pinned to versions that need nothing newer than the go directive below.
const goMod = `module example.com/benchsubject

go 1.25.0

require (
	github.com/google/uuid v1.6.0
	github.com/spf13/pflag v1.0.10
	golang.org/x/text v0.35.0
)
`;

const readme = `# benchsubject

A generated Go program used to benchmark release tools. Run \`benchsubject --version\`.
`;

const license = `MIT License

Copyright (c) 2024 benchsubject authors

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction,
including without limitation the rights to use, copy, modify, merge, publish, distribute,
sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED.
`;

/** Writes a fresh subject into dir (removing what was there), commits it and tags v1.0.0. */
export function generateSubject({ dir = defaultSubjectDir, files = defaultFiles } = {}) {
  rmSync(dir, { recursive: true, force: true });
  const write = (rel, text) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  };
  write("go.mod", goMod);
  write("README.md", readme);
  write("LICENSE", license);
  write(".gitignore", "/dist/\n");
  write("internal/core/core.go", coreGo);
  write("internal/ids/ids.go", idsGo);
  write("internal/textkit/textkit.go", textkitGo);
  write(`internal/${changedPackage}/revision.go`, revisionGo(changedPackage, 0));
  write("cmd/benchsubject/main.go", mainGo(generatedNames, changedPackage));

  // File i goes to package i % 12; an upper package's file calls the exported mixer of a file
  // in each of its two base packages, so the packages form a real import graph.
  const count = generatedNames.length;
  for (let i = 0; i < files; i++) {
    const p = i % count;
    const pkg = generatedNames[p];
    const deps =
      p < baseNames.length
        ? []
        : upperDeps(p - baseNames.length).map((dep) => {
            const d = baseNames.indexOf(dep);
            const k = d + count * (Math.floor(i / count) % Math.ceil((files - d) / count));
            return { pkg: dep, id: String(k).padStart(3, "0") };
          });
    write(
      `internal/${pkg}/f${String(i).padStart(3, "0")}.go`,
      generateFile({ pkg, index: i, seed, helpers: helpersPerFile, deps }),
    );
  }

  runSync("go", ["mod", "tidy"], { cwd: dir, env: baseEnv() });
  runSync("gofmt", ["-l", "-w", "."], { cwd: dir });
  git(dir, 0, ["init", "-q", "-b", "main"]);
  git(dir, 0, ["add", "-A"]);
  git(dir, 0, ["commit", "-q", "-m", "benchsubject v1.0.0"]);
  git(dir, 0, ["tag", "-a", "v1.0.0", "-m", "v1.0.0"]);
  // Never fetched. Without a remote, GoReleaser's snapshot mode drops all git info (tag, commit,
  // describe) and would stamp "none" into the binaries.
  git(dir, 0, ["remote", "add", "origin", "https://example.com/benchsubject.git"]);
  return dir;
}

/** Rewrites the one revision file, commits it, and returns the new revision number. */
export function changeSubject(dir = defaultSubjectDir) {
  const file = path.join(dir, "internal", changedPackage, "revision.go");
  const current = Number(/const Revision = (\d+)/.exec(readFileSync(file, "utf8"))?.[1]);
  if (!Number.isInteger(current)) throw new Error(`no revision constant in ${file}; regenerate the subject`);
  const revision = current + 1;
  writeFileSync(file, revisionGo(changedPackage, revision));
  git(dir, revision, ["commit", "-q", "-a", "-m", `revision ${revision}`]);
  return revision;
}

function git(dir, minutes, args) {
  const when = `${epoch + minutes * 60} +0000`;
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: "bench",
    GIT_AUTHOR_EMAIL: "bench@example.com",
    GIT_COMMITTER_NAME: "bench",
    GIT_COMMITTER_EMAIL: "bench@example.com",
    GIT_AUTHOR_DATE: when,
    GIT_COMMITTER_DATE: when,
    GIT_CONFIG_NOSYSTEM: "1",
  };
  // Signing and hooks from the user's config would make commits slow or interactive.
  const config = ["-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", "-c", "core.hooksPath=/dev/null"];
  return runSync("git", [...config, ...args], { cwd: dir, env });
}

if (isEntryPoint(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      dir: { type: "string", default: defaultSubjectDir },
      files: { type: "string", default: String(defaultFiles) },
      change: { type: "boolean", default: false },
    },
  });
  const dir = path.resolve(values.dir);
  if (values.change) {
    console.log(`revision ${changeSubject(dir)} committed in ${dir}`);
  } else {
    const started = Date.now();
    generateSubject({ dir, files: Number(values.files) });
    console.log(
      `generated ${values.files} files in ${dir} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
}
