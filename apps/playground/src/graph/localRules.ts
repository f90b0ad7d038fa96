/**
 * The local rule of every op as a formula, per operand, for the step-through panel:
 * what each operand receives when the op's gradient G = ∂L/∂out is passed back. Written
 * in mathematical notation only, so both languages show the same text. Elementwise ops
 * carry their formula in @sinapse/tensor's op table (`ELEMENTWISE[op].derivative`), next
 * to the expression their gradient is derived from; the structural ops are listed here,
 * typed over autograd's `StructuralParams`, so an op without a formula does not compile.
 */
import type { OpName, StructuralParams } from "@sinapse/autograd";
import { ELEMENTWISE } from "@sinapse/tensor";

/** One formula per operand of each structural op (operands that never receive a gradient: "—"). */
const STRUCTURAL_RULES: { [Op in keyof StructuralParams]: readonly string[] } = {
  clip: ["∂clip(x)/∂x = [min ≤ x ≤ max]"],
  map: ["∂L/∂xₖ = G·∂f/∂xₖ (derived from the expression)"],
  sum: ["∂Σx/∂xᵢ = 1"],
  prod: ["∂Πx/∂xᵢ = Πⱼ≠ᵢ xⱼ"],
  max: ["∂max x/∂xᵢ = [xᵢ = max x] / Σⱼ[xⱼ = max x]"],
  min: ["∂min x/∂xᵢ = [xᵢ = min x] / Σⱼ[xⱼ = min x]"],
  logsumexp: ["∂lse(x)/∂x = softmax(x)"],
  softmax: ["y = softmax(x): ∂L/∂x = y·(G − Σ G·y)"],
  logSoftmax: ["y = log softmax(x): ∂L/∂x = G − eʸ·Σ G"],
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

/** Every op's formulas: the structural ones above, the elementwise ones from the op table. */
export const LOCAL_RULES = {
  ...Object.fromEntries(Object.entries(ELEMENTWISE).map(([op, def]) => [op, def.derivative])),
  ...STRUCTURAL_RULES,
} as { readonly [Op in OpName]: readonly string[] };

/** The formula for `operand` of `op`, or a generic chain-rule line for an unknown op. */
export function localRule(op: string, operand: number): string {
  const table = LOCAL_RULES as Record<string, readonly string[] | undefined>;
  return table[op]?.[operand] ?? `∂L/∂x${operand} = G·∂${op}/∂x${operand}`;
}
