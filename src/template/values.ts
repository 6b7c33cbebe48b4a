// How JavaScript values stand in for Go's kinds, so that truth, comparison and printing follow Go.

/**
 * A float constant such as `1.0` or `1e3`. Go keeps it apart from the integer `1`, and comparing
 * the two is an error; a plain JavaScript number cannot carry that difference.
 */
export class GoFloat {
  readonly value: number;

  constructor(value: number) {
    this.value = value;
  }
}

/** A Go map[string]string: `index` and `indexOrDefault` give "" for a missing key, as Go does. */
export type StringMap = Readonly<Record<string, string>>;

export type Kind = "invalid" | "bool" | "int" | "float" | "string" | "array" | "map" | "func" | "struct";

export function kindOf(value: unknown): Kind {
  if (value === undefined || value === null) return "invalid";
  switch (typeof value) {
    case "boolean":
      return "bool";
    case "bigint":
      return "int";
    case "number":
      return Number.isInteger(value) ? "int" : "float";
    case "string":
      return "string";
    case "function":
      return "func";
  }
  if (value instanceof GoFloat) return "float";
  if (Array.isArray(value)) return "array";
  if (isPlainObject(value)) return "map";
  return "struct";
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Go's truth: false, 0, nil and empty strings, arrays and maps are false; structs are always true. */
export function isTrue(value: unknown): boolean {
  switch (kindOf(value)) {
    case "invalid":
      return false;
    case "bool":
      return value as boolean;
    case "int":
    case "float":
      return numberOf(value) !== 0;
    case "string":
    case "array":
      return (value as string | unknown[]).length > 0;
    case "map":
      return Object.keys(value as object).length > 0;
    default:
      return true;
  }
}

/** The numeric value of an int or float kind. */
export function numberOf(value: unknown): number {
  if (value instanceof GoFloat) return value.value;
  return Number(value);
}

/** An int kind as a bigint, so that int64 values beyond 2^53 compare exactly. */
export function intOf(value: unknown): bigint {
  return typeof value === "bigint" ? value : BigInt(value as number);
}

const STRING_TYPED = new WeakSet<object>();

/** Marks a list or map as Go's []string or map[string]string, which an empty one cannot show. */
export function asStrings<T extends object>(value: T): T {
  STRING_TYPED.add(value);
  return value;
}

export function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string");
}

export function isStringMap(value: unknown): value is Record<string, string> {
  return isPlainObject(value) && Object.values(value).every((v) => typeof v === "string");
}

/** The Go type name used in messages, such as `string`, `int` or `[]string`. */
export function typeName(value: unknown): string {
  switch (kindOf(value)) {
    case "invalid":
      return "<nil>";
    case "float":
      return "float64";
    case "array":
      return `[]${elementType(value as unknown[], value as object)}`;
    case "map":
      return `map[string]${elementType(Object.values(value as object), value as object)}`;
    case "func":
      return "func";
    case "struct": {
      const goType = (value as { constructor?: { goType?: unknown } }).constructor?.goType;
      return typeof goType === "string" ? goType : "struct";
    }
    default:
      return kindOf(value);
  }
}

/** The element type of a list or map: the one type all elements share, else interface {}. */
function elementType(elements: readonly unknown[], container: object): string {
  if (STRING_TYPED.has(container)) return "string";
  const names = new Set(elements.map(typeName));
  const [only] = names;
  return names.size === 1 && only !== "<nil>" ? only! : "interface {}";
}

/** Go orders map keys (and compares strings) by their UTF-8 bytes, not by UTF-16 code units. */
export function compareStrings(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

export function sortedKeys(map: object): string[] {
  return Object.keys(map).sort(compareStrings);
}

/** A property that is a method of a struct-like value (a class instance), as Go's MethodByName. */
export function methodOf(receiver: object, name: string): ((...args: unknown[]) => unknown) | undefined {
  if (!/^[A-Z]/.test(name)) return undefined;
  for (let proto = Object.getPrototypeOf(receiver); proto && proto !== Object.prototype; ) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    if (descriptor && typeof descriptor.value === "function") {
      return (descriptor.value as (...args: unknown[]) => unknown).bind(receiver);
    }
    proto = Object.getPrototypeOf(proto);
  }
  return undefined;
}
