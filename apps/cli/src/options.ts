/**
 * Parsers for flag values (commander calls them with the raw string): each returns the
 * value or throws a UsageError naming the flag and what it got, e.g.
 * `--epochs must be a positive integer, got "ten"`. Also the closest-name suggestion used
 * for datasets and choices.
 */
import { UsageError } from "./errors.js";

/** Levenshtein distance: insertions, deletions and substitutions each cost 1. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/** The candidate nearest to `word` when it is near enough to be a typo (≤ 40% of its length edited). */
export function closest(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== null && bestDistance <= Math.max(1, Math.floor(0.4 * Math.max(word.length, best.length)))
    ? best
    : null;
}

/** ` (Did you mean spiral?)` or an empty string. */
export function suggestion(word: string, candidates: readonly string[]): string {
  const near = closest(word, candidates);
  return near ? ` (Did you mean ${near}?)` : "";
}

type Parser<T> = (raw: string) => T;

function number(flag: string, raw: string, what: string): number {
  const value = raw.trim() === "" ? Number.NaN : Number(raw);
  if (!Number.isFinite(value)) throw new UsageError(`${flag} must be ${what}, got ${JSON.stringify(raw)}`);
  return value;
}

/** An integer ≥ 1 (epochs, sizes, counts), at most `max` when given. */
export const positiveInt =
  (flag: string, max = Number.MAX_SAFE_INTEGER): Parser<number> =>
  (raw) => {
    const what = max === Number.MAX_SAFE_INTEGER ? "a positive integer" : `an integer from 1 to ${max}`;
    const value = number(flag, raw, what);
    if (!Number.isSafeInteger(value) || value < 1 || value > max)
      throw new UsageError(`${flag} must be ${what}, got ${JSON.stringify(raw)}`);
    return value;
  };

/** An integer in [0, 2³² − 1] (the generator's seed). */
export const seed =
  (flag: string): Parser<number> =>
  (raw) => {
    const value = number(flag, raw, "an integer from 0 to 4294967295");
    if (!Number.isSafeInteger(value) || value < 0 || value > 2 ** 32 - 1)
      throw new UsageError(`${flag} must be an integer from 0 to 4294967295, got ${JSON.stringify(raw)}`);
    return value;
  };

/** A finite number ≥ 0 (decay, λ, noise); `> 0` with `positive`. */
export const nonNegative =
  (flag: string, options: { positive?: boolean } = {}): Parser<number> =>
  (raw) => {
    const what = options.positive ? "a number > 0" : "a number ≥ 0";
    const value = number(flag, raw, what);
    if (value < 0 || (options.positive && value === 0))
      throw new UsageError(`${flag} must be ${what}, got ${JSON.stringify(raw)}`);
    return value;
  };

/** A fraction in [0, 1) (dropout, momentum, β); in (0, 1) with `open`. */
export const fraction =
  (flag: string, options: { open?: boolean } = {}): Parser<number> =>
  (raw) => {
    const what = options.open ? "a number between 0 and 1 (both excluded)" : "a number in [0, 1)";
    const value = number(flag, raw, what);
    if (value < 0 || value >= 1 || (options.open && value === 0))
      throw new UsageError(`${flag} must be ${what}, got ${JSON.stringify(raw)}`);
    return value;
  };

/** Largest hidden layer `--hidden` takes. */
export const MAX_UNITS = 65_536;
/** Most hidden layers `--hidden` takes. */
export const MAX_HIDDEN_LAYERS = 64;

/** A comma-separated list of at most {@link MAX_HIDDEN_LAYERS} sizes in [1, {@link MAX_UNITS}], e.g. `64,64`. */
export const sizeList =
  (flag: string): Parser<number[]> =>
  (raw) => {
    const parts = raw.split(",").map((s) => s.trim());
    if (parts.some((p) => !/^\d+$/.test(p) || Number(p) < 1 || !Number.isSafeInteger(Number(p))))
      throw new UsageError(
        `${flag} must be a comma-separated list of positive integers like 64,64, got ${JSON.stringify(raw)}`,
      );
    const sizes = parts.map(Number);
    const big = sizes.find((n) => n > MAX_UNITS);
    if (big !== undefined) throw new UsageError(`${flag}: a layer may have at most ${MAX_UNITS} units, got ${big}`);
    if (sizes.length > MAX_HIDDEN_LAYERS)
      throw new UsageError(`${flag}: at most ${MAX_HIDDEN_LAYERS} hidden layers, got ${sizes.length}`);
    return sizes;
  };

/** A number in [0, max] (the Playground sets' noise, at most 0.5). */
export const boundedNumber =
  (flag: string, max: number): Parser<number> =>
  (raw) => {
    const what = `a number from 0 to ${max}`;
    const value = number(flag, raw, what);
    if (value < 0 || value > max) throw new UsageError(`${flag} must be ${what}, got ${JSON.stringify(raw)}`);
    return value;
  };

/** One of `choices`, with a suggestion for a typo. */
export const choice =
  <T extends string>(flag: string, choices: readonly T[]): Parser<T> =>
  (raw) => {
    const value = raw.trim().toLowerCase();
    if ((choices as readonly string[]).includes(value)) return value as T;
    throw new UsageError(
      `${flag} must be one of ${choices.join(", ")}, got ${JSON.stringify(raw)}${suggestion(value, choices)}`,
    );
  };
