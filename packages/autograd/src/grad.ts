/**
 * Functional gradients: `grad(fn)` and `valueAndGrad(fn)` differentiate a function of
 * tensors without touching any `.grad`, and nest (`grad(grad(f))`).
 */
import { type NDArray, type NestedArray, ValueError, zerosLike } from "@sinapse/tensor";
import { runBackward, topologicalOrder } from "./backward.js";
import { withGradMode } from "./graph.js";
import { Tensor, tensor } from "./tensor.js";

export type GradArg = Tensor | NDArray | NestedArray;

export interface GradOptions {
  /** Which arguments to differentiate with respect to: an index or a list (0 by default). */
  argnums?: number | readonly number[];
}

function asLeaf(x: GradArg): Tensor {
  if (x instanceof Tensor) return x.requiresGrad ? x : x.detach().requiresGrad_(true);
  const t = tensor(x as NestedArray);
  if (t.dtype !== "float32" && t.dtype !== "float64")
    return new Tensor(t.value.astype("float32"), { requiresGrad: true });
  return t.requiresGrad_(true);
}

/**
 * `valueAndGrad(fn)(...args)` → `[fn(...args), ∂fn/∂args[argnums]]`. `fn` must return a
 * one-element tensor. A tensor argument that already requires grad is used as is, so the
 * gradient is itself differentiable (nesting works); others become fresh leaves.
 * @example const [y, dy] = valueAndGrad((x) => x.mul(x).sum())(tensor([1, 2])); // dy = 2x
 */
export function valueAndGrad<Args extends GradArg[]>(fn: (...args: Tensor[]) => Tensor, options: GradOptions = {}) {
  const argnums = options.argnums ?? 0;
  const list = typeof argnums === "number" ? [argnums] : [...argnums];
  return (...args: Args): [Tensor, Tensor | Tensor[]] => {
    for (const i of list) {
      if (!Number.isInteger(i) || i < 0 || i >= args.length) {
        throw new ValueError("grad", `argnums ${i} is out of range for ${args.length} argument(s)`);
      }
    }
    args.forEach((a, i) => {
      if (a === undefined || a === null || (typeof a !== "object" && typeof a !== "number" && typeof a !== "boolean")) {
        throw new ValueError(
          "grad",
          `argument ${i} must be a Tensor, an NDArray, a number or a nested list, got ${a === null ? "null" : typeof a}`,
        );
      }
    });
    // Gradients are computed even inside noGrad (as JAX does), so grad(grad(f)) and
    // gradcheck of a gradient work.
    return withGradMode(true, () => {
      const inputs = args.map((a, i) =>
        list.includes(i) ? asLeaf(a) : a instanceof Tensor ? a : tensor(a as NestedArray),
      );
      const out = fn(...inputs);
      if (!(out instanceof Tensor) || out.size !== 1) {
        throw new ValueError(
          "grad",
          `the function must return a one-element Tensor, got ${out instanceof Tensor ? `shape [${out.shape}]` : typeof out}`,
        );
      }
      const targets = list.map((i) => inputs[i] as Tensor);
      // Record the backward pass when an outer grad() may differentiate this gradient again:
      // a differentiated argument already required grad on entry, or the result depends on
      // another tensor that requires grad (an outer variable captured by a closure).
      const own = new Set(targets);
      const tracked = list.some((i) => args[i] instanceof Tensor && (args[i] as Tensor).requiresGrad);
      const nested =
        out.requiresGrad && (tracked || topologicalOrder(out).some((t) => t.isLeaf && t.requiresGrad && !own.has(t)));
      const found = out.requiresGrad
        ? runBackward(out, undefined, { targets, createGraph: nested })
        : new Map<Tensor, Tensor>();
      const grads = targets.map((t) => found.get(t) ?? new Tensor(zerosLike(t.value)));
      return [out, typeof argnums === "number" ? (grads[0] as Tensor) : grads] as [Tensor, Tensor | Tensor[]];
    });
  };
}

/** `grad(fn)(...args)` → ∂fn/∂args[argnums], without touching `.grad`. See `valueAndGrad`. */
export function grad<Args extends GradArg[]>(fn: (...args: Tensor[]) => Tensor, options: GradOptions = {}) {
  const inner = valueAndGrad<Args>(fn, options);
  return (...args: Args): Tensor | Tensor[] => inner(...args)[1];
}
