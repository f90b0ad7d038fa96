/**
 * WGSL sources, generated per operand types and layout (each distinct source is compiled
 * once and cached by the backend). Every kernel reads its sizes, offsets and strides from
 * an `array<i32>` at binding 0 (`prm`), so one pipeline serves every shape.
 */
import type { DType } from "../../dtype.js";
import type { BinaryOp, ReduceOp, UnaryOp } from "../backend.js";

export type WgslType = "f32" | "i32" | "u32";

export function wgslType(dtype: DType): WgslType {
  return dtype === "int32" ? "i32" : dtype === "bool" ? "u32" : "f32";
}

const HELPERS = /* wgsl */ `
fn log1p_(x: f32) -> f32 { let u = 1.0 + x; if (u == 1.0) { return x; } return log(u) * x / (u - 1.0); }
fn tanh_(x: f32) -> f32 { let e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e); }
fn pow_(a: f32, b: f32) -> f32 {
  if (b == 0.0) { return 1.0; }
  let r = exp2(b * log2(abs(a)));
  if (a < 0.0) {
    if (b != floor(b)) { return exp2(b * log2(a)); }
    if (fract(b * 0.5) != 0.0) { return -r; }
  }
  return r;
}
fn ipow_(a: i32, b: i32) -> i32 { var r = 1; var e = b; var x = a; if (e < 0) { return select(0, 1, a == 1); }
  loop { if (e == 0) { break; } if ((e & 1) == 1) { r = r * x; } x = x * x; e = e >> 1; } return r; }
`;

/** The expression for `op` on `x` (already of type `t`); bool-valued results are WGSL bools. */
function unaryExpr(op: UnaryOp | "copy", t: WgslType): string {
  switch (op) {
    case "copy":
      return "x";
    case "neg":
      return "-x";
    case "abs":
      return "abs(x)";
    case "sign":
      return "sign(x)";
    case "exp":
      return "exp(x)";
    case "log":
      return "log(x)";
    case "log1p":
      return "log1p_(x)";
    case "sqrt":
      return "sqrt(x)";
    case "square":
      return "x * x";
    case "sin":
      return "sin(x)";
    case "cos":
      return "cos(x)";
    case "tanh":
      return "tanh_(x)";
    case "sigmoid":
      return "1.0 / (1.0 + exp(-x))";
    case "relu":
      return `select(${t}(0), x, x > ${t}(0))`;
    case "logicalNot":
      return `x == ${t}(0)`;
  }
}

const COMPARISONS: Partial<Record<BinaryOp, string>> = { eq: "==", ne: "!=", lt: "<", le: "<=", gt: ">", ge: ">=" };

function binaryExpr(op: BinaryOp, t: WgslType): string {
  const cmp = COMPARISONS[op];
  if (cmp) return `x ${cmp} y`;
  switch (op) {
    case "add":
      return "x + y";
    case "sub":
      return "x - y";
    case "mul":
      return "x * y";
    case "div":
      return "x / y";
    case "pow":
      return t === "f32" ? "pow_(x, y)" : "ipow_(x, y)";
    case "maximum":
      return "max(x, y)";
    case "minimum":
      return "min(x, y)";
    case "logicalAnd":
      return `x != ${t}(0) && y != ${t}(0)`;
    default:
      return `x != ${t}(0) || y != ${t}(0)`;
  }
}

/** Whether `op` yields a bool (stored as a u32 0/1) from its computed operands. */
function yieldsBool(op: UnaryOp | BinaryOp | "copy"): boolean {
  return op === "logicalNot" || op === "logicalAnd" || op === "logicalOr" || op in COMPARISONS;
}

function store(expr: string, isBool: boolean, out: WgslType): string {
  if (isBool) return out === "u32" ? `select(0u, 1u, ${expr})` : `select(${out}(0), ${out}(1), ${expr})`;
  return out === "u32" ? `select(0u, 1u, (${expr}) != ${"T"}(0))` : `${out}(${expr})`;
}

/**
 * An elementwise kernel over `inputs.length` operands. `fast`: every operand is read at
 * `off + i·step` (step 0 or 1) and the output at `off + i`. Otherwise each operand (and the
 * output when `outStrided`) has its own offset and strides over the shape in `prm`.
 * prm (fast): [n, 0, outOff, off₀, step₀, …]; (strided): [n, nd, outOff, shape…, then per
 * operand (the output last when outStrided): off, strides…].
 */
