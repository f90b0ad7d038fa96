/**
 * `compile(fn)`: a function of NDArrays recorded once and replayed. The first call runs
 * `fn` eagerly while every backend call it makes (map, reduce, matmul, take, copy, assign)
 * is written down with its operands; later calls with arguments of the same shapes and
 * dtypes run only those kernels again, on the new arguments: no op validation, no autograd
 * graph, no closures, and (on the JS backend) the result buffers of the recording reused.
 * Chains of elementwise maps whose intermediates nothing else reads are fused into one
 * kernel when the recording ends, with the same rounding, so a replay gives the eager bits.
 *
 * What a replay does not redo — as with `jax.jit` and `torch.compile`'s graphs:
 * - JavaScript around the kernels: arrays made on the host inside `fn` (constants, random
 *   draws) keep their first values. Draw them outside and pass them in, or write them into
 *   an array that `fn` reads before each call.
 * - Host reads: `fn` may not read back an array it computed (`dataSync`, `item`, `toArray`);
 *   such a recording is refused and the function runs eagerly from then on (`capture.reason`).
 * - The outputs are the recording's arrays, overwritten by the next call: copy what you keep.
 * Arguments of other shapes or dtypes are recorded anew (one recording per signature).
 */
import type { Backend, Storage } from "../backends/backend.js";
import { getBackend, setRecorder } from "../backends/registry.js";
import type { DType } from "../dtype.js";
import { ValueError } from "../errors.js";
import { type Expr, input, type MapProgram, topological } from "../expr/expr.js";
import { NDArray } from "../ndarray.js";
import { shapesEqual } from "../shape.js";
import { allocations } from "./allocations.js";

/** How a recorded operand is found at replay. */
type Operand =
  | { kind: "array"; array: NDArray } // an array made before (or outside) the recording
  | { kind: "slot"; slot: number; shape: readonly number[]; strides: readonly number[]; offset: number }
  | { kind: "arrays"; list: Operand[] } // map's inputs and outs
  | { kind: "value"; value: unknown }; // a program, a shape, a dtype, indices

interface Instruction {
  method: "copy" | "assign" | "map" | "reduce" | "argReduce" | "matmul" | "take";
  operands: Operand[];
  /** Slots this instruction's results fill (map: one per output), −1 for results it writes in place. */
  results: number[];
  /** Storages the JS backend allocated while running it (reused at replay). */
  allocated: Storage[];
}

/** The state of one recording or replay. */
class Recording {
  readonly instructions: Instruction[] = [];
  /** The storage each slot holds now. */
  readonly slots: Storage[] = [];
  private readonly slotOf = new Map<Storage, number>();
  /** Why this recording cannot be replayed (a host read), or null. */
  refused: string | null = null;

  constructor(readonly inputs: readonly NDArray[]) {
    inputs.forEach((a) => {
      this.slotFor(a.storage);
    });
  }

  slotFor(storage: Storage): number {
    let slot = this.slotOf.get(storage);
    if (slot === undefined) {
      slot = this.slots.length;
      this.slots.push(storage);
      this.slotOf.set(storage, slot);
    }
    return slot;
  }

  isSlot(storage: Storage): boolean {
    return this.slotOf.has(storage);
  }

  operand(x: unknown): Operand {
    if (x instanceof NDArray) {
      if (this.isSlot(x.storage)) {
        return { kind: "slot", slot: this.slotFor(x.storage), shape: x.shape, strides: x.strides, offset: x.offset };
      }
      return { kind: "array", array: x };
    }
    return { kind: "value", value: x };
  }
}

let current: Recording | null = null;

/**
 * True while `compile` records a function: code that checks values on the host (label
 * ranges, say) skips those checks there, since a replay would not repeat them.
 */
export function isCompiling(): boolean {
  return current !== null;
}

/** `NDArray`'s read methods report here: reading an array computed inside a recording refuses it. */
function hostRead(storage: Storage, op: string): void {
  if (current?.isSlot(storage) && current.refused === null) {
    current.refused = `${op} read back an array computed inside the compiled function (or one of its arguments)`;
  }
}

