// Go's float formatting (%v %g %e %f): shortest digits like strconv, and exact round-half-even for
// fixed precisions, where JavaScript's toFixed rounds ties away from zero (2.5 → "3", Go gives "2").

/** A decimal value 0.d1d2d3… × 10^dp, with no trailing zero digits; zero has no digits. */
interface Decimal {
  readonly digits: string;
  readonly dp: number;
}

/** Formats a float as Go's strconv does for the verbs e, f and g; `prec` -1 means shortest. */
export function formatFloat(x: number, verb: "e" | "f" | "g", prec: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "+Inf" : "-Inf";
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  const abs = Math.abs(x);
  switch (verb) {
    case "e": {
      const p = prec < 0 ? shortest(abs).digits.length - 1 : prec;
      return sign + formatE(prec < 0 ? shortest(abs) : rounded(abs, p + 1), Math.max(p, 0));
    }
    case "f": {
      if (prec < 0) {
        const d = shortest(abs);
        return sign + formatF(d, Math.max(d.digits.length - d.dp, 0));
      }
      return sign + formatF(fixed(abs, prec), prec);
    }
    case "g": {
      const d = prec < 0 ? shortest(abs) : rounded(abs, prec === 0 ? 1 : prec);
      let digits = prec < 0 ? d.digits.length : prec === 0 ? 1 : prec;
      // Go switches to %e when the exponent is below -4 or reaches the precision (6 for shortest).
      let eprec = digits;
      if (eprec > d.digits.length && d.digits.length >= d.dp) eprec = d.digits.length;
      if (prec < 0) eprec = 6;
      const exp = d.dp - 1;
      if (exp < -4 || exp >= eprec) {
        if (digits > d.digits.length) digits = d.digits.length;
        return sign + formatE(d, Math.max(digits - 1, 0));
      }
      if (digits > d.dp) digits = d.digits.length;
      return sign + formatF(d, Math.max(digits - d.dp, 0));
    }
  }
}

function formatE(d: Decimal, prec: number): string {
  let out = d.digits[0] ?? "0";
  if (prec > 0) out += `.${d.digits.slice(1, prec + 1).padEnd(prec, "0")}`;
  const exp = d.digits.length === 0 ? 0 : d.dp - 1;
  return `${out}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
}

function formatF(d: Decimal, prec: number): string {
  let out = d.dp > 0 ? d.digits.slice(0, d.dp).padEnd(d.dp, "0") : "0";
  if (prec > 0) {
    out += ".";
    for (let i = 1; i <= prec; i++) out += d.digits[d.dp + i - 1] ?? "0";
  }
  return out;
}

/** The shortest digits that read back as the same float, as JavaScript and Go both compute them. */
function shortest(x: number): Decimal {
  if (x === 0) return { digits: "", dp: 0 };
  const [mantissa, exponent] = x.toExponential().split("e") as [string, string];
  return trim({ digits: mantissa.replace(".", ""), dp: Number(exponent) + 1 });
}

/** `x` rounded half-to-even to `n` significant digits. */
function rounded(x: number, n: number): Decimal {
  if (x === 0) return { digits: "", dp: 0 };
  let e10 = Math.floor(Math.log10(x));
  for (;;) {
    const q = roundScaled(x, n - 1 - e10);
    const length = q.toString().length;
    // log10 can be off by one near powers of ten, and rounding up can add a digit.
    if (length > n) e10++;
    else if (length < n) e10--;
    else return trim({ digits: q.toString(), dp: e10 + 1 });
  }
}

/** `x` rounded half-to-even to `prec` digits after the point. */
function fixed(x: number, prec: number): Decimal {
  const digits = roundScaled(x, prec).toString();
  return trim({ digits, dp: digits.length - prec });
}

function trim(d: Decimal): Decimal {
  const digits = d.digits.replace(/0+$/, "");
  const leading = digits.length - digits.replace(/^0+/, "").length;
  return digits.length === leading
    ? { digits: "", dp: 0 }
    : { digits: digits.slice(leading), dp: d.dp - leading };
}

/** round-half-even(x × 10^k), computed exactly from the binary value of x. */
function roundScaled(x: number, k: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exp2 = (biased === 0 ? 1 : biased) - 1075;
  let num = mantissa * (k > 0 ? 10n ** BigInt(k) : 1n);
  let den = k < 0 ? 10n ** BigInt(-k) : 1n;
  if (exp2 >= 0) num <<= BigInt(exp2);
  else den <<= BigInt(-exp2);
  const q = num / den;
  const twice = (num % den) * 2n;
  return twice > den || (twice === den && q % 2n === 1n) ? q + 1n : q;
}
