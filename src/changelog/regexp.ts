// Go RE2 patterns, matched as GoReleaser matches them. JavaScript's RegExp reads `[[:word:]]` as a
// bracket set and rejects a leading `(?i)`, both common in GoReleaser files, so re2js is used.
import { RE2JS } from "re2js";
import { BadChangelogRegexpError } from "./errors.js";

export type Matcher = (text: string) => boolean;

/** Compiles `pattern` (unanchored search, like Go's MatchString); `where` names it in errors. */
export function compilePattern(pattern: string, where: string): Matcher {
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern);
  } catch (error) {
    throw new BadChangelogRegexpError(
      where,
      pattern,
      (error as Error).message.replace(/^error parsing regexp: /, ""),
    );
  }
  return (text) => re.matcher(text).find();
}
