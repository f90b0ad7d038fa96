/**
 * Programs that are one primitive applied to the operands in order, named as the backends'
 * hand-written kernels know them (`add`, `relu`, …): the fast paths a backend may run
 * instead of compiling the expression. Each is tested to give the bits the compiled
 * expression gives.
 */
import { type MapProgram, type Prim, singlePrim } from "../expr/expr.js";
import type { BinaryOp, UnaryOp } from "./backend.js";

const BINARY: Partial<Record<Prim, BinaryOp>> = {
  add: "add",
  sub: "sub",
  mul: "mul",
  div: "div",
  pow: "pow",
  max: "maximum",
  min: "minimum",
  eq: "eq",
  ne: "ne",
  lt: "lt",
  le: "le",
  gt: "gt",
  ge: "ge",
  and: "logicalAnd",
  or: "logicalOr",
};

const UNARY: Partial<Record<Prim, UnaryOp>> = {
  neg: "neg",
  abs: "abs",
  sign: "sign",
  exp: "exp",
  log: "log",
  log1p: "log1p",
  sqrt: "sqrt",
  square: "square",
  sin: "sin",
  cos: "cos",
  tanh: "tanh",
  sigmoid: "sigmoid",
  relu: "relu",
  not: "logicalNot",
};

export type FastPath = { unary: UnaryOp } | { binary: BinaryOp } | { where: true };

/** The hand-written kernel that computes `program`, if there is one. */
export function fastPathOf(program: MapProgram): FastPath | null {
  const prim = singlePrim(program);
  if (prim === null) return null;
  if (prim === "select") return { where: true };
  const binary = BINARY[prim];
  if (binary && program.arity === 2) return { binary };
  const unary = UNARY[prim];
  if (unary && program.arity === 1) return { unary };
  return null;
}
