// The environment of every git command goship runs: output independent of the user's locale,
// pager and prompts, and no lock taken on the user's index just to read it.
export function gitEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...base, LC_ALL: "C", GIT_PAGER: "cat", GIT_OPTIONAL_LOCKS: "0", GIT_TERMINAL_PROMPT: "0" };
}
