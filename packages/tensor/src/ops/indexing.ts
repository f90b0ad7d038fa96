/**
 * Indexing: NumPy-style basic slicing as views (`slice`), writing into a slice (`set`),
 * gathering along an axis with int32 indices (`take`), and `oneHot`.
 *
 * An index is a list with one item per leading axis, or the same as a string:
 * - a number picks one position and drops the axis (negative counts from the end);
 * - `"start:stop:step"` (any part optional, negatives allowed) or `{ start, stop, step }`
 *   keeps the axis; `":"` or `null` keeps it whole;
 * - `"..."` stands for as many `":"` as needed.
 * `slice(a, "1:, ::-1")` is NumPy's `a[1:, ::-1]`; `slice(a, [0, { stop: 2 }])` is `a[0, :2]`.
 */
import { getBackend } from "../backends/registry.js";
import { arange } from "../creation.js";
import { checkDType, type DType, fitsInt32 } from "../dtype.js";
import { DTypeError, fmtShape, IndexError, ShapeError, ValueError } from "../errors.js";
import { E, type Expr } from "../expr/expr.js";
import { checkNDArray, NDArray } from "../ndarray.js";
import { normalizeAxis, sizeOf } from "../shape.js";
import { type ArrayLike, add, scalar } from "./elementwise.js";
import { map } from "./map.js";
import { broadcastTo, copy, reshape } from "./movement.js";

export interface SliceSpec {
  start?: number | null;
  stop?: number | null;
  step?: number | null;
}

export type IndexItem = number | string | SliceSpec | null;
export type Index = string | readonly IndexItem[];

function parseItem(op: string, text: string): IndexItem {
  const t = text.trim();
  if (t === "..." || t === ":" || t === "") return t === "..." ? "..." : null;
  const parts = t.split(":");
  const num = (s: string | undefined): number | null => {
    if (s === undefined || s.trim() === "") return null;
    if (!/^\s*[+-]?\d+\s*$/.test(s)) throw new ValueError(op, `cannot read index "${text}": "${s}" is not an integer`);
    return Number(s);
  };
  if (parts.length === 1) return num(parts[0]) as number;
  if (parts.length > 3) throw new ValueError(op, `cannot read index "${text}": too many ':'`);
  return { start: num(parts[0]), stop: num(parts[1]), step: num(parts[2]) };
}

/** The index as a list of items (a string is split on commas). */
export function parseIndex(op: string, index: Index): IndexItem[] {
  if (typeof index === "string") return index.split(",").map((part) => parseItem(op, part));
  if (!Array.isArray(index)) throw new ValueError(op, `index must be a string or a list, got ${typeof index}`);
  return index.map((item) => (typeof item === "string" ? parseItem(op, item) : item));
}

/** start, step and length of a slice over an axis of `len`, as Python's slice.indices. */
function sliceBounds(op: string, spec: SliceSpec, len: number): [number, number, number] {
  const step = spec.step ?? 1;
  if (!Number.isInteger(step) || step === 0)
    throw new ValueError(op, `slice step must be a non-zero integer, got ${step}`);
  const norm = (v: number | null | undefined, dflt: number, lo: number, hi: number): number => {
    if (v === null || v === undefined) return dflt;
    if (!Number.isInteger(v)) throw new ValueError(op, `slice bounds must be integers, got ${v}`);
    const w = v < 0 ? v + len : v;
    return Math.min(hi, Math.max(lo, w));
  };
  const start = step > 0 ? norm(spec.start, 0, 0, len) : norm(spec.start, len - 1, -1, len - 1);
  const stop = step > 0 ? norm(spec.stop, len, 0, len) : norm(spec.stop, -1, -1, len - 1);
  const length = Math.max(0, Math.ceil((stop - start) / step));
  return [start, step, length];
}

/**
 * A view of part of `a` (basic slicing; shares storage, no copy).
 * @example slice(arange(10), "::-2").toArray() // [9, 7, 5, 3, 1]
 * @throws IndexError for a position outside its axis; ValueError for too many indices.
 */
