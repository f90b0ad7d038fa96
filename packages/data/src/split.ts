/**
 * Splitting, shuffling and batching `(X, y)` pairs along their first axis: a shuffled
 * train/test split, the book's chapter 19 shuffle, and its mini-batch loop.
 */
import { type DType, NDArray, type Random, random, slice, take, ValueError } from "@sinapse/tensor";
import { checkArray, checkCount, checkSameRows } from "./checks.js";

/** Inputs and targets with the same number of rows: a dataset, a split or a batch. */
export interface Pair<X extends DType = DType, Y extends DType = DType> {
  X: NDArray<X>;
  y: NDArray<Y>;
}

/** Options of {@link trainTestSplit}. */
export interface TrainTestSplitOptions {
  /** A fraction in (0, 1) of the samples (the test set gets ⌈testSize·n⌉), or a count ≥ 1; 0.25 by default. */
  testSize?: number;
  /** Shuffle before splitting (true by default); false keeps the order, test set last. */
  shuffle?: boolean;
  /** Generator for the shuffle; the shared `random` by default. */
  rng?: Random;
}

/**
 * Splits `(X, y)` into train and test sets. With `shuffle` (the default): p =
 * rng.permutation(n), test = rows p[0:nTest], train = rows p[nTest:] — the arithmetic of
 * scikit-learn's `train_test_split` (nTest = ⌈testSize·n⌉ for a fraction). Without: train
 * is the first n − nTest rows and test the rest (views, no copy).
 *
 * @example const { train, test } = trainTestSplit(X, y, { testSize: 0.2, rng: new Random(0) });
 * @throws ShapeError when X and y differ in rows; ValueError for a testSize that leaves
 *   either set empty.
 */
export function trainTestSplit<X extends DType, Y extends DType>(
  X: NDArray<X>,
  y: NDArray<Y>,
  options: TrainTestSplitOptions = {},
): { train: Pair<X, Y>; test: Pair<X, Y> } {
  const op = "trainTestSplit";
  checkArray(op, "X", X);
  checkArray(op, "y", y);
  checkSameRows(op, X, y);
  const n = X.shape[0] as number;
  const testSize = options.testSize ?? 0.25;
  let nTest: number;
  if (typeof testSize === "number" && testSize > 0 && testSize < 1) nTest = Math.ceil(testSize * n);
  else if (Number.isSafeInteger(testSize) && testSize >= 1) nTest = testSize;
  else throw new ValueError(op, `testSize must be a fraction in (0, 1) or an integer ≥ 1, got ${testSize}`);
  const nTrain = n - nTest;
  if (nTest < 1 || nTrain < 1) {
    throw new ValueError(op, `testSize ${testSize} of ${n} samples leaves ${nTrain} to train and ${nTest} to test`);
  }
  if (options.shuffle === false) {
    return {
      train: { X: slice(X, `:${nTrain}`) as NDArray<X>, y: slice(y, `:${nTrain}`) as NDArray<Y> },
      test: { X: slice(X, `${nTrain}:`) as NDArray<X>, y: slice(y, `${nTrain}:`) as NDArray<Y> },
    };
  }
  const order = (options.rng ?? random).permutation(n);
  return {
    train: pickRows(X, y, slice(order, `${nTest}:`)),
    test: pickRows(X, y, slice(order, `:${nTest}`)),
  };
}

function pickRows<X extends DType, Y extends DType>(X: NDArray<X>, y: NDArray<Y>, rows: NDArray): Pair<X, Y> {
  return { X: take(X, rows, 0) as NDArray<X>, y: take(y, rows, 0) as NDArray<Y> };
}

/**
 * Shuffles X and y by the same permutation, in the book's chapter 19 order: keys =
 * arange(n); rng.shuffle(keys); return X[keys], y[keys] (new arrays; the inputs are untouched).
 *
 * @example const { X: Xs, y: ys } = shuffleTogether(X, y, new Random(0));
 * @throws ShapeError when X and y differ in rows.
 */
export function shuffleTogether<X extends DType, Y extends DType>(
  X: NDArray<X>,
  y: NDArray<Y>,
  rng: Random = random,
): Pair<X, Y> {
  const op = "shuffleTogether";
  checkArray(op, "X", X);
  checkArray(op, "y", y);
  checkSameRows(op, X, y);
  const n = X.shape[0] as number;
  const keys = new Int32Array(n);
  for (let i = 0; i < n; i++) keys[i] = i;
  const keysArray = new NDArray(keys, [n]);
  rng.shuffle(keysArray);
  return pickRows(X, y, keysArray);
}

/**
 * Mini-batches of `(X, y)` in order, as the book's training loop: steps = ⌈n / batchSize⌉,
 * batch k = rows [k·batchSize, (k+1)·batchSize), the last one partial when batchSize does
 * not divide n. Each batch is a view (no copy).
 *
 * @example for (const { X: bx, y: by } of batches(X, y, 128)) { ... } // bx: [≤128, ...]
 * @throws ShapeError when X and y differ in rows; ValueError unless batchSize ≥ 1 is an integer.
 */
export function batches<X extends DType, Y extends DType>(
  X: NDArray<X>,
  y: NDArray<Y>,
  batchSize: number,
): Generator<Pair<X, Y>, void, undefined> {
  const op = "batches";
  checkArray(op, "X", X);
  checkArray(op, "y", y);
  checkSameRows(op, X, y);
  checkCount(op, "batchSize", batchSize, 1, Number.MAX_SAFE_INTEGER);
  return batchesOf(X, y, batchSize);
}

/** The generator behind {@link batches}, separate so that bad arguments throw at the call. */
function* batchesOf<X extends DType, Y extends DType>(
  X: NDArray<X>,
  y: NDArray<Y>,
  batchSize: number,
): Generator<Pair<X, Y>, void, undefined> {
  const n = X.shape[0] as number;
  const steps = Math.ceil(n / batchSize);
  for (let step = 0; step < steps; step++) {
    const index = `${step * batchSize}:${Math.min(n, (step + 1) * batchSize)}`;
    yield { X: slice(X, index) as NDArray<X>, y: slice(y, index) as NDArray<Y> };
  }
}
