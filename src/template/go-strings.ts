// Go's string and path helpers where JavaScript's differ: TrimSpace's notion of space, simple
// (one-to-one) case mapping, path.Dir/Base, url.PathEscape and x/text's English title case.
// unicode.IsSpace; unlike JavaScript's \s it includes U+0085 and excludes U+FEFF.
const GO_SPACE = "[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
const LEADING_SPACE = new RegExp(`^${GO_SPACE}+`, "u");
const TRAILING_SPACE = new RegExp(`${GO_SPACE}+$`, "u");

export function trimSpace(s: string): string {
  return s.replace(LEADING_SPACE, "").replace(TRAILING_SPACE, "");
}

/** Maps each character on its own, as Go does: "ß" stays "ß" in upper case instead of becoming "SS". */
function mapSimple(s: string, map: (ch: string) => string): string {
  let out = "";
  for (const ch of s) {
    const mapped = map(ch);
    out += [...mapped].length === 1 ? mapped : ch;
  }
  return out;
}

// The one character whose full lower case (JavaScript's) differs from its simple one (Go's).
export function toLower(s: string): string {
  return mapSimple(s, (ch) => (ch === "\u0130" ? "i" : ch.toLowerCase()));
}

export function toUpper(s: string): string {
  return mapSimple(s, (ch) => ch.toUpperCase());
}

// Title case differs from upper case only for these digraphs: ǆ becomes ǅ, not Ǆ.
const TITLE_CASE: Record<string, string> = {
  "\u01c4": "\u01c5",
  "\u01c6": "\u01c5",
  "\u01c7": "\u01c8",
  "\u01c9": "\u01c8",
  "\u01ca": "\u01cb",
  "\u01cc": "\u01cb",
  "\u01f1": "\u01f2",
  "\u01f3": "\u01f2",
};

/**
 * English title case as golang.org/x/text/cases.Title: the first letter of each word upper, the
 * rest lower. Words follow Unicode word boundaries: `_` and digits join a word, and `'`, `.`
 * and `:` join letters on both sides ("it's", "foo.bar").
 */
export function title(s: string): string {
  const chars = [...s];
  const isWord = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{M}\p{N}_]/u.test(ch);
  const isLetter = (ch: string | undefined) => ch !== undefined && /\p{L}/u.test(ch);
  let out = "";
  let inWord = false;
  let titled = false;
  chars.forEach((ch, i) => {
    const joins = /['.:\u2019]/.test(ch) && inWord && isLetter(chars[i - 1]) && isLetter(chars[i + 1]);
    if (!isWord(ch) && !joins) {
      inWord = false;
      out += ch;
      return;
    }
    if (!inWord) [inWord, titled] = [true, false];
    if (!titled && isLetter(ch)) {
      titled = true;
      out += TITLE_CASE[ch] ?? mapSimple(ch, (c) => c.toUpperCase());
    } else out += toLower(ch);
  });
  return out;
}

/** path.Clean for slash-separated paths. */
export function cleanPath(p: string): string {
  if (p === "") return ".";
  const rooted = p.startsWith("/");
  const out: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part !== "..") out.push(part);
    else if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
    else if (!rooted) out.push("..");
  }
  const joined = (rooted ? "/" : "") + out.join("/");
  return joined === "" ? "." : joined;
}

/** path.Dir: all but the last element, cleaned ("a/b/" gives "a/b", "file" gives "."). */
export function dirPath(p: string): string {
  return cleanPath(p.slice(0, p.lastIndexOf("/") + 1));
}

/** path.Base: the last element, ignoring trailing slashes ("" gives ".", "/" gives "/"). */
export function basePath(p: string): string {
  if (p === "") return ".";
  const trimmed = p.replace(/\/+$/, "");
  if (trimmed === "") return "/";
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

/** url.PathEscape: a path segment, so "/" is escaped but ":@&=+$" are not. */
export function pathEscape(s: string): string {
  return percentEncode(s, /[A-Za-z0-9\-_.~$&+:=@]/);
}

/** url.QueryEscape: unreserved characters stay, spaces become +, everything else is %XX. */
export function escapeQuery(s: string): string {
  return percentEncode(s, /[A-Za-z0-9\-_.~]/).replaceAll("%20", "+");
}

export function percentEncode(s: string, keep: RegExp): string {
  let out = "";
  for (const ch of s) {
    if (ch.length === 1 && keep.test(ch)) out += ch;
    else
      for (const byte of Buffer.from(ch, "utf8"))
        out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}
