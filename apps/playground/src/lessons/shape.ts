/** The shape lesson's arrays: nested lists of 1, 2 or 3 levels, numbered 1, 2, 3, … */
import { array, type NestedArray } from "@sinapse/tensor";

/** A nested list with the given sizes (outermost first), filled with 1, 2, 3, … */
export function nestedList(sizes: readonly number[]): NestedArray {
  let next = 1;
  const build = (depth: number): NestedArray =>
    depth === sizes.length - 1
      ? Array.from({ length: sizes[depth] as number }, () => next++)
      : Array.from({ length: sizes[depth] as number }, () => build(depth + 1));
  return build(0);
}

/** The list as Python/JS source, one inner row per line. */
export function formatNested(list: NestedArray, indent = ""): string {
  if (!Array.isArray(list)) return String(list);
  if (list.every((v) => !Array.isArray(v))) return `[${list.join(", ")}]`;
  const inner = list.map((v) => `${indent} ${formatNested(v as NestedArray, `${indent} `)}`);
  return `[\n${inner.join(",\n")}\n${indent}]`;
}

/** What @sinapse/tensor says about the list: its shape, number of dimensions and size. */
export function describeList(list: NestedArray): { shape: number[]; ndim: number; size: number } {
  const a = array(list);
  return { shape: [...a.shape], ndim: a.ndim, size: a.size };
}
