// Human logs on stderr with structured fields; debug output only when GOSHIP_DEBUG is set.

export type Fields = Readonly<Record<string, unknown>>;
export type DebugFn = (message: string, fields?: Fields) => void;

export interface Logger {
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
  debug?: DebugFn;
  /** A logger that adds `fields` to every line. */
  child(fields: Fields): Logger;
}

export interface LogRecord {
  level: "info" | "warn" | "error" | "debug";
  message: string;
  fields: Fields;
}

export interface LoggerOptions {
  write?: (line: string) => void;
  debug?: boolean;
  color?: boolean;
}

export function createLogger(options: LoggerOptions = {}, base: Fields = {}): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const color = options.color ?? (process.stderr.isTTY === true && !process.env.NO_COLOR);
  const paint = (code: string, text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const emit = (prefix: string, message: string, fields?: Fields) =>
    write(`${prefix}${message}${formatFields({ ...base, ...fields })}`);
  const debugOn = options.debug ?? Boolean(process.env.GOSHIP_DEBUG);
  return {
    info: (message, fields) => emit("  • ", message, fields),
    warn: (message, fields) => emit(`  ${paint("33", "⚠")} `, paint("33", message), fields),
    error: (message, fields) => emit(`  ${paint("31", "⨯")} `, paint("31", message), fields),
    debug: debugOn ? (message, fields) => emit("    debug ", message, fields) : undefined,
    child: (fields) => createLogger(options, { ...base, ...fields }),
  };
}

/** A logger that keeps records in memory, for tests. */
export function createRecordingLogger(
  records: LogRecord[] = [],
  base: Fields = {},
): Logger & {
  records: LogRecord[];
} {
  const push = (level: LogRecord["level"]) => (message: string, fields?: Fields) =>
    records.push({ level, message, fields: { ...base, ...fields } });
  return {
    records,
    info: push("info"),
    warn: push("warn"),
    error: push("error"),
    debug: push("debug"),
    child: (fields) => createRecordingLogger(records, { ...base, ...fields }),
  };
}

function formatFields(fields: Fields): string {
  const parts = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`);
  return parts.length === 0 ? "" : `  ${parts.join(" ")}`;
}
