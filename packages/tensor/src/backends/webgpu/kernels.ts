/**
 * WGSL sources, generated per operand types and layout (each distinct source is compiled
 * once and cached by the backend). Every kernel reads its sizes, offsets and strides from
 * an `array<i32>` at binding 0 (`prm`), so one pipeline serves every shape.
 */
import type { DType } from "../../dtype.js";
import type { ReduceOp } from "../backend.js";

export type WgslType = "f32" | "i32" | "u32";

export function wgslType(dtype: DType): WgslType {
  return dtype === "int32" ? "i32" : dtype === "bool" ? "u32" : "f32";
}

/**
 * A strided copy, converting the element type (any non-zero value to a bool's 1): every
 * element of the shape in `prm` read from the source at its offset and strides, written to
 * the target at its own. prm: [n, nd, 0, shape…, srcOff, srcStrides…, dstOff, dstStrides…].
 */
export function copySource(input: WgslType, out: WgslType): string {
  const value = out === "u32" ? `select(0u, 1u, in0[i0] != ${input}(0))` : `${out}(in0[i0])`;
  return `@group(0) @binding(0) var<storage, read> prm: array<i32>;
@group(0) @binding(1) var<storage, read_write> outp: array<${out}>;
@group(0) @binding(2) var<storage, read> in0: array<${input}>;
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nw: vec3u) {
  let lin = gid.x + gid.y * nw.x * 256u;
  if (lin >= u32(prm[0])) { return; }
  let ii = i32(lin);
  let nd = prm[1];
  var i0 = prm[3 + nd];
  var i1 = prm[3 + nd + (nd + 1)];
  var rem = ii;
  for (var d = nd - 1; d >= 0; d--) {
    let s = prm[3 + d]; let c = rem % s; rem = rem / s;
    i0 += c * prm[4 + nd + d];
    i1 += c * prm[4 + nd + (nd + 1) + d];
  }
  outp[i1] = ${value};
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
