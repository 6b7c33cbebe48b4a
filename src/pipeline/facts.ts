// Typed facts steps share: one step establishes a value under a key, later steps read it with its
// type. Keys are objects, so two folders can never collide on a name.

export interface FactKey<T> {
  readonly name: string;
  /** Never set: carries the value's type. */
  readonly type?: T;
}

export function factKey<T>(name: string): FactKey<T> {
  return Object.freeze({ name });
}

export class Facts {
  readonly #values = new Map<FactKey<unknown>, unknown>();

  get<T>(key: FactKey<T>): T | undefined {
    return this.#values.get(key) as T | undefined;
  }

  has(key: FactKey<unknown>): boolean {
    return this.#values.has(key);
  }

  set<T>(key: FactKey<T>, value: T): void {
    this.#values.set(key, value);
  }

  /** The value an earlier step must have set; its absence is a bug in the step order. */
  need<T>(key: FactKey<T>): T {
    if (!this.#values.has(key))
      throw new Error(`internal: ${key.name} is used before the step that establishes it`);
    return this.#values.get(key) as T;
  }

  /** Computes the value once per run: the first caller starts it, the others share it (or its promise). */
  once<T>(key: FactKey<T>, compute: () => T): T {
    if (!this.#values.has(key)) this.#values.set(key, compute());
    return this.#values.get(key) as T;
  }
}
