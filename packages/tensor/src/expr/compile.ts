/**
 * Runs a `MapProgram` on CPU storage: the program is compiled once (per structure, compute
 * dtype and output dtypes) to a JavaScript row kernel whose loop body computes every
 * output for one element, each primitive rounded to the compute dtype. The JS backend and
 * the wasm backend (whose arrays are typed-array views too) share it.
 */

import { collapse, forEachRow } from "../backends/js/iterate.js";
import { broadcastStrides } from "../broadcast.js";
import type { DType, TypedArray } from "../dtype.js";
import type { NDArray } from "../ndarray.js";
import type { Shape } from "../shape.js";
import { type Expr, type MapProgram, PRIMS, programKey, topological } from "./expr.js";
import { erf, intPow } from "./scalar.js";

/** One row: `outs[k][oofs[k] + i] = f_k(ins[0][iofs[0] + i·steps[0]], …)` for i < n. */
export type RowKernel = (
  outs: readonly TypedArray[],
  oofs: readonly number[],
  ins: readonly TypedArray[],
  iofs: readonly number[],
  steps: readonly number[],
  n: number,
) => void;

/** A number as JavaScript source (NaN, ±Infinity and −0 included). */
function literal(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Number.POSITIVE_INFINITY) return "Infinity";
  if (v === Number.NEGATIVE_INFINITY) return "(-Infinity)";
  if (Object.is(v, -0)) return "(-0)";
  return v < 0 ? `(${String(v)})` : String(v);
}

/** `source` rounded to `dtype`, as storing it in that dtype's typed array would round it. */
function rounded(source: string, dtype: DType): string {
  switch (dtype) {
    case "float32":
      return `Math.fround(${source})`;
    case "int32":
      return `(${source} | 0)`;
    case "bool":
      return `(${source} !== 0 ? 1 : 0)`;
    case "float64":
      return source;
  }
}

function constantIn(value: number, dtype: DType): number {
  if (dtype === "float32") return Math.fround(value);
  if (dtype === "int32") return value | 0;
  if (dtype === "bool") return value !== 0 ? 1 : 0;
  return value;
}

/** JavaScript source of a row kernel for `program` computing in `dtype`. */
export function rowSource(program: MapProgram, dtype: DType, outTypes: readonly DType[]): string {
  const names = new Map<Expr, string>();
  const body: string[] = [];
  const used = new Set<number>();
  for (const node of topological(program.outputs)) {
    if (node.kind === "input") {
      names.set(node, `x${node.index}`);
      used.add(node.index);
    } else if (node.kind === "const") {
      names.set(node, literal(constantIn(node.value, dtype)));
    } else {
      const def = PRIMS[node.prim];
      const args = node.args.map((a) => names.get(a) as string);
      const value = def.js(args, dtype);
      const name = `t${body.length}`;
      body.push(`const ${name} = ${def.boolean ? value : rounded(value, dtype)};`);
      names.set(node, name);
    }
  }
  const head: string[] = [];
  const loads: string[] = [];
  const steps: string[] = [];
  for (const k of [...used].sort((a, b) => a - b)) {
    head.push(`const A${k} = ins[${k}]; let i${k} = iofs[${k}]; const s${k} = steps[${k}];`);
    loads.push(`const x${k} = A${k}[i${k}];`);
    steps.push(`i${k} += s${k};`);
  }
  const stores: string[] = [];
  program.outputs.forEach((e, k) => {
    head.push(`const O${k} = outs[${k}]; const p${k} = oofs[${k}];`);
    const value = names.get(e) as string;
    const outType = outTypes[k] as DType;
    stores.push(`O${k}[p${k} + j] = ${outType === "bool" ? `(${value} !== 0 ? 1 : 0)` : value};`);
  });
  return [...head, "for (let j = 0; j < n; j++) {", ...loads, ...body, ...stores, ...steps, "}"].join("\n");
}

const kernels = new Map<string, RowKernel>();
/** Each program's key, computed once (programs are immutable). */
const keys = new WeakMap<MapProgram, string>();

/** The compiled row kernel for `program` (cached). */
export function rowKernel(program: MapProgram, dtype: DType, outTypes: readonly DType[]): RowKernel {
  let structure = keys.get(program);
  if (structure === undefined) {
    structure = programKey(program);
    keys.set(program, structure);
  }
  const key = `${structure}|${dtype}|${outTypes.join(",")}`;
  let kernel = kernels.get(key);
  if (!kernel) {
    const source = rowSource(program, dtype, outTypes);
    // NOTE: one Function per distinct expression, compiled by V8 like hand-written code.
    const make = new Function(
      "Math",
      "erf",
      "intPow",
      `return function mapRow(outs, oofs, ins, iofs, steps, n) {\n${source}\n};`,
    ) as (math: Math, e: typeof erf, p: typeof intPow) => RowKernel;
    kernel = make(Math, erf, intPow);
    kernels.set(key, kernel);
  }
  return kernel;
}

/**
 * Runs `program` over `inputs` (broadcast to `shape`) into `outs` (contiguous, of `shape`),
 * computing in `dtype`. Works on any storage whose `view()` is a typed array.
 */
export function runMap(
  program: MapProgram,
  inputs: readonly NDArray[],
  shape: Shape,
  dtype: DType,
  outs: readonly NDArray[],
): void {
  const kernel = rowKernel(
    program,
    dtype,
    outs.map((o) => o.dtype),
  );
  const ins = inputs.map((x) => x.storage.view());
  const outViews = outs.map((o) => o.storage.view());
  let n = 1;
  for (const d of shape) n *= d;
  if (n === 0) return;
  const oofs = outs.map((o) => o.offset);
  if (inputs.every((x) => x.size === 1 || (x.size === n && x.isContiguous))) {
    kernel(
      outViews,
      oofs,
      ins,
      inputs.map((x) => x.offset),
      inputs.map((x) => (x.size === n && n > 1 ? 1 : 0)),
      n,
    );
    return;
  }
  const it = collapse(
    shape,
    inputs.map((x) => broadcastStrides(x.shape, x.strides, shape)),
  );
  const steps = it.strides.map((s) => s[s.length - 1] as number);
  const pos = [...oofs];
  forEachRow(
    it.shape,
    it.strides,
    inputs.map((x) => x.offset),
    (off, len) => {
      kernel(outViews, pos, ins, off, steps, len);
      for (let k = 0; k < pos.length; k++) (pos[k] as number) += len;
    },
  );
}