export function elementwiseSource(
  kind: { unary: UnaryOp | "copy" } | { binary: BinaryOp } | { where: true },
  inputs: readonly WgslType[],
  out: WgslType,
  fast: boolean,
  outStrided = false,
): string {
  // The type operands are computed in.
  let t: WgslType;
  let body: string;
  let isBool: boolean;
  if ("unary" in kind) {
    t =
      kind.unary === "logicalNot" || kind.unary === "copy"
        ? inputs[0] === "u32"
          ? "i32"
          : (inputs[0] as WgslType)
        : out === "u32"
          ? "i32"
          : out;
    if (kind.unary === "copy" && out !== "u32") t = out;
    body = unaryExpr(kind.unary, t);
    isBool = yieldsBool(kind.unary);
    if (kind.unary === "copy" && out === "u32") {
      body = `x != ${t}(0)`;
      isBool = true;
    }
  } else if ("binary" in kind) {
    isBool = yieldsBool(kind.binary);
    t = isBool ? (inputs.includes("f32") ? "f32" : "i32") : out === "u32" ? "i32" : out;
    body = binaryExpr(kind.binary, t);
  } else {
    t = out === "u32" ? "i32" : out;
    body = "select(z, y, c != 0u)";
    isBool = false;
  }
  const names = "where" in kind ? ["c", "y", "z"] : ["x", "y"];
  const decls = inputs
    .map((ty, k) => `@group(0) @binding(${k + 2}) var<storage, read> in${k}: array<${ty}>;`)
    .join("\n");
  const index: string[] = [];
  if (fast) {
    inputs.forEach((_, k) => {
      index.push(`let i${k} = prm[${3 + 2 * k}] + ii * prm[${4 + 2 * k}];`);
    });
    index.push("let io = prm[2] + ii;");
  } else {
    const blocks = inputs.length + (outStrided ? 1 : 0);
    for (let k = 0; k < blocks; k++) index.push(`var i${k} = prm[3 + nd + ${k} * (nd + 1)];`);
    index.push("var rem = ii;");
    index.push("for (var d = nd - 1; d >= 0; d--) {");
    index.push("  let s = prm[3 + d]; let c = rem % s; rem = rem / s;");
    for (let k = 0; k < blocks; k++) index.push(`  i${k} += c * prm[4 + nd + ${k} * (nd + 1) + d];`);
    index.push("}");
    index.push(outStrided ? `let io = i${inputs.length};` : "let io = prm[2] + ii;");
  }
  const loads = inputs
    .map((ty, k) => {
      const name = names[k] as string;
      if ("where" in kind && k === 0) return `let c = u32(in0[i0] != ${ty}(0));`;
      return `let ${name} = ${t}(in${k}[i${k}]);`;
    })
    .join("\n  ");
  const result = store(body, isBool, out).replace("T(0)", `${t}(0)`);
  return `${HELPERS}
@group(0) @binding(0) var<storage, read> prm: array<i32>;
@group(0) @binding(1) var<storage, read_write> outp: array<${out}>;
${decls}
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nw: vec3u) {
  let lin = gid.x + gid.y * nw.x * 256u;
  if (lin >= u32(prm[0])) { return; }
  let ii = i32(lin);
  let nd = prm[1];
  ${index.join("\n  ")}
  ${loads}
  outp[io] = ${result};
}`;
}

/**
 * One workgroup per output element; its 256 threads stride over the reduced elements and
 * combine in shared memory. prm: [nOut, R, ndO, ndI, off, outShape…, outStrides…,
 * inShape…, inStrides…] (outStrides: the input's strides along the kept dims).
 */
