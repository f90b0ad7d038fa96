/**
 * Fused in-place updates for optimizers: one pass over the arrays instead of one op (and
 * one array) per term, rounding after every operation exactly as the op-by-op form does,
 * so results are bit-identical to it. Experimental: the shape of this API may change.
 */
import type { AdamScalars } from "../backends/backend.js";
import { getBackend } from "../backends/registry.js";
import { DTypeError, fmtShape, ShapeError, ValueError } from "../errors.js";
import { checkNDArray, type NDArray } from "../ndarray.js";
import { shapesEqual } from "../shape.js";

export interface AdamUpdateOptions {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** The update's 1-based count `t`, for the bias corrections `1 − βᵗ`. */
  step: number;
}

/**
 * Adam's update of `param` and its moments `m`, `v`, in place, from `grad`:
 * `m = β1·m + (1 − β1)·g; v = β2·v + (1 − β2)·g²; p += −lr·(m / (1 − β1ᵗ)) / (√(v / (1 − β2ᵗ)) + ε)`,
 * each operation rounded to the arrays' dtype (float32 or float64) as `mul`, `add`, `div`
 * and `sqrt` would round it.
 * @throws ValueError for non-arrays, non-contiguous `param`/`m`/`v` or non-finite options;
 *   ShapeError when shapes differ; DTypeError unless all four share a float dtype.
 */
export function experimental_adamUpdate(
  param: NDArray,
  grad: NDArray,
  m: NDArray,
  v: NDArray,
  options: AdamUpdateOptions,
): void {
  const op = "adamUpdate";
  for (const [name, x] of [
    ["param", param],
    ["grad", grad],
    ["m", m],
    ["v", v],
  ] as const) {
    checkNDArray(op, x, name);
    if (!shapesEqual(x.shape, param.shape)) {
      throw new ShapeError(op, `${name} has shape ${fmtShape(x.shape)}, param has shape ${fmtShape(param.shape)}`);
    }
    if (x.dtype !== param.dtype || (x.dtype !== "float32" && x.dtype !== "float64")) {
      throw new DTypeError(
        op,
        `param, grad, m and v must share a float dtype, got ${param.dtype} and ${x.dtype} (${name})`,
      );
    }
    if (name !== "grad" && !x.isContiguous) throw new ValueError(op, `${name} must be contiguous`);
  }
  const { learningRate, beta1, beta2, epsilon, step } = options;
  for (const [name, value] of Object.entries({ learningRate, beta1, beta2, epsilon, step })) {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new ValueError(op, `${name} must be a finite number, got ${String(value)}`);
    }
  }
  const round = param.dtype === "float32" ? Math.fround : (x: number) => x;
  const s: AdamScalars = {
    beta1: round(beta1),
    oneMinusBeta1: round(1 - beta1),
    beta2: round(beta2),
    oneMinusBeta2: round(1 - beta2),
    correction1: round(1 - beta1 ** step),
    correction2: round(1 - beta2 ** step),
    negLearningRate: round(-learningRate),
    epsilon: round(epsilon),
  };
  const g = grad.isContiguous ? grad : getBackend().copy(grad, grad.dtype);
  if (getBackend().adamUpdate?.(param, g, m, v, s)) return;
  adamLoop(param, g, m, v, s, round);
}

function adamLoop(
  param: NDArray,
  grad: NDArray,
  m: NDArray,
  v: NDArray,
  s: AdamScalars,
  round: (x: number) => number,
): void {
  const p = param.storage.view();
  const gv = grad.storage.view();
  const mv = m.storage.view();
  const vv = v.storage.view();
  const [po, go, mo, vo] = [param.offset, grad.offset, m.offset, v.offset];
  for (let i = 0; i < param.size; i++) {
    const gi = gv[go + i] as number;
    const mi = round(round(mv[mo + i] * s.beta1) + round(gi * s.oneMinusBeta1));
    const vi = round(round(vv[vo + i] * s.beta2) + round(round(gi * gi) * s.oneMinusBeta2));
    mv[mo + i] = mi;
    vv[vo + i] = vi;
    const stepValue = round(round(mi / s.correction1) * s.negLearningRate);
    const den = round(round(Math.sqrt(round(vi / s.correction2))) + s.epsilon);
    p[po + i] = round(p[po + i] + round(stepValue / den));
  }
}
