/**
 * `gradcheck(fn, inputs)`: compares backward's gradients with central finite differences
 * in float64, and `detectAnomaly(fn)`: names the first op whose forward or backward turned
 * finite numbers into NaN/Infinity.
 */
import { array, NDArray, type NestedArray, Random, ValueError } from "@sinapse/tensor";
import { runBackward } from "./backward.js";
import { withAnomalyMode, withGradMode } from "./graph.js";
import { Tensor } from "./tensor.js";

export interface GradcheckOptions {
  /** Finite-difference step (1e-6 by default). */
  eps?: number;
  /** Largest accepted relative error `|analytic − numeric| / max(1, |analytic|, |numeric|)` (1e-6). */
  tolerance?: number;
  /** Seed of the random output weights (the check is on `Σ w·fn(x)`). */
  seed?: number;
}

export interface GradcheckResult {
  /** True when the worst relative error is within `tolerance`. */
  ok: boolean;
  /** The worst element: which input, its flat index, both values and the errors. */
  worst: { input: number; index: number; analytic: number; numeric: number; absError: number; relError: number };
}

/**
 * Checks `fn`'s gradients at `inputs` (converted to float64 leaves) against central
 * differences of `L = Σ w ⊙ fn(x)` with fixed random weights `w`, and reports the worst
 * element over all inputs.
 * @example gradcheck((x) => x.mul(x).sum(), [[1, 2, 3]]).ok // true
 * @throws ValueError for an `fn` that is not a function or does not return a Tensor, an
 *   empty list of inputs, or an eps, tolerance or seed out of range.
 */
export function gradcheck(
  fn: (...inputs: Tensor[]) => Tensor,
  inputs: readonly (NDArray | NestedArray)[],
  options: GradcheckOptions = {},
): GradcheckResult {
  if (typeof fn !== "function") throw new ValueError("gradcheck", `fn must be a function, got ${describe(fn)}`);
  if (!Array.isArray(inputs) || inputs.length === 0)
    throw new ValueError("gradcheck", `needs a non-empty list of inputs, got ${describe(inputs)}`);
  if (typeof options !== "object" || options === null)
    throw new ValueError("gradcheck", `options must be an object, got ${describe(options)}`);
  const eps = options.eps ?? 1e-6;
  const tolerance = options.tolerance ?? 1e-6;
  for (const [name, value] of [
    ["eps", eps],
    ["tolerance", tolerance],
  ] as const) {
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0)
      throw new ValueError("gradcheck", `${name} must be a finite number > 0, got ${describe(value)}`);
  }
  const seed = options.seed ?? 0;
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 2 ** 32 - 1)
    throw new ValueError("gradcheck", `seed must be an integer from 0 to 4294967295, got ${describe(seed)}`);
  const base = inputs.map((x) => (x instanceof NDArray ? x : array(x as NestedArray)).astype("float64"));
  const leaves = base.map((v) => new Tensor(v.copy(), { requiresGrad: true }));
  const out = fn(...leaves);
  if (!(out instanceof Tensor)) throw new ValueError("gradcheck", `fn must return a Tensor, got ${typeof out}`);
  const weights = new Random(seed).uniform(0.5, 1.5, out.shape, { dtype: "float64" });
  const L = (o: Tensor): number => {
    const v = o.value.dataSync() as Float64Array;
    const w = weights.dataSync() as Float64Array;
    let s = 0;
    for (let i = 0; i < v.length; i++) s += (v[i] as number) * (w[i] as number);
    return s;
  };
  const analytic = out.requiresGrad ? runBackward(out, weights, { targets: leaves }) : new Map<Tensor, Tensor>();

  let worst: GradcheckResult["worst"] = { input: -1, index: -1, analytic: 0, numeric: 0, absError: 0, relError: 0 };
  withGradMode(false, () => {
    base.forEach((value, i) => {
      const g = analytic.get(leaves[i] as Tensor)?.value.dataSync() ?? new Float64Array(value.size);
      const flat = value.dataSync() as Float64Array;
      for (let k = 0; k < flat.length; k++) {
        const probe = (delta: number): number => {
          const shifted = flat.slice();
          shifted[k] = (shifted[k] as number) + delta;
          const args = base.map((v, j) => new Tensor(j === i ? array(shifted, [...v.shape]) : v));
          return L(fn(...args));
        };
        const numeric = (probe(eps) - probe(-eps)) / (2 * eps);
        const a = g[k] as number;
        const absError = Math.abs(a - numeric);
        const relError = absError / Math.max(1, Math.abs(a), Math.abs(numeric));
        if (!(relError <= worst.relError) || worst.input < 0) {
          worst = { input: i, index: k, analytic: a, numeric, absError, relError };
        }
      }
    });
  });
  return { ok: worst.relError <= tolerance, worst };
}

/** A value for an error message: numbers and strings as written, anything else by its kind. */
function describe(value: unknown): string {
  if (typeof value === "number" || typeof value === "string") return JSON.stringify(value) ?? String(value);
  if (value === null) return "null";
  return Array.isArray(value) ? `an array of ${value.length}` : typeof value;
}

/**
 * Runs `fn` (typically a forward pass and `backward()`) with every op checked: the first
 * forward or backward that turns finite numbers into NaN/Infinity throws `AnomalyError`
 * naming the op and the shapes.
 * @example detectAnomaly(() => log(tensor([0], { requiresGrad: true })).sum().backward());
 */
export function detectAnomaly<T>(fn: () => T): T {
  return withAnomalyMode(fn);
}
