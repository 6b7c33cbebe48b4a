// Reading -ldflags as cmd/go reads them: words split like quoted.Split, and the -X stamps in them.

/** `-X a.b=c` and `-X=a.b=c` pairs of an -ldflags value, split as cmd/go splits it (quoted.Split). */
export function stampsInLdflags(ldflags: string): Array<[string, string]> {
  const words = splitQuoted(ldflags);
  const out: Array<[string, string]> = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const spec =
      word === "-X" || word === "--X"
        ? words[++i]
        : /^--?X=/.test(word)
          ? word.replace(/^--?X=/, "")
          : undefined;
    const eq = spec?.indexOf("=") ?? -1;
    if (spec && eq > 0) out.push([spec.slice(0, eq), spec.slice(eq + 1)]);
  }
  return out;
}

/** cmd/internal/quoted.Split: white space separates words; '…' or "…" quote a whole word, no escapes. */
export function splitQuoted(text: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    const quote = text[i];
    if (quote === "'" || quote === '"') {
      const end = text.indexOf(quote, i + 1);
      if (end === -1) {
        words.push(text.slice(i + 1));
        break;
      }
      words.push(text.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    const start = i;
    while (i < text.length && !/\s/.test(text[i]!)) i++;
    words.push(text.slice(start, i));
  }
  return words;
}
