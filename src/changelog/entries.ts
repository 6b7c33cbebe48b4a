// Commits as changelog entries: the `git log` format GoReleaser uses and the decoder of its output.

export interface Author {
  readonly name: string;
  readonly email: string;
  readonly username: string;
}

export interface ChangelogEntry {
  readonly sha: string;
  /** The subject line only: groups and filters match this, not `<sha> <subject>`. */
  readonly message: string;
  /** The commit author first, then each `Co-authored-by:` trailer. */
  readonly authors: readonly Author[];
}

// Markers that no commit message contains, so subjects and bodies with any text decode safely.
const marks = {
  sha: ["<goship_sha>", "</goship_sha>"],
  message: ["<goship_message>", "</goship_message>"],
  body: ["<goship_body>", "</goship_body>"],
  author: ["<goship_author>", "</goship_author>"],
  email: ["<goship_email>", "</goship_email>"],
} as const;
const commitDivider = "<goship_commit_divider>";

/** `--pretty` format: the name is not mailmapped (%an) but the email is (%aE), as in GoReleaser. */
export const gitLogFormat = `${marks.sha[0]}%H${marks.sha[1]}${marks.message[0]}%s${marks.message[1]}${marks.body[0]}%b${marks.body[1]}${marks.author[0]}%an${marks.author[1]}${marks.email[0]}%aE${marks.email[1]}${commitDivider}`;

/** argv of the log between two tags; without a previous tag, everything reachable from HEAD. */
export function gitLogArgs(previousTag: string, currentTag: string): string[] {
  const args = [
    "-c",
    "log.showSignature=false",
    "log",
    "--no-decorate",
    "--no-color",
    `--pretty=format:${gitLogFormat}`,
  ];
  if (previousTag !== "") args.push(`${previousTag}..${currentTag}`);
  return args;
}

/** Entries of `git log` output, newest first, as git printed them. */
export function parseGitLog(output: string): ChangelogEntry[] {
  return output
    .split(`${commitDivider}\n`)
    .map((chunk) => chunk.replace(new RegExp(`${commitDivider}$`), ""))
    .filter((chunk) => chunk.trim() !== "")
    .map(decodeEntry);
}

function between(text: string, [open, close]: readonly [string, string]): string {
  const start = text.indexOf(open) + open.length;
  return text.slice(start, text.indexOf(close, start));
}

function decodeEntry(chunk: string): ChangelogEntry {
  const author: Author = {
    name: between(chunk, marks.author),
    email: between(chunk, marks.email),
    username: "",
  };
  return {
    sha: between(chunk, marks.sha),
    message: between(chunk, marks.message),
    authors: [author, ...coAuthors(between(chunk, marks.body))],
  };
}

const coAuthorLine = /^co-authored-by:\s*([^<]+[^<\s])\s*<([^>]+)>/i;

/** `Co-authored-by: Name <email>` trailers (case-insensitive; both parts required). */
export function coAuthors(body: string): Author[] {
  const found: Author[] = [];
  for (const line of body.split("\n")) {
    const match = coAuthorLine.exec(line);
    if (match?.[1] && match[2]) found.push({ name: match[1].trim(), email: match[2].trim(), username: "" });
  }
  return found;
}

/** Authors without repeats, keyed by username, else email, else name; empty keys dropped. */
export function uniqueAuthors(authors: readonly Author[]): Author[] {
  const seen = new Set<string>();
  return authors.filter((a) => {
    const key = a.username || a.email || a.name;
    if (key === "" || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
