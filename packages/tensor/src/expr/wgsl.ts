/**
 * WGSL for a `MapProgram`: one invocation per element computes every output from the
 * operands, each primitive's source from `PRIMS[p].wgsl`. Boolean primitives are stored as
 * 0/1 of the compute type, so every node has one numeric type.
 */
import type { DType } from "../dtype.js";
import { type Expr, type MapProgram, PRIMS, topological, usedInputs, type WgslScalar } from "./expr.js";

/** The WGSL storage type of each dtype (bool as u32 0/1). */
export type WgslStorage = "f32" | "i32" | "u32";

export function wgslStorage(dtype: DType): WgslStorage {
  return dtype === "int32" ? "i32" : dtype === "bool" ? "u32" : "f32";
}

/** The type a program computes in on the GPU for a compute dtype (float64 is refused earlier). */
export function wgslCompute(dtype: DType): WgslScalar {
  return dtype === "float32" || dtype === "float64" ? "f32" : "i32";
}

/** Functions the primitives' WGSL calls. */
export const MAP_HELPERS = /* wgsl */ `
// NOTE: WGSL refuses NaN and ∞ constants, so their bits are or-ed with a run-time zero
// (the parameters' first word masked out) that the compiler cannot fold.
fn nan_() -> f32 { return bitcast<f32>(0x7fc00000u | (u32(prm[0]) & 0u)); }
fn inf_() -> f32 { return bitcast<f32>(0x7f800000u | (u32(prm[0]) & 0u)); }
fn isnan_(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
fn safe_log(x: f32) -> f32 { if (x < 0.0 || isnan_(x)) { return nan_(); } if (x == 0.0) { return -inf_(); } return log(x); }
fn safe_sqrt(x: f32) -> f32 { if (x < 0.0 || isnan_(x)) { return nan_(); } return sqrt(x); }
fn log1p_(x: f32) -> f32 { let u = 1.0 + x; if (u == 1.0) { return x; } return safe_log(u) * x / (u - 1.0); }
fn tanh_(x: f32) -> f32 { if (isnan_(x)) { return x; } let e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e); }
fn sigmoid_(x: f32) -> f32 { return 1.0 / (1.0 + exp(-x)); }
fn erf_(x: f32) -> f32 {
  let a = abs(x);
  if (a < 0.5) { let x2 = x * x; return 1.1283791670955126 * x * (1.0 + x2 * (-0.3333333333 + x2 * (0.1 + x2 * (-0.0238095238 + x2 * 0.0046296296)))); }
  let t = 1.0 / (1.0 + 0.3275911 * a);
  let p = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return sign(x) * (1.0 - p * exp(-a * a));
}
fn pow_(a: f32, b: f32) -> f32 {
  if (b == 0.0) { return 1.0; }
  let r = exp2(b * log2(abs(a)));
  if (a < 0.0) {
    if (b != floor(b)) { return nan_(); }
    if (fract(b * 0.5) != 0.0) { return -r; }
  }
  return r;
}
fn ipow_(a: i32, b: i32) -> i32 { var r = 1; var e = b; var x = a; if (e < 0) { return select(0, 1, a == 1); }
  loop { if (e == 0) { break; } if ((e & 1) == 1) { r = r * x; } x = x * x; e = e >> 1; } return r; }
`;

function literal(v: number, t: WgslScalar): string {
  if (t === "i32") return `${v | 0}i`;
  if (Number.isNaN(v)) return "nan_()";
  if (v === Number.POSITIVE_INFINITY) return "inf_()";
  if (v === Number.NEGATIVE_INFINITY) return "(-inf_())";
  const f = Math.fround(v);
  const text = Number.isInteger(f) && Math.abs(f) < 1e16 ? `${f}.0` : f.toExponential(9);
  return f < 0 ? `(${text}f)` : `${text}f`;
}