const METHODS = ["copy", "assign", "map", "reduce", "argReduce", "matmul", "take"] as const;

/** A backend that runs every call on `inner` and writes the compute calls into `rec`. */
function recordingBackend(inner: Backend, rec: Recording): Backend {
  const proxy: Backend = Object.create(inner) as Backend;
  // A backend call made from inside another (a fallback through a public op) is part of it.
  let depth = 0;
  for (const method of METHODS) {
    const run = inner[method] as (...args: unknown[]) => unknown;
    (proxy as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      if (depth > 0) return run.apply(inner, args);
      const operands: Operand[] = args.map((a) =>
        Array.isArray(a) && a.length > 0 && a.every((x) => x instanceof NDArray)
          ? { kind: "arrays", list: a.map((x) => rec.operand(x)) }
          : rec.operand(a),
      );
      const allocated: Storage[] = [];
      allocations.noting = allocated;
      depth += 1;
      let out: unknown;
      try {
        out = run.apply(inner, args);
      } finally {
        depth -= 1;
        allocations.noting = null;
      }
      const results: number[] = [];
      const outs = method === "map" ? (out as NDArray[]) : method === "assign" ? [] : [out as NDArray];
      const given = method === "map" ? (args[5] as NDArray[] | undefined) : undefined;
      outs.forEach((o, k) => {
        results.push(given?.[k] ? -1 : rec.slotFor(o.storage));
      });
      rec.instructions.push({ method, operands, results, allocated });
      return out;
    };
  }
  return proxy;
}

/** The last array built for a slot operand, reused while the slot holds the same storage. */
const built = new WeakMap<Operand, NDArray>();

/** The NDArray an operand stands for at replay. */
function materialize(op: Operand, slots: readonly Storage[]): unknown {
  if (op.kind === "array") return op.array;
  if (op.kind === "arrays") return op.list.map((x) => materialize(x, slots));
  if (op.kind === "value") return op.value;
  const storage = slots[op.slot] as Storage;
  const known = built.get(op);
  if (known !== undefined && known.storage === storage) return known;
  const array = new NDArray(storage, op.shape, op.strides, op.offset);
  built.set(op, array);
  return array;
}

/** One signature's recording, ready to replay. */
interface Plan {
  rec: Recording;
  outputs: Operand[];
  single: boolean;
}

export interface CompileOptions {
  /** Fuse chains of elementwise maps when a recording ends (default true). */
  fuse?: boolean;
}

/** A compiled function, with what its recordings did. */
export interface Compiled<A extends NDArray[], R extends NDArray | NDArray[] | undefined> {
  (...args: A): R;
  /** Kernels one replay runs (for the latest signature), before and after fusion. */
  readonly kernels: { recorded: number; replayed: number };
  /** Why the function runs eagerly instead (a host read inside it), or null. */
  readonly reason: string | null;
}

function signature(args: readonly NDArray[]): string {
  return args.map((a) => `${a.dtype}[${a.shape.join(",")}]`).join(";");
}

/**
 * Records `fn` on its first call and replays its kernels on later calls (see the file
 * header for what a replay does not redo). `fn` takes and returns NDArrays (or nothing);
 * autograd and layers code inside it is recorded too, since it runs on the same kernels.
 * @example const step = compile((x, y) => { … one training step … }); for (…) step(x, y);
 * @throws ValueError when `fn` is not a function or an argument is not an NDArray.
 */