export function reduceSource(op: ReduceOp, input: WgslType, out: WgslType): string {
  const t: WgslType = out === "u32" ? "i32" : out;
  const init =
    op === "sum"
      ? `${t}(0)`
      : op === "prod"
        ? `${t}(1)`
        : t === "f32"
          ? `bitcast<f32>(${op === "max" ? "0xff800000u" : "0x7f800000u"} ^ (u32(prm[0]) & 0u))`
          : op === "max"
            ? "i32(-2147483647) - 1"
            : "i32(2147483647)";
  const combine = (a: string, b: string): string =>
    op === "sum" ? `${a} + ${b}` : op === "prod" ? `${a} * ${b}` : `${op}(${a}, ${b})`;
  const write = out === "u32" ? "select(0u, 1u, part[0] != 0)" : "part[0]";
  return `
@group(0) @binding(0) var<storage, read> prm: array<i32>;
@group(0) @binding(1) var<storage, read_write> outp: array<${out}>;
@group(0) @binding(2) var<storage, read> inp: array<${input}>;
var<workgroup> part: array<${t}, 256>;
@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nw: vec3u, @builtin(local_invocation_index) tid: u32) {
  let o = i32(wid.x + wid.y * nw.x);
  if (o >= prm[0]) { return; }
  let R = prm[1]; let ndO = prm[2]; let ndI = prm[3];
  var base = prm[4];
  var rem = o;
  for (var d = ndO - 1; d >= 0; d--) {
    let s = prm[5 + d]; base += (rem % s) * prm[5 + ndO + d]; rem = rem / s;
  }
  let si = 5 + 2 * ndO;
  var acc = ${init};
  for (var r = i32(tid); r < R; r += 256) {
    var idx = base; var q = r;
    for (var d = ndI - 1; d >= 0; d--) {
      let s = prm[si + d]; idx += (q % s) * prm[si + ndI + d]; q = q / s;
    }
    let v = ${t}(inp[idx]);
    acc = ${combine("acc", "v")};
  }
  part[tid] = acc;
  workgroupBarrier();
  for (var s = 128u; s > 0u; s = s >> 1u) {
    if (tid < s) { part[tid] = ${combine("part[tid]", "part[tid + s]")}; }
    workgroupBarrier();
  }
  if (tid == 0u) { outp[o] = ${write}; }
}`;
}

/** One thread per output: index of the first max/min along the axis. prm: [nOut, len, step, ndO, off, outShape…, outStrides…]. */
export function argReduceSource(isMax: boolean, input: WgslType): string {
  return `
@group(0) @binding(0) var<storage, read> prm: array<i32>;
@group(0) @binding(1) var<storage, read_write> outp: array<i32>;
@group(0) @binding(2) var<storage, read> inp: array<${input}>;
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nw: vec3u) {
  let o = i32(gid.x + gid.y * nw.x * 256u);
  if (o >= prm[0]) { return; }
  let len = prm[1]; let step = prm[2]; let ndO = prm[3];
  var base = prm[4]; var rem = o;
  for (var d = ndO - 1; d >= 0; d--) { let s = prm[5 + d]; base += (rem % s) * prm[5 + ndO + d]; rem = rem / s; }
  var best = 0; var bv = inp[base];
  for (var j = 1; j < len; j++) {
    let v = inp[base + j * step];
    if (v ${isMax ? ">" : "<"} bv) { best = j; bv = v; }
  }
  outp[o] = best;
}`;
}

/** Gathers along `axis` at int32 indices. prm: [n, nd, axis, off, outShape…, strides…]. */
export function takeSource(t: WgslType): string {
  return `
@group(0) @binding(0) var<storage, read> prm: array<i32>;
@group(0) @binding(1) var<storage, read_write> outp: array<${t}>;
@group(0) @binding(2) var<storage, read> inp: array<${t}>;
@group(0) @binding(3) var<storage, read> idx: array<i32>;
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nw: vec3u) {
  let i = i32(gid.x + gid.y * nw.x * 256u);
  if (i >= prm[0]) { return; }
  let nd = prm[1]; let axis = prm[2];
  var src = prm[3]; var rem = i;
  for (var d = nd - 1; d >= 0; d--) {
    let s = prm[4 + d]; var c = rem % s; rem = rem / s;
    if (d == axis) { c = idx[c]; }
    src += c * prm[4 + nd + d];
  }
  outp[i] = inp[src];
}`;
}

/**
 * Register-tiled float32 matmul: 128×128 output tiles per workgroup of 16×16 threads, each
 * thread 8×8 outputs (two 4-row × two 4-column blocks, 64 apart, so shared-memory reads
 * are conflict-free vec4s), K-step 16, the A tile stored transposed (k-major) in shared
 * memory. `vecA`/`vecB`: the operand is row-major with aligned rows and is read as vec4s;
 * otherwise scalar loads through its strides, ordered along its contiguous axis.
 * `vecC`: N % 4 == 0, results written as vec4s.
 * prm: [M, N, K, aRs, aCs, bRs, bCs, nb, aOff, bOff, batchShape…, aBatchStrides…, bBatchStrides…].
 */
