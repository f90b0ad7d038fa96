/** The `{ X, y }` pair every dataset function returns. */
import type { DType, NDArray, Random } from "@sinapse/tensor";

/**
 * Inputs and targets of a dataset. Classification sets give int32 class indices `[n]`
 * (what the losses index with); regression sets give float32 targets `[n, 1]`.
 */
export interface Dataset<Y extends DType = "int32"> {
  /** Inputs, `[n, features]`, float32. */
  X: NDArray<"float32">;
  /** Targets: class index of each sample `[n]` (int32), or regression values `[n, 1]` (float32). */
  y: NDArray<Y>;
}

/** The generator option shared by the random datasets. */
export interface RandomOptions {
  /** Generator for the noise; the shared `random` (seeded 0, as `nnfs.init()`) by default. */
  rng?: Random;
}
