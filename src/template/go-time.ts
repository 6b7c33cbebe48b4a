// Go's reference-time layouts ("2006-01-02T15:04:05Z07:00") and a small time.Time stand-in for
// `.Now`, always in UTC as GoReleaser gives them.
import { typeName } from "./values.js";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const ZONES = [
  "Z070000",
  "Z07:00:00",
  "Z0700",
  "Z07:00",
  "Z07",
  "-070000",
  "-07:00:00",
  "-0700",
  "-07:00",
  "-07",
];

/** Formats `date` in UTC with a Go layout, as time.Time.Format does. */
export function formatGoTime(date: Date, layout: string): string {
  let out = "";
  for (let i = 0; i < layout.length; ) {
    const chunk = stdChunkAt(layout, i);
    if (chunk === undefined) {
      out += layout[i++];
      continue;
    }
    out += formatChunk(date, chunk);
    i += chunk.length;
  }
  return out;
}

/** The layout element starting at `i`, with Go's precedence (January before Jan, 2006 before 2…). */
function stdChunkAt(layout: string, i: number): string | undefined {
  const rest = layout.slice(i);
  const startsWithLower = (at: number) => /^[a-z]/.test(layout.slice(at));
  switch (rest[0]) {
    case "J":
      if (rest.startsWith("January")) return "January";
      return rest.startsWith("Jan") && !startsWithLower(i + 3) ? "Jan" : undefined;
    case "M":
      if (rest.startsWith("Monday")) return "Monday";
      if (rest.startsWith("Mon") && !startsWithLower(i + 3)) return "Mon";
      return rest.startsWith("MST") ? "MST" : undefined;
    case "0":
      if (/^0[1-6]/.test(rest)) return rest.slice(0, 2);
      return rest.startsWith("002") ? "002" : undefined;
    case "1":
      return rest.startsWith("15") ? "15" : "1";
    case "2":
      return rest.startsWith("2006") ? "2006" : "2";
    case "_":
      // "_2006" is a literal underscore followed by the year.
      if (rest.startsWith("_2")) return rest.startsWith("_2006") ? undefined : "_2";
      return rest.startsWith("__2") ? "__2" : undefined;
    case "3":
    case "4":
    case "5":
      return rest[0];
    case "P":
      return rest.startsWith("PM") ? "PM" : undefined;
    case "p":
      return rest.startsWith("pm") ? "pm" : undefined;
    case "-":
    case "Z":
      return ZONES.find((zone) => rest.startsWith(zone));
    case ".":
    case ",": {
      // Fractional seconds: a run of 0s or 9s that is not followed by another digit.
      const run = /^[.,](0+|9+)/.exec(rest)?.[0];
      return run && !/[0-9]/.test(rest[run.length] ?? "") ? run : undefined;
    }
    default:
      return undefined;
  }
}

function formatChunk(date: Date, chunk: string): string {
  const two = (n: number) => String(n).padStart(2, "0");
  const hour = date.getUTCHours();
  const hour12 = hour % 12 === 0 ? 12 : hour % 12;
  const yearDay = Math.floor((date.getTime() - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
  switch (chunk) {
    case "January":
      return MONTHS[date.getUTCMonth()]!;
    case "Jan":
      return MONTHS[date.getUTCMonth()]!.slice(0, 3);
    case "Monday":
      return DAYS[date.getUTCDay()]!;
    case "Mon":
      return DAYS[date.getUTCDay()]!.slice(0, 3);
    case "MST":
      return "UTC";
    case "1":
      return String(date.getUTCMonth() + 1);
    case "01":
      return two(date.getUTCMonth() + 1);
    case "2":
      return String(date.getUTCDate());
    case "_2":
      return String(date.getUTCDate()).padStart(2, " ");
    case "02":
      return two(date.getUTCDate());
    case "__2":
      return String(yearDay).padStart(3, " ");
    case "002":
      return String(yearDay).padStart(3, "0");
    case "2006":
      return String(date.getUTCFullYear()).padStart(4, "0");
    case "06":
      return two(date.getUTCFullYear() % 100);
    case "15":
      return two(hour);
    case "3":
      return String(hour12);
    case "03":
      return two(hour12);
    case "4":
      return String(date.getUTCMinutes());
    case "04":
      return two(date.getUTCMinutes());
    case "5":
      return String(date.getUTCSeconds());
    case "05":
      return two(date.getUTCSeconds());
    case "PM":
      return hour >= 12 ? "PM" : "AM";
    case "pm":
      return hour >= 12 ? "pm" : "am";
  }
  if (chunk.startsWith("Z")) return "Z";
  if (chunk.startsWith("-")) return chunk.replace("-", "+").replace(/\d/g, "0");
  // Fractional seconds: .000 keeps zeros; .999 drops trailing zeros, and the separator if none remain.
  const nanos = String(date.getUTCMilliseconds() * 1_000_000).padStart(9, "0");
  const digits = nanos.slice(0, chunk.length - 1);
  if (chunk[1] === "0") return chunk[0] + digits;
  const trimmed = digits.replace(/0+$/, "");
  return trimmed ? chunk[0] + trimmed : "";
}

/** A UTC time.Time for templates: `{{ .Now.Format "2006" }}`, `{{ .Now.Unix }}`, `{{ .Now }}`. */
export class GoTime {
  static readonly goType = "time.Time";
  readonly #date: Date;

  constructor(date: Date) {
    this.#date = new Date(date.getTime());
  }

  Format(layout: unknown): string {
    if (typeof layout !== "string") {
      throw new Error(`wrong type for value; expected string; got ${typeName(layout)}`);
    }
    return formatGoTime(this.#date, layout);
  }

  Unix(): number {
    return Math.floor(this.#date.getTime() / 1000);
  }

  UnixMilli(): number {
    return this.#date.getTime();
  }

  Year(): number {
    return this.#date.getUTCFullYear();
  }

  YearDay(): number {
    return Number(formatGoTime(this.#date, "002"));
  }

  Day(): number {
    return this.#date.getUTCDate();
  }

  Hour(): number {
    return this.#date.getUTCHours();
  }

  Minute(): number {
    return this.#date.getUTCMinutes();
  }

  Second(): number {
    return this.#date.getUTCSeconds();
  }

  UTC(): GoTime {
    return this;
  }

  /** What Go prints for a time.Time: 2006-01-02 15:04:05.999999999 +0000 UTC. */
  String(): string {
    return formatGoTime(this.#date, "2006-01-02 15:04:05.999999999 -0700 MST");
  }
}