export function matmulSource(opts: {
  vecA: boolean;
  vecB: boolean;
  vecC: boolean;
  aMajorM: boolean;
  bMajorN: boolean;
}): string {
  const loadA = opts.vecA
    ? `for (var j = 0; j < 2; j++) {
      let e = tid + 256 * j; let m = e / 4; let kq = e % 4;
      let r = row0 + m; let k = k0 + kq * 4;
      var v = vec4<f32>(0.0);
      if (r < M && k < K) { v = A[(aOff + r * aRs + k) / 4]; }
      let dst = (kq * 4) * 32 + m / 4; let lane = m % 4;
      As[dst][lane] = v.x; As[dst + 32][lane] = v.y; As[dst + 64][lane] = v.z; As[dst + 96][lane] = v.w;
    }`
    : `for (var j = 0; j < 8; j++) {
      let e = tid + 256 * j;
      ${opts.aMajorM ? "let m = e % 128; let kk = e / 128;" : "let kk = e % 16; let m = e / 16;"}
      let r = row0 + m; let k = k0 + kk;
      var v = 0.0;
      if (r < M && k < K) { v = A[aOff + r * aRs + k * aCs]; }
      As[kk * 32 + m / 4][m % 4] = v;
    }`;
  const loadB = opts.vecB
    ? `for (var j = 0; j < 2; j++) {
      let e = tid + 256 * j; let kk = e / 32; let nq = e % 32;
      let k = k0 + kk; let c = col0 + nq * 4;
      var v = vec4<f32>(0.0);
      if (k < K && c < N) { v = B[(bOff + k * bRs + c) / 4]; }
      Bs[kk * 32 + nq] = v;
    }`
    : `for (var j = 0; j < 8; j++) {
      let e = tid + 256 * j;
      ${opts.bMajorN ? "let n = e % 128; let kk = e / 128;" : "let kk = e % 16; let n = e / 16;"}
      let k = k0 + kk; let c = col0 + n;
      var v = 0.0;
      if (k < K && c < N) { v = B[bOff + k * bRs + c * bCs]; }
      Bs[kk * 32 + n / 4][n % 4] = v;
    }`;
  const fma: string[] = [];
  for (let i = 0; i < 8; i++) {
    const a = `${i < 4 ? "a0" : "a1"}.${"xyzw"[i % 4]}`;
    fma.push(`acc[${2 * i}] += ${a} * b0; acc[${2 * i + 1}] += ${a} * b1;`);
  }
  const write = opts.vecC
    ? `if (c < N) { C[(cOff + r * N + c) / 4] = acc[2 * i + h]; }`
    : `for (var q = 0; q < 4; q++) { if (c + q < N) { C[cOff + r * N + c + q] = acc[2 * i + h][q]; } }`;
  return `
@group(0) @binding(0) var<storage, read> prm: array<i32>;
@group(0) @binding(1) var<storage, read_write> C: array<${opts.vecC ? "vec4<f32>" : "f32"}>;
@group(0) @binding(2) var<storage, read> A: array<${opts.vecA ? "vec4<f32>" : "f32"}>;
@group(0) @binding(3) var<storage, read> B: array<${opts.vecB ? "vec4<f32>" : "f32"}>;
var<workgroup> As: array<vec4<f32>, 512>;
var<workgroup> Bs: array<vec4<f32>, 512>;
@compute @workgroup_size(16, 16)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_id) lid: vec3u, @builtin(local_invocation_index) lidx: u32) {
  let M = prm[0]; let N = prm[1]; let K = prm[2];
  let aRs = prm[3]; let aCs = prm[4]; let bRs = prm[5]; let bCs = prm[6];
  let nb = prm[7];
  var aOff = prm[8]; var bOff = prm[9];
  var rem = i32(wid.z);
  for (var d = nb - 1; d >= 0; d--) {
    let s = prm[10 + d]; let c = rem % s; rem = rem / s;
    aOff += c * prm[10 + nb + d]; bOff += c * prm[10 + 2 * nb + d];
  }
  let tid = i32(lidx);
  let tx = i32(lid.x); let ty = i32(lid.y);
  let row0 = i32(wid.y) * 128; let col0 = i32(wid.x) * 128;
  var acc: array<vec4<f32>, 16>;
  for (var k0 = 0; k0 < K; k0 += 16) {
    ${loadA}
    ${loadB}
    workgroupBarrier();
    for (var kk = 0; kk < 16; kk++) {
      let a0 = As[kk * 32 + ty]; let a1 = As[kk * 32 + 16 + ty];
      let b0 = Bs[kk * 32 + tx]; let b1 = Bs[kk * 32 + 16 + tx];
      ${fma.join("\n      ")}
    }
    workgroupBarrier();
  }
  let cOff = i32(wid.z) * M * N;
  for (var i = 0; i < 8; i++) {
    let r = row0 + select(64 + ty * 4 + i - 4, ty * 4 + i, i < 4);
    if (r >= M) { continue; }
    for (var h = 0; h < 2; h++) {
      let c = col0 + h * 64 + tx * 4;
      ${write}
    }
  }
}`;
}
