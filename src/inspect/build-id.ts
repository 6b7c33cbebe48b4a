// The Go build ID as cmd/go writes it into PE and Mach-O text: "\xff Go build ID: \"…\"\n \xff".
import { latin1 } from "./byte-source.js";
import { MalformedBinaryError } from "./errors.js";
import { fromByteString, unquote } from "./go-string.js";

const PREFIX = Buffer.from('\xff Go build ID: "', "latin1");
const END = Buffer.from('"\n \xff', "latin1");

/** How much of the file `go tool buildid` looks at before trying anything else. */
export const BUILD_ID_SEARCH_BYTES = 32 * 1024;

/** The ID after the raw prefix, "" when there is no prefix (cmd/internal/buildid readRaw). */
export function findRawBuildId(data: Uint8Array): string {
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const start = buffer.indexOf(PREFIX);
  if (start < 0) return "";
  const end = buffer.indexOf(END, start + PREFIX.length);
  if (end < 0) throw new MalformedBinaryError("Go build ID is not terminated");
  const quoted = latin1(data.subarray(start + PREFIX.length - 1, end + 1));
  const id = unquote(quoted);
  if (id === undefined) throw new MalformedBinaryError("Go build ID is not a valid quoted string");
  return fromByteString(id);
}
