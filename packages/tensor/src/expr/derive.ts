/**
 * Reverse-mode differentiation of elementwise expressions: the gradient of an expression
 * with respect to each of its operands, as new expressions built from the primitives'
 * local derivatives (`PRIMS[p].grad`). An op written as an expression therefore needs no
 * gradient rule of its own.
 */
import { E, type Expr, PRIMS, topological } from "./expr.js";

/**
 * ∂L/∂input for each of the `arity` operands of `output`, given the upstream gradient
 * `g` (an expression, usually an operand slot); null for an operand no gradient reaches.
 * `self` replaces `output` where a derivative refers to the primitive's own value (so a
 * gradient can read the recorded forward result instead of recomputing it).
 */
export function derive(output: Expr, g: Expr, arity: number, self?: Expr): (Expr | null)[] {
  const adjoint = new Map<Expr, Expr>();
  adjoint.set(output, g);
  const grads: (Expr | null)[] = new Array<Expr | null>(arity).fill(null);
  const order = topological([output]);
  for (let k = order.length - 1; k >= 0; k--) {
    const node = order[k] as Expr;
    const a = adjoint.get(node);
    if (a === undefined) continue;
    if (node.kind === "input") {
      const known = grads[node.index];
      grads[node.index] = known ? E.add(known, a) : a;
      continue;
    }
    if (node.kind === "const") continue;
    const local = PRIMS[node.prim].grad(a, node.args, node === output && self ? self : node);
    node.args.forEach((arg, i) => {
      const c = local[i];
      if (!c || arg.kind === "const") return;
      const known = adjoint.get(arg);
      adjoint.set(arg, known ? E.add(known, c) : c);
    });
  }
  return grads;
}