export function slice(a: NDArray, index: Index): NDArray {
  checkNDArray("slice", a);
  const items = parseIndex("slice", index);
  const ellipses = items.filter((it) => it === "...").length;
  if (ellipses > 1) throw new ValueError("slice", "an index can only have a single ellipsis ('...')");
  const explicit = items.length - ellipses;
  if (explicit > a.ndim) {
    throw new IndexError("slice", `too many indices: ${explicit} for an array of shape ${fmtShape(a.shape)}`);
  }
  const expanded: IndexItem[] = [];
  for (const it of items) {
    if (it === "...") for (let i = 0; i < a.ndim - explicit; i++) expanded.push(null);
    else expanded.push(it);
  }
  while (expanded.length < a.ndim) expanded.push(null);

  let offset = a.offset;
  const shape: number[] = [];
  const strides: number[] = [];
  expanded.forEach((it, axis) => {
    const len = a.shape[axis];
    const stride = a.strides[axis];
    if (typeof it === "number") {
      if (!Number.isInteger(it)) throw new IndexError("slice", `index ${it} is not an integer`);
      if (it < -len || it >= len)
        throw new IndexError("slice", `index ${it} out of bounds for axis ${axis} of size ${len}`);
      offset += (it < 0 ? it + len : it) * stride;
      return;
    }
    if (it !== null && (typeof it !== "object" || Array.isArray(it))) {
      throw new ValueError("slice", `unsupported index item ${JSON.stringify(it)} for axis ${axis}`);
    }
    const [start, step, length] = sliceBounds("slice", it ?? {}, len);
    if (length > 0) offset += start * stride;
    shape.push(length);
    strides.push(stride * step);
  });
  return new NDArray(a.storage, shape, strides, offset);
}

/**
 * Writes `value` (a number or an array broadcast to the slice) into `a[index]`, in place.
 * Validates everything before writing, so a failed call changes nothing.
 * @example set(zeros([3, 3]), "1, :", 7) // row 1 becomes 7 7 7
 * @throws ShapeError when `value` does not broadcast to the slice.
 */
export function set(a: NDArray, index: Index, value: ArrayLike): void {
  checkNDArray("set", a);
  const target = slice(a, index);
  if (a.shape.some((d, i) => d > 1 && a.strides[i] === 0)) {
    throw new ValueError("set", "cannot write through a broadcast view: its elements are shared (copy() it first)");
  }
  let v: NDArray;
  if (value instanceof NDArray) v = value.storage === a.storage ? copy(value) : value;
  else if (typeof value === "number" || typeof value === "boolean") v = scalar(Number(value), a.dtype);
  else throw new ValueError("set", `value must be an NDArray, a number or a boolean, got ${typeof value}`);
  // Leading size-1 dimensions beyond the slice's rank are dropped, as NumPy does.
  while (v.ndim > target.ndim && v.shape[0] === 1) v = reshape(v, v.shape.slice(1));
  try {
    broadcastTo(v, target.shape);
  } catch {
    throw new ShapeError(
      "set",
      `value of shape ${fmtShape(v.shape)} cannot be broadcast to the slice's shape ${fmtShape(target.shape)}`,
    );
  }
  getBackend().assign(target, v);
}

function indexList(op: string, indices: NDArray | readonly number[]): NDArray {
  if (indices instanceof NDArray) {
    if (indices.dtype !== "int32") throw new DTypeError(op, `indices must be int32, got ${indices.dtype}`);
    return indices;
  }
  if (!Array.isArray(indices) || indices.some((i) => !Number.isInteger(i))) {
    throw new DTypeError(op, "indices must be an int32 NDArray or a list of integers");
  }
  // Check the JS numbers before they become int32 (2 ** 32 + 1 would wrap to 1).
  const wild = indices.find((i) => !fitsInt32(i));
  if (wild !== undefined) throw new IndexError(op, `index ${wild} is out of the int32 range`);
  return new NDArray(Int32Array.from(indices), [indices.length]);
}