export function compile<A extends NDArray[], R extends NDArray | NDArray[] | undefined>(
  fn: (...args: A) => R,
  options: CompileOptions = {},
): Compiled<A, R> {
  if (typeof fn !== "function") throw new ValueError("compile", `fn must be a function, got ${typeof fn}`);
  const plans = new Map<string, Plan>();
  let eagerReason: string | null = null;
  let kernels = { recorded: 0, replayed: 0 };

  const compiled = ((...args: A): R => {
    args.forEach((a, i) => {
      if (!(a instanceof NDArray)) throw new ValueError("compile", `argument ${i} must be an NDArray, got ${typeof a}`);
    });
    if (eagerReason !== null || current !== null) return fn(...args);
    const key = signature(args);
    const plan = plans.get(key);
    if (plan) return replay(plan, args) as R;
    // Record: run eagerly through the recording backend, on private copies of the
    // arguments (later arguments are copied into them; the caller's arrays stay theirs).
    const inner = getBackend();
    const own = args.map((a) => inner.copy(a, a.dtype)) as A;
    const rec = new Recording(own);
    current = rec;
    allocations.hostRead = hostRead;
    setRecorder(recordingBackend(inner, rec));
    let out: R;
    try {
      out = fn(...own);
    } finally {
      setRecorder(null);
      allocations.hostRead = null;
      current = null;
    }
    if (rec.refused !== null) {
      eagerReason = rec.refused;
      return out;
    }
    const list = out === undefined ? [] : Array.isArray(out) ? out : [out];
    const outputs = list.map((o) => rec.operand(o));
    // Outputs get new buffers at every call (a caller may keep the previous ones).
    const outSlots = new Set(outputs.flatMap((o) => (o.kind === "slot" ? [o.slot] : [])));
    for (const ins of rec.instructions) if (ins.results.some((r) => outSlots.has(r))) ins.allocated = [];
    const recorded = rec.instructions.length;
    if (options.fuse !== false) fuseMaps(rec, outputs);
    kernels = { recorded, replayed: rec.instructions.length };
    plans.set(key, { rec, outputs, single: out !== undefined && !Array.isArray(out) });
    return out;
  }) as Compiled<A, R>;

  Object.defineProperty(compiled, "kernels", { get: () => kernels });
  Object.defineProperty(compiled, "reason", { get: () => eagerReason });
  return compiled;
}

function replay(plan: Plan, args: readonly NDArray[]): NDArray | NDArray[] | undefined {
  const { rec } = plan;
  const backend = getBackend();
  // New arguments are copied into the recording's input arrays (the same array: nothing to do).
  rec.inputs.forEach((a, i) => {
    const b = args[i] as NDArray;
    if (b !== a && b.storage !== a.storage) backend.assign(a, b);
  });
  const slots = rec.slots;
  for (const ins of rec.instructions) {
    const values = ins.operands.map((o) => materialize(o, slots));
    allocations.provided = ins.allocated;
    allocations.next = 0;
    let out: unknown;
    try {
      out = (backend[ins.method] as (...a: unknown[]) => unknown).apply(backend, values);
    } finally {
      allocations.provided = null;
    }
    if (ins.method === "assign") continue;
    const results = ins.method === "map" ? (out as NDArray[]) : [out as NDArray];
    ins.results.forEach((slot, k) => {
      if (slot >= 0) slots[slot] = (results[k] as NDArray).storage;
    });
  }
  const outs = plan.outputs.map((o) => materialize(o, slots) as NDArray);
  if (outs.length === 0) return undefined;
  return plan.single ? outs[0] : outs;
}

/** `e` with operand k replaced by `replace(k)`, shared nodes kept shared. */
function substitute(outputs: readonly Expr[], replace: (k: number) => Expr): Expr[] {
  const done = new Map<Expr, Expr>();
  for (const node of topological(outputs)) {
    let next: Expr;
    if (node.kind === "input") next = replace(node.index);
    else if (node.kind === "const") next = node;
    else next = { kind: "prim", prim: node.prim, args: node.args.map((a) => done.get(a) as Expr) };
    done.set(node, next);
  }
  return outputs.map((e) => done.get(e) as Expr);
}

function sameOperand(a: Operand, b: Operand): boolean {
  if (a.kind === "array" && b.kind === "array") return a.array === b.array;
  if (a.kind === "slot" && b.kind === "slot") {
    return (
      a.slot === b.slot && a.offset === b.offset && shapesEqual(a.shape, b.shape) && shapesEqual(a.strides, b.strides)
    );
  }
  return false;
}

/** A recorded map call's arguments. */
function unpackMap(ins: Instruction): [MapProgram, Operand[], number[], DType, DType[], Operand[] | undefined] {
  const [program, inputs, shape, dtype, types, outs] = ins.operands as Operand[];
  const value = (o: Operand | undefined) => (o?.kind === "value" ? o.value : undefined);
  const list = (o: Operand | undefined) => (o?.kind === "arrays" ? o.list : []);
  return [
    value(program) as MapProgram,
    list(inputs),
    value(shape) as number[],
    value(dtype) as DType,
    value(types) as DType[],
    outs?.kind === "arrays" ? outs.list : undefined,
  ];
}

