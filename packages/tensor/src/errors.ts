/**
 * Typed errors shared by every Sinapse package.
 *
 * Messages follow one pattern, `op: problem, got …`, so that a user can tell from the
 * message alone which call failed and with which shapes or values.
 */

/** Base class of every error Sinapse throws on bad input. */
export class SinapseError extends Error {
  /** The public operation that rejected its input, e.g. `"matmul"`. */
  readonly op: string;

  constructor(op: string, message: string) {
    super(`${op}: ${message}`);
    this.op = op;
    this.name = new.target.name;
  }
}

/** Shapes that do not fit the operation (broadcasting, inner dimensions, ragged lists). */
export class ShapeError extends SinapseError {}

/** A dtype the operation does not support. */
export class DTypeError extends SinapseError {}

/** An index out of bounds (take, slicing with a plain index, set). */
export class IndexError extends SinapseError {}

/** A value out of the accepted range or of the wrong kind (sizes, counts, rates). */
export class ValueError extends SinapseError {}

/** Bytes or text that do not follow the expected format (files, serialized models). */
export class FormatError extends SinapseError {}

/** Formats a shape as `[2,3]` for error messages. */
export function fmtShape(shape: readonly number[]): string {
  return `[${shape.join(",")}]`;
}

/** A synchronous read (`dataSync`, `item`, `toArray`, printing) of an array in GPU memory. */
export class GpuReadError extends SinapseError {}

/** An op or dtype the webgpu backend does not run. */
export class WebGpuUnsupportedError extends SinapseError {}
