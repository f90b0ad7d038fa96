/**
 * What a model file's tensor table must hold for a checked `ModelSpec` (`checkSpec`): every
 * parameter of every Dense layer with its shape, the optimizer's state for all parameters or
 * none, and nothing else — matched before anything is built, so an unknown or missing tensor
 * (a name with one flipped bit) is a FormatError naming it, never silently dropped.
 */
import { FormatError } from "@sinapse/tensor";
import { preview } from "./safetensors.js";
import type { ModelSpec } from "./spec.js";

/** The state slots each optimizer keeps per parameter (`Optimizer.stateOf`). */
export const OPTIMIZER_SLOTS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  SGD: ["momentum"],
  Adagrad: ["cache"],
  RMSprop: ["cache"],
  Adam: ["momentum", "cache"],
});

/** The parameter tensors of the spec's layers, in the order the model lists its parameters. */
export function parameterTensors(spec: ModelSpec): { name: string; shape: number[] }[] {
  const out: { name: string; shape: number[] }[] = [];
  spec.layers.forEach((layer, i) => {
    if (layer.type === "Dense") {
      out.push({ name: `layers.${i}.weights`, shape: [layer.nInputs, layer.nNeurons] });
      out.push({ name: `layers.${i}.biases`, shape: [1, layer.nNeurons] });
    }
  });
  return out;
}

const list = (names: string[]): string =>
  names
    .slice(0, 5)
    .map((n) => preview(n, 40))
    .join(", ") + (names.length > 5 ? `, … (${names.length} in all)` : "");

/**
 * Matches the file's tensor table against what `spec` needs. Returns the optimizer slots
 * present (empty: no saved state).
 * @throws FormatError naming the unknown, missing or misshapen tensors, or one of a dtype
 *   other than F32 and F64.
 */
export function matchTensors(
  op: string,
  table: ReadonlyMap<string, { dtype: string; shape: readonly number[] }>,
  spec: ModelSpec,
): readonly string[] {
  const params = parameterTensors(spec);
  const expected = new Map<string, number[]>(params.map((p) => [p.name, p.shape]));
  const slots = (spec.optimizer && OPTIMIZER_SLOTS[spec.optimizer.type]) || [];
  const stateNames: string[] = [];
  params.forEach((p, i) => {
    for (const slot of slots) {
      stateNames.push(`optimizer.${i}.${slot}`);
      expected.set(`optimizer.${i}.${slot}`, p.shape);
    }
  });
  const unknown = [...table.keys()].filter((name) => !expected.has(name));
  if (unknown.length) throw new FormatError(op, `the file holds tensors the model does not have: ${list(unknown)}`);
  const hasState = stateNames.some((name) => table.has(name));
  const missing = [...expected.keys()].filter(
    (name) => !table.has(name) && (hasState || !name.startsWith("optimizer.")),
  );
  if (missing.length) throw new FormatError(op, `the file lacks tensors the model needs: ${list(missing)}`);
  for (const [name, entry] of table) {
    const shape = expected.get(name) as number[];
    if (entry.dtype !== "F32" && entry.dtype !== "F64")
      throw new FormatError(op, `tensor ${preview(name)} has dtype ${preview(entry.dtype)}, expected "F32" or "F64"`);
    if (entry.shape.length !== shape.length || entry.shape.some((d, k) => d !== shape[k]))
      throw new FormatError(
        op,
        `tensor ${preview(name)} has shape [${entry.shape}], the architecture needs [${shape}]`,
      );
  }
  return hasState ? slots : [];
}
