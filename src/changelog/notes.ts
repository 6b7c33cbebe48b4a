// Release notes around the changelog text: CHANGELOG.md with its header and footer, the release
// body with release.header/footer, and how a body merges with one already on the forge.

/** `dist/CHANGELOG.md`: header, text and footer apart by a blank line, ending in a newline. */
export function changelogFile(text: string, header = "", footer = ""): string {
  const notes = [header, text, footer].filter((part, i) => i === 1 || part !== "").join("\n\n");
  return notes.endsWith("\n") ? notes : `${notes}\n`;
}

/** The release body: `release.header` + "\n", the notes, "\n" + `release.footer`, then "\n". */
export function releaseBody(notes: string, header = "", footer = ""): string {
  return `${header === "" ? "" : `${header}\n`}${notes}${footer === "" ? "" : `\n${footer}`}\n`;
}

export type ReleaseNotesMode = "keep-existing" | "append" | "prepend" | "replace";

/** The body to send when the release exists already (`release.mode`). */
export function mergeReleaseNotes(existing: string, current: string, mode: ReleaseNotesMode): string {
  switch (mode) {
    case "append":
      return `${existing}\n\n${current}`;
    case "prepend":
      return `${current}\n\n${existing}`;
    case "replace":
      return current;
    default:
      return existing !== "" ? existing : current;
  }
}

// GitHub refuses bodies over 125,000 characters; GoReleaser cuts at as many bytes, so does goship,
// but never inside a UTF-8 character.
const maxBodyBytes = 125_000;
const ellipsis = "...";

export function truncateReleaseBody(body: string): string {
  const bytes = Buffer.from(body);
  if (bytes.length <= maxBodyBytes) return body;
  let end = maxBodyBytes - ellipsis.length;
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString() + ellipsis;
}
