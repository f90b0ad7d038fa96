/**
 * Shapes and strides: sizes, row-major strides, validation, and the shape of a nested list.
 */
import { fmtShape, ShapeError, ValueError } from "./errors.js";

/** A shape is a list of non-negative integer dimension sizes; `[]` is a scalar (0-d). */
export type Shape = readonly number[];

/** A nested list of numbers (or booleans), as accepted by `array()`. */
export type NestedArray = number | boolean | readonly NestedArray[];

/** Number of elements of an array of this shape (1 for a scalar). */
export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major (C-order) strides, in elements, for a contiguous array of this shape. */
export function contiguousStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let step = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = step;
    step *= shape[i];
  }
  return strides;
}

/** The most elements one array may hold (typed arrays beyond this cannot be allocated). */
export const MAX_LENGTH = 2 ** 31 - 1;

/** Throws `ShapeError` unless every dimension is a non-negative safe integer, and `ValueError` for arrays too large to allocate. */
export function checkShape(op: string, shape: Shape): void {
  if (!Array.isArray(shape)) {
    throw new ShapeError(op, `shape must be an array of integers, got ${String(shape)}`);
  }
  for (const d of shape) {
    if (typeof d !== "number" || !Number.isSafeInteger(d) || d < 0) {
      throw new ShapeError(op, `shape must hold non-negative integers, got [${shape.map(String).join(",")}]`);
    }
  }
  if (sizeOf(shape) > MAX_LENGTH) {
    throw new ValueError(
      op,
      `shape ${fmtShape(shape)} has ${sizeOf(shape)} elements, more than an array can hold (${MAX_LENGTH})`,
    );
  }
}

/** True when both shapes have the same dimensions. */
export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Normalises a possibly negative axis into `[0, ndim)`, or throws `ValueError`. */
export function normalizeAxis(op: string, axis: number, ndim: number): number {
  if (!Number.isInteger(axis) || axis < -ndim || axis >= ndim) {
    throw new ValueError(op, `axis ${axis} is out of bounds for an array of ${ndim} dimensions`);
  }
  return axis < 0 ? axis + ndim : axis;
}

/**
 * The shape of a nested list, checking that it is rectangular and holds only numbers.
 *
 * @example inferShape([[1, 2], [3, 4]]) // [2, 2]
 * @throws ShapeError naming the first index where the list is ragged.
 */
export function inferShape(op: string, data: NestedArray): number[] {
  const shape: number[] = [];
  let probe: NestedArray = data;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    if (probe.length === 0) break;
    probe = probe[0] as NestedArray;
  }
  checkNested(op, data, shape, []);
  return shape;
}

function checkNested(op: string, node: NestedArray, shape: Shape, at: number[]): void {
  const depth = at.length;
  if (depth === shape.length) {
    if (Array.isArray(node)) {
      throw new ShapeError(
        op,
        `ragged nested list: expected a number at index ${fmtShape(at)}, got a list (shape from the first elements is ${fmtShape(shape)})`,
      );
    }
    if (typeof node !== "number" && typeof node !== "boolean") {
      throw new ValueError(op, `element at index ${fmtShape(at)} is a ${typeof node}, expected a number or boolean`);
    }
    return;
  }
  if (!Array.isArray(node)) {
    throw new ShapeError(
      op,
      `ragged nested list: expected a list of length ${shape[depth]} at index ${fmtShape(at)}, got ${typeof node === "number" ? `the number ${node}` : typeof node}`,
    );
  }
  if (node.length !== shape[depth]) {
    throw new ShapeError(
      op,
      `ragged nested list: the list at index ${fmtShape(at)} has length ${node.length}, expected ${shape[depth]} like its first sibling`,
    );
  }
  for (let i = 0; i < node.length; i++) {
    at.push(i);
    checkNested(op, node[i] as NestedArray, shape, at);
    at.pop();
  }
}