/**
 * Gathers along `axis` (the flattened array when omitted) at int32 `indices`; negative
 * indices count from the end. Output shape: `a.shape[:axis] + indices.shape + a.shape[axis+1:]`.
 * @example take(array([[1, 2], [3, 4], [5, 6]]), [2, 0], 0) // [[5, 6], [1, 2]]
 * @throws IndexError `take: index 7 out of bounds for axis 0 of size 3`.
 */
export function take(a: NDArray, indices: NDArray | readonly number[], axis?: number): NDArray {
  checkNDArray("take", a);
  const idx = indexList("take", indices);
  const source = axis === undefined ? reshape(a, [a.size]) : a;
  const ax = axis === undefined ? 0 : normalizeAxis("take", axis, a.ndim);
  const len = source.shape[ax];
  const flat = Int32Array.from(idx.dataSync() as Int32Array);
  for (let i = 0; i < flat.length; i++) {
    const j = flat[i];
    if (j < -len || j >= len) throw new IndexError("take", `index ${j} out of bounds for axis ${ax} of size ${len}`);
    if (j < 0) flat[i] = j + len;
  }
  const gathered = getBackend().take(source, flat, ax);
  return reshape(gathered, [...source.shape.slice(0, ax), ...idx.shape, ...source.shape.slice(ax + 1)]);
}

/** `label == class`, broadcast to one-hot rows. */
const isClass = (label: Expr, klass: Expr) => E.eq(label, klass);

/**
 * The flat (row-major) positions in an array of `shape` that `takeAlongAxis(a, indices, axis)`
 * reads: `indices` has `shape` except along `axis`, and each of its entries picks a position
 * along that axis (negative counts from the end). Shared by autograd's `gather`.
 * @throws ValueError for non-int32 indices; ShapeError when the shapes do not fit;
 *   IndexError for an index out of range.
 */
export function alongAxisPositions(shape: readonly number[], indices: NDArray, axis: number): Int32Array {
  const op = "takeAlongAxis";
  checkNDArray(op, indices, "indices");
  if (indices.dtype !== "int32") throw new DTypeError(op, `indices must be int32, got ${indices.dtype}`);
  const ax = normalizeAxis(op, axis, shape.length);
  const fits = indices.ndim === shape.length && indices.shape.every((d, i) => i === ax || d === (shape[i] as number));
  if (!fits) {
    throw new ShapeError(
      op,
      `indices must have the array's shape ${fmtShape(shape)} except along axis ${ax}, got ${fmtShape(indices.shape)}`,
    );
  }
  const len = shape[ax] as number;
  const values = indices.dataSync() as Int32Array;
  const out = new Int32Array(values.length);
  // Row-major walk over indices' shape: the position is Σ coordᵢ·strideᵢ with coord_axis = index.
  const strides = shape.map((_, i) => sizeOf(shape.slice(i + 1)));
  const ishape = indices.shape;
  const coord = new Array<number>(ishape.length).fill(0);
  for (let k = 0; k < values.length; k++) {
    let j = values[k] as number;
    if (j < -len || j >= len) throw new IndexError(op, `index ${j} out of bounds for axis ${ax} of size ${len}`);
    if (j < 0) j += len;
    let pos = 0;
    for (let d = 0; d < ishape.length; d++) pos += (d === ax ? j : (coord[d] as number)) * (strides[d] as number);
    out[k] = pos;
    for (let d = ishape.length - 1; d >= 0; d--) {
      if (++(coord[d] as number) < (ishape[d] as number)) break;
      coord[d] = 0;
    }
  }
  return out;
}

