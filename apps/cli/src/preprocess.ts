/**
 * Input preprocessing that a model carries in its file, so that `evaluate` and `predict`
 * transform new inputs exactly as training did: nothing, a fixed linear scaling (the book's
 * pixels [0, 255] → [−1, 1]) or standardisation with the training set's mean and std.
 */
import { scaleToRange, standardize } from "@sinapse/data";
import { array, type NDArray } from "@sinapse/tensor";

export type Preprocess =
  | { type: "none" }
  | { type: "scale"; from: [number, number]; to: [number, number] }
  | { type: "standardize"; mean: number[]; std: number[] };

/** `X` `[n, features]` transformed by `p`, float32. */
export function applyPreprocess(p: Preprocess, X: NDArray<"float32">): NDArray<"float32"> {
  switch (p.type) {
    case "none":
      return X;
    case "scale":
      return scaleToRange(X, p.to[0], p.to[1], { from: p.from });
    case "standardize":
      return standardize(X, { mean: array(Float64Array.from(p.mean)), std: array(Float64Array.from(p.std)) }).X;
  }
}

/** Standardisation fitted on `X` (a training set). */
export function fitStandardize(X: NDArray<"float32">): Preprocess {
  const { mean, std } = standardize(X);
  return { type: "standardize", mean: Array.from(mean.dataSync()), std: Array.from(std.dataSync()) };
}
