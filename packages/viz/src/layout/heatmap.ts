/**
 * Pixels for the canvas pictures, as pure functions: a grid of values over the 2-D input
 * plane → an RGBA `Uint8ClampedArray` (one pixel per cell, row 0 at the top). Used by the
 * decision-boundary heatmap (class colours, lighter where the model is unsure) and the
 * neuron thumbnails (the diverging blue–orange scale).
 */

import { ValueError } from "@sinapse/tensor/errors";
import { CLASS_COLORS, divergingRgb, hexToRgb, mixRgb, type Rgb } from "./color.js";
import { describeValue, firstNonFinite } from "./validate.js";

/** One value per cell, `values[r·cols + c]`; row 0 is the top of the picture (largest y). */
export interface ValueGrid {
  cols: number;
  rows: number;
  values: ArrayLike<number>;
}

/**
 * Class scores per cell, `values[(r·cols + c)·classes + k]` (e.g. softmax outputs); with
 * `classes: 1`, one probability of class 1 per cell (a sigmoid output).
 */
export interface ClassGrid extends ValueGrid {
  classes: number;
}

/** Why a grid cannot be drawn, or null: bad dimensions, a wrong number of values, NaN. */
export function validateGrid(grid: ValueGrid | ClassGrid, what = "grid"): string | null {
  const channels = "classes" in grid ? grid.classes : 1;
  for (const [name, n] of [
    ["cols", grid.cols],
    ["rows", grid.rows],
    ["classes", channels],
  ] as const) {
    if (!Number.isSafeInteger(n) || n < 1) return `${what}.${name} must be a positive integer, got ${describeValue(n)}`;
  }
  const expected = grid.cols * grid.rows * channels;
  if (!grid.values || grid.values.length !== expected) {
    const shape = channels === 1 ? `${grid.rows}×${grid.cols}` : `${grid.rows}×${grid.cols}×${channels}`;
    return `${what} needs ${expected} values (${shape}), got ${grid.values ? grid.values.length : "nothing"}`;
  }
  const i = firstNonFinite(grid.values);
  if (i >= 0) {
    const cell = Math.floor(i / channels);
    return `${what}.values[${i}] is ${describeValue(grid.values[i])} (row ${Math.floor(cell / grid.cols)}, column ${cell % grid.cols})`;
  }
  return null;
}

/**
 * The centres of a `cols × rows` grid over `[x0, x1] × [y0, y1]`, as `[x, y]` pairs in the
 * order the grids use (row 0 at the top, i.e. y1): feed them to the model, get a grid back.
 *
 * @example gridPoints(2, 2, [0, 1], [0, 1]) // [0.25,0.75, 0.75,0.75, 0.25,0.25, 0.75,0.25]
 */
export function gridPoints(
  cols: number,
  rows: number,
  xDomain: readonly [number, number],
  yDomain: readonly [number, number],
): Float32Array {
  const out = new Float32Array(cols * rows * 2);
  const [x0, x1] = xDomain;
  const [y0, y1] = yDomain;
  for (let r = 0; r < rows; r++) {
    const y = y1 - ((r + 0.5) * (y1 - y0)) / rows;
    for (let c = 0; c < cols; c++) {
      const k = 2 * (r * cols + c);
      out[k] = x0 + ((c + 0.5) * (x1 - x0)) / cols;
      out[k + 1] = y;
    }
  }
  return out;
}

const WHITE: Rgb = [255, 255, 255];
/** How much class colour a cell gets at no confidence and at full confidence. */
const LEAST = 0.12;
const MOST = 0.8;

/**
 * Winning class and confidence in [0, 1] of one cell. With k classes, the top score p
 * maps 1/k → 0 and 1 → 1; with one channel, p is P(class 1) and confidence is |2p − 1|.
 */
export function cellClass(
  values: ArrayLike<number>,
  offset: number,
  classes: number,
): { k: number; confidence: number } {
  if (classes === 1) {
    const p = values[offset] as number;
    return { k: p >= 0.5 ? 1 : 0, confidence: Math.min(1, Math.abs(2 * p - 1)) };
  }
  let k = 0;
  let best = values[offset] as number;
  for (let j = 1; j < classes; j++) {
    const v = values[offset + j] as number;
    if (v > best) {
      best = v;
      k = j;
    }
  }
  const chance = 1 / classes;
  return { k, confidence: Math.max(0, Math.min(1, (best - chance) / (1 - chance))) };
}

/**
 * RGBA pixels of a decision boundary: each cell in its winning class's colour, mixed with
 * white from {@link LEAST} (unsure) to {@link MOST} (certain). Opaque.
 */
export function classPixels(
  grid: ClassGrid,
  colors: readonly string[] = CLASS_COLORS,
  options: { discrete?: boolean } = {},
): Uint8ClampedArray {
  const reason = validateGrid(grid);
  if (reason) throw new ValueError("classPixels", reason);
  const { cols, rows, classes, values } = grid;
  const palette = colors.map(hexToRgb);
  const out = new Uint8ClampedArray(cols * rows * 4);
  for (let cell = 0; cell < cols * rows; cell++) {
    const { k, confidence: c } = cellClass(values, cell * classes, classes);
    // Discrete: every cell in its class's full colour, the boundary as a sharp edge.
    const confidence = options.discrete ? 1 : c;
    const rgb = mixRgb(WHITE, palette[k % palette.length] ?? WHITE, LEAST + (MOST - LEAST) * confidence);
    out.set(rgb, cell * 4);
    out[cell * 4 + 3] = 255;
  }
  return out;
}

/**
 * RGBA pixels of one value per cell on the diverging scale (blue positive, orange
 * negative, white 0), relative to `maxAbs` (default: the grid's largest |value|). Opaque.
 * `discrete`: only the sign, each cell at full colour.
 */
export function valuePixels(grid: ValueGrid, maxAbs?: number, options: { discrete?: boolean } = {}): Uint8ClampedArray {
  const reason = validateGrid(grid);
  if (reason) throw new ValueError("valuePixels", reason);
  const { cols, rows, values } = grid;
  let m = maxAbs ?? 0;
  if (maxAbs === undefined) for (let i = 0; i < cols * rows; i++) m = Math.max(m, Math.abs(values[i] as number));
  const out = new Uint8ClampedArray(cols * rows * 4);
  for (let i = 0; i < cols * rows; i++) {
    const v = values[i] as number;
    out.set(divergingRgb(options.discrete ? Math.sign(v) : m > 0 ? v / m : 0), i * 4);
    out[i * 4 + 3] = 255;
  }
  return out;
}
