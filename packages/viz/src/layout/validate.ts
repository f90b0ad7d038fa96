/**
 * Checks on what the pictures are given. Each returns `null` when the data can be drawn,
 * or the reason it cannot ("weights[1] must be [4,3], got [3,4]"), which the components
 * show as "cannot draw: …" instead of throwing.
 */

/** A matrix as nested rows: `matrix[i][j]`. */
export type Matrix = readonly (readonly number[])[];

/** Index of the first NaN or ±Infinity in `values`, or -1. */
export function firstNonFinite(values: ArrayLike<number>): number {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) return i;
  }
  return -1;
}

/** "NaN", "Infinity", "-Infinity", or what `typeof` says for a non-number. */
export function describeValue(v: unknown): string {
  return typeof v === "number" ? String(v) : v === null ? "null" : typeof v;
}

/** Reason a layer-size list cannot be drawn, or null. */
export function validateSizes(sizes: readonly number[] | undefined): string | null {
  if (!Array.isArray(sizes) || sizes.length === 0) return "no layers to draw (sizes is empty)";
  if (sizes.length < 2) return `needs at least an input and an output layer, got [${sizes.join(",")}]`;
  if (sizes.some((n) => !Number.isSafeInteger(n) || n < 1)) {
    return `layer sizes must be positive integers, got [${sizes.join(",")}]`;
  }
  return null;
}

/** "1 matrix", "2 matrices". */
const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

function checkMatrices(what: string, ms: readonly Matrix[], sizes: readonly number[]): string | null {
  if (!Array.isArray(ms)) return `${what} must be an array of matrices, got ${describeValue(ms)}`;
  const expected = sizes.length - 1;
  if (ms.length !== expected) {
    return `${what} has ${count(ms.length, "matrix", "matrices")}, expected ${expected} for ${sizes.length} layers [${sizes.join(",")}]`;
  }
  for (let l = 0; l < expected; l++) {
    const m = ms[l] as Matrix;
    const rows = sizes[l] as number;
    const cols = sizes[l + 1] as number;
    if (!Array.isArray(m) || m.length !== rows) {
      const got = Array.isArray(m) ? `[${m.length},${m[0]?.length ?? 0}]` : describeValue(m);
      return `${what}[${l}] must be [${rows},${cols}], got ${got}`;
    }
    for (let i = 0; i < rows; i++) {
      const row = m[i] as readonly number[];
      if (!row || row.length !== cols) {
        return `${what}[${l}] must be [${rows},${cols}], but row ${i} has ${row ? row.length : 0} values`;
      }
      const j = firstNonFinite(row);
      if (j >= 0) {
        return `${what}[${l}][${i}][${j}] is ${describeValue(row[j])} (layer ${l}, neuron ${i} → neuron ${j})`;
      }
    }
  }
  return null;
}

function checkVectors(what: string, vs: readonly (readonly number[])[], sizes: readonly number[]): string | null {
  if (!Array.isArray(vs)) return `${what} must be an array of vectors, got ${describeValue(vs)}`;
  const expected = sizes.length - 1;
  if (vs.length !== expected) {
    return `${what} has ${count(vs.length, "vector", "vectors")}, expected ${expected} for ${sizes.length} layers [${sizes.join(",")}]`;
  }
  for (let l = 0; l < expected; l++) {
    const v = vs[l];
    const n = sizes[l + 1] as number;
    if (!v || v.length !== n) return `${what}[${l}] must have ${n} values, got ${v ? v.length : "nothing"}`;
    const j = firstNonFinite(v);
    if (j >= 0) return `${what}[${l}][${j}] is ${describeValue(v[j])} (layer ${l + 1}, neuron ${j})`;
  }
  return null;
}

/** What a network diagram draws; every part but `sizes` is optional. */
export interface NetworkData {
  sizes: readonly number[];
  /** `weights[l][i][j]`: from neuron i of layer l to neuron j of layer l + 1. */
  weights?: readonly Matrix[] | undefined;
  /** `biases[l][j]`: bias of neuron j of layer l + 1. */
  biases?: readonly (readonly number[])[] | undefined;
  /** ∂L/∂weights and ∂L/∂biases, same shapes as weights and biases. */
  gradients?:
    | { weights?: readonly Matrix[] | undefined; biases?: readonly (readonly number[])[] | undefined }
    | undefined;
}

/**
 * Why a network cannot be drawn, or null: too few layers, weight/bias arrays that do not
 * match the sizes, or a NaN/Infinity (named by layer and index).
 *
 * @example validateNetwork({ sizes: [2, 4, 3], weights: [w2x4] }) // "weights has 1 matrix, expected 2 …"
 */
export function validateNetwork(data: NetworkData): string | null {
  const { sizes } = data;
  return (
    validateSizes(sizes) ??
    (data.weights !== undefined ? checkMatrices("weights", data.weights, sizes) : null) ??
    (data.biases !== undefined ? checkVectors("biases", data.biases, sizes) : null) ??
    (data.gradients?.weights !== undefined
      ? checkMatrices("gradients.weights", data.gradients.weights, sizes)
      : null) ??
    (data.gradients?.biases !== undefined ? checkVectors("gradients.biases", data.gradients.biases, sizes) : null)
  );
}