/**
 * Picks one element per position along `axis` (NumPy's `take_along_axis`, PyTorch's
 * `gather`): `out[i, j] = a[i, indices[i, j]]` for `axis = 1`. `indices` (int32) has `a`'s
 * shape except along `axis`.
 * @example takeAlongAxis(array([[10, 20], [30, 40]]), array([[1], [0]], { dtype: "int32" }), 1) // [[20], [30]]
 * @throws as `alongAxisPositions`.
 */
export function takeAlongAxis(a: NDArray, indices: NDArray, axis: number): NDArray {
  checkNDArray("takeAlongAxis", a);
  const positions = alongAxisPositions(a.shape, indices, axis);
  const flat = reshape(a, [a.size]);
  return reshape(getBackend().take(flat, positions, 0), indices.shape);
}

/**
 * One-hot rows for class indices: `[...] → [..., depth]` with 1 at each index.
 * `check: false` computes the rows on the backend (`indices[..., None] == arange(depth)`)
 * without reading the indices back, for a compiled step or a GPU; an index outside
 * `[0, depth)` then gives a row of zeros instead of an error.
 * @example oneHot([0, 2], 3).toArray() // [[1, 0, 0], [0, 0, 1]]
 * @throws IndexError for an index outside `[0, depth)` (unless `check: false`).
 */
export function oneHot(
  indices: NDArray | readonly number[],
  depth: number,
  options: { dtype?: DType; check?: boolean } = {},
): NDArray {
  const idx = indexList("oneHot", indices);
  if (!Number.isSafeInteger(depth) || depth < 1)
    throw new ValueError("oneHot", `depth must be a positive integer, got ${depth}`);
  const dtype = checkDType("oneHot", options.dtype ?? "float32");
  if (options.check === false) {
    const classes = arange(0, depth, 1, { dtype: "int32" });
    return map(isClass, [reshape(idx, [...idx.shape, 1]), classes], { dtype });
  }
  const values = idx.dataSync() as Int32Array;
  const storage = getBackend().alloc(dtype, sizeOf(idx.shape) * depth);
  const view = storage.view();
  for (let i = 0; i < values.length; i++) {
    const c = values[i];
    if (c < 0 || c >= depth) throw new IndexError("oneHot", `index ${c} out of bounds for depth ${depth}`);
    view[i * depth + c] = 1;
  }
  return new NDArray(storage, [...idx.shape, depth]);
}

/**
 * In place: `target[..., indices[t], ...] += source[..., t, ...]` along `axis`; repeated
 * indices accumulate (the gradient of `take`). `source` has `target`'s shape with the axis
 * replaced by `indices.shape` (flattened).
 * @throws IndexError for an index outside the axis; ShapeError when `source` does not fit.
 */
export function indexAdd(
  target: NDArray,
  axis: number,
  indices: NDArray | readonly number[],
  source: NDArray,
): NDArray {
  checkNDArray("indexAdd", target, "target");
  checkNDArray("indexAdd", source, "source");
  const ax = normalizeAxis("indexAdd", axis, target.ndim);
  const idx = indexList("indexAdd", indices);
  const flat = idx.dataSync() as Int32Array;
  const len = target.shape[ax];
  const expected = [...target.shape.slice(0, ax), flat.length, ...target.shape.slice(ax + 1)];
  if (source.ndim !== expected.length || source.shape.some((d, i) => d !== expected[i])) {
    throw new ShapeError(
      "indexAdd",
      `source of shape ${fmtShape(source.shape)} does not fit: expected ${fmtShape(expected)}`,
    );
  }
  for (const j of flat) {
    if (j < -len || j >= len)
      throw new IndexError("indexAdd", `index ${j} out of bounds for axis ${ax} of size ${len}`);
  }
  const at = (a: NDArray, i: number): NDArray => slice(a, [...new Array<null>(ax).fill(null), i]);
  const backend = getBackend();
  flat.forEach((j, t) => {
    const dst = at(target, j < 0 ? j + len : j);
    backend.assign(dst, add(dst, at(source, t)));
  });
  return target;
}