/** Storages an instruction writes in place (map outs, assign targets). */
function writesOf(ins: Instruction): Operand[] {
  if (ins.method === "assign") return [ins.operands[0] as Operand];
  if (ins.method === "map") return unpackMap(ins)[5] ?? [];
  return [];
}

function touches(a: Operand, b: Operand): boolean {
  if (a.kind === "array" && b.kind === "array") return a.array.storage === b.array.storage;
  if (a.kind === "slot" && b.kind === "slot") return a.slot === b.slot;
  return false;
}

/**
 * Fuses a one-output map whose result only one later map reads (whole, in the same shape)
 * into that map, repeatedly. The intermediate is then never stored; rounding is unchanged
 * because every primitive rounds to the compute dtype, as storing the intermediate did.
 */
function fuseMaps(rec: Recording, outputs: readonly Operand[]): void {
  const list = rec.instructions;
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 0; i < list.length && !changed; i++) {
      const producer = list[i] as Instruction;
      if (producer.method !== "map" || producer.results.length !== 1 || (producer.results[0] as number) < 0) continue;
      const slot = producer.results[0] as number;
      if (outputs.some((o) => o.kind === "slot" && o.slot === slot)) continue;
      const [pProgram, pInputs, pShape, pDtype, pTypes] = unpackMap(producer);
      if (pTypes[0] !== pDtype) continue;
      // Every later reader of the slot.
      const readers: number[] = [];
      for (let j = i + 1; j < list.length; j++) {
        const ins = list[j] as Instruction;
        const reads = ins.operands.some(
          (o) =>
            (o.kind === "slot" && o.slot === slot) ||
            (o.kind === "arrays" && o.list.some((x) => x.kind === "slot" && x.slot === slot)),
        );
        if (reads) readers.push(j);
      }
      if (readers.length !== 1) continue;
      const j = readers[0] as number;
      const consumer = list[j] as Instruction;
      if (consumer.method !== "map") continue;
      const [cProgram, cInputs, cShape, cDtype, , cOuts] = unpackMap(consumer);
      if (cDtype !== pDtype || !shapesEqual(cShape, pShape)) continue;
      if (cOuts?.some((o) => o.kind === "slot" && o.slot === slot)) continue;
      const full = cInputs.every(
        (o) =>
          o.kind !== "slot" ||
          o.slot !== slot ||
          (o.offset === 0 &&
            shapesEqual(o.shape, cShape) &&
            o.strides.every((s, d) => s === (o.shape.slice(d + 1).reduce((a, b) => a * b, 1) as number))),
      );
      if (!full) continue;
      // Nothing in between may write what the producer reads.
      const between = list.slice(i + 1, j);
      if (between.some((ins) => writesOf(ins).some((w) => pInputs.some((x) => touches(w, x))))) continue;
      // The fused operands: the consumer's (without the intermediate), then the producer's.
      const operands: Operand[] = [];
      const indexOf = (o: Operand): number => {
        const k = operands.findIndex((x) => sameOperand(x, o));
        if (k >= 0) return k;
        operands.push(o);
        return operands.length - 1;
      };
      const consumerIndex = cInputs.map((o) => (o.kind === "slot" && o.slot === slot ? -1 : indexOf(o)));
      const producerIndex = pInputs.map((o) => indexOf(o));
      const [inner] = substitute(pProgram.outputs, (k) => input(producerIndex[k] as number));
      const fused = substitute(cProgram.outputs, (k) => {
        const at = consumerIndex[k] as number;
        return at < 0 ? (inner as Expr) : input(at);
      });
      const program: MapProgram = { arity: operands.length, outputs: fused };
      consumer.operands[0] = { kind: "value", value: program };
      consumer.operands[1] = { kind: "arrays", list: operands };
      list.splice(i, 1);
      changed = true;
    }
  }
}