/**
 * A compute shader for `program`. Bindings: 0 the parameters (`prm`), then one read_write
 * buffer per output, then one read buffer per operand it reads that is not aliased to an output
 * (`aliases[k]` = the output operand k is read from, or −1). `strided`: operands carry their
 * own strides over the shape; otherwise each is read at `off + i·step`.
 * prm: [n, nd, outOff₀…, (shape…), then per operand: off, (step | strides…)].
 */
export function mapSource(
  program: MapProgram,
  dtype: DType,
  inputTypes: readonly DType[],
  outTypes: readonly DType[],
  aliases: readonly number[],
  strided: boolean,
): string {
  const t = wgslCompute(dtype);
  const outs = outTypes.length;
  const decls: string[] = [];
  outTypes.forEach((d, k) => {
    decls.push(`@group(0) @binding(${1 + k}) var<storage, read_write> out${k}: array<${wgslStorage(d)}>;`);
  });
  let binding = 1 + outs;
  const source: string[] = [];
  const used = usedInputs(program);
  inputTypes.forEach((d, k) => {
    const alias = aliases[k] ?? -1;
    if (!used.has(k)) source.push("");
    else if (alias >= 0) source.push(`out${alias}`);
    else {
      decls.push(`@group(0) @binding(${binding++}) var<storage, read> in${k}: array<${wgslStorage(d)}>;`);
      source.push(`in${k}`);
    }
  });
  const base = 2 + outs;
  const index: string[] = [];
  const per = strided ? "nd + 1" : "2";
  const first = strided ? `${base} + nd` : `${base}`;
  inputTypes.forEach((_, k) => {
    if (!used.has(k)) return;
    if (strided) index.push(`var i${k} = prm[${first} + ${k} * (${per})];`);
    else index.push(`let i${k} = prm[${first} + ${k} * 2] + ii * prm[${first} + ${k} * 2 + 1];`);
  });
  if (strided) {
    index.push("var rem = ii;");
    index.push("for (var d = nd - 1; d >= 0; d--) {");
    index.push(`  let s = prm[${base} + d]; let c = rem % s; rem = rem / s;`);
    inputTypes.forEach((_, k) => {
      if (used.has(k)) index.push(`  i${k} += c * prm[${first} + ${k} * (${per}) + 1 + d];`);
    });
    index.push("}");
  }
  const names = new Map<Expr, string>();
  const body: string[] = [];
  for (const node of topological(program.outputs)) {
    if (node.kind === "input") {
      const k = node.index;
      const name = `x${k}`;
      if (!names.has(node)) {
        body.push(`let ${name} = ${t}(${source[k]}[i${k}]);`);
      }
      names.set(node, name);
    } else if (node.kind === "const") {
      names.set(node, literal(node.value, t));
    } else {
      const def = PRIMS[node.prim];
      const value = def.wgsl(
        node.args.map((a) => names.get(a) as string),
        t,
      );
      const name = `t${body.length}`;
      body.push(`let ${name}: ${t} = ${def.boolean ? `select(${t}(0), ${t}(1), ${value})` : value};`);
      names.set(node, name);
    }
  }
  // Operand loads may repeat when several input nodes share an index: keep the first.
  const seen = new Set<string>();
  const lines = body.filter((line) => {
    const m = /^let (x\d+) =/.exec(line);
    if (!m) return true;
    if (seen.has(m[1] as string)) return false;
    seen.add(m[1] as string);
    return true;
  });
  const stores = program.outputs.map((e, k) => {
    const v = names.get(e) as string;
    const st = wgslStorage(outTypes[k] as DType);
    const value = st === "u32" ? `select(0u, 1u, ${v} != ${t}(0))` : `${st}(${v})`;
    return `out${k}[prm[${2 + k}] + ii] = ${value};`;
  });
  return `@group(0) @binding(0) var<storage, read> prm: array<i32>;
${MAP_HELPERS}
${decls.join("\n")}
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nw: vec3u) {
  let lin = gid.x + gid.y * nw.x * 256u;
  if (lin >= u32(prm[0])) { return; }
  let ii = i32(lin);
  let nd = prm[1];
  ${index.join("\n  ")}
  ${lines.join("\n  ")}
  ${stores.join("\n  ")}
}`;
}
