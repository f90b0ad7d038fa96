/**
 * The local rule of every op as a formula, per operand, for the step-through panel:
 * what each operand receives when the op's gradient G = ∂L/∂out is passed back. Written
 * in mathematical notation only, so both languages show the same text. Typed over
 * autograd's `OpName`, so an op without a formula does not compile.
 */
import type { OpName } from "@sinapse/autograd";

/** One formula per operand (operands that never receive a gradient: "—"). */
export const LOCAL_RULES: { [Op in OpName]: readonly string[] } = {
  add: ["∂(a + b)/∂a = 1", "∂(a + b)/∂b = 1"],
  sub: ["∂(a − b)/∂a = 1", "∂(a − b)/∂b = −1"],
  mul: ["∂(a·b)/∂a = b", "∂(a·b)/∂b = a"],
  div: ["∂(a/b)/∂a = 1/b", "∂(a/b)/∂b = −a/b²"],
  pow: ["∂(aᵇ)/∂a = b·aᵇ⁻¹", "∂(aᵇ)/∂b = aᵇ·ln a"],
  maximum: ["∂max(a, b)/∂a = [a > b] + ½[a = b]", "∂max(a, b)/∂b = [b > a] + ½[a = b]"],
  minimum: ["∂min(a, b)/∂a = [a < b] + ½[a = b]", "∂min(a, b)/∂b = [b < a] + ½[a = b]"],
  neg: ["∂(−x)/∂x = −1"],
  abs: ["∂|x|/∂x = sign(x)"],
  sign: ["∂sign(x)/∂x = 0"],
  exp: ["∂eˣ/∂x = eˣ"],
  log: ["∂ln x/∂x = 1/x"],
  log1p: ["∂ln(1 + x)/∂x = 1/(1 + x)"],
  sqrt: ["∂√x/∂x = 1/(2√x)"],
  square: ["∂x²/∂x = 2x"],
  sin: ["∂sin x/∂x = cos x"],
  cos: ["∂cos x/∂x = −sin x"],
  tanh: ["∂tanh x/∂x = 1 − tanh² x"],
  sigmoid: ["∂σ(x)/∂x = σ(x)·(1 − σ(x))"],
  relu: ["∂relu(x)/∂x = 1 (x > 0), 0 (x ≤ 0)"],
  clip: ["∂clip(x)/∂x = [min ≤ x ≤ max]"],
  where: ["—", "∂L/∂a = G·[c]", "∂L/∂b = G·[¬c]"],
  sum: ["∂Σx/∂xᵢ = 1"],
  prod: ["∂Πx/∂xᵢ = Πⱼ≠ᵢ xⱼ"],
  max: ["∂max x/∂xᵢ = [xᵢ = max x] / Σⱼ[xⱼ = max x]"],
  min: ["∂min x/∂xᵢ = [xᵢ = min x] / Σⱼ[xⱼ = min x]"],
  logsumexp: ["∂lse(x)/∂x = softmax(x)"],
  matmul: ["C = A·B: ∂L/∂A = G·Bᵀ", "C = A·B: ∂L/∂B = Aᵀ·G"],
  reshape: ["∂L/∂x = reshape(G, shape(x))"],
  transpose: ["∂L/∂x = Gᵀ"],
  slice: ["∂L/∂x = unslice(G)"],
  unslice: ["∂L/∂x = slice(G)"],
  broadcastTo: ["∂L/∂x = Σ_broadcast G"],
  expandDims: ["∂L/∂x = reshape(G, shape(x))"],
  squeeze: ["∂L/∂x = reshape(G, shape(x))"],
  concat: ["∂L/∂xₖ = Gₖ"],
  take: ["∂L/∂x = untake(G)"],
  untake: ["∂L/∂x = take(G)"],
  softmaxCrossEntropy: ["∂L/∂z = (softmax(z) − onehot(y)) / N"],
};

/** The formula for `operand` of `op`, or a generic chain-rule line for an unknown op. */
export function localRule(op: string, operand: number): string {
  const table = LOCAL_RULES as Record<string, readonly string[] | undefined>;
  return table[op]?.[operand] ?? `∂L/∂x${operand} = G·∂${op}/∂x${operand}`;
}
