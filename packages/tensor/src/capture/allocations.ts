/**
 * The seam between `compile` and the backends' allocators: while an instruction is
 * recorded, the JS backend lists the storages it allocates (`noting`); when it is replayed,
 * it takes them back in the same order (`provided`), zeroed, instead of allocating.
 * Also where `NDArray`'s read methods report host reads to a recording (`hostRead`).
 */
import type { Storage } from "../backends/backend.js";
import type { DType } from "../dtype.js";

export const allocations: {
  noting: Storage[] | null;
  provided: readonly Storage[] | null;
  next: number;
  hostRead: ((storage: Storage, op: string) => void) | null;
} = { noting: null, provided: null, next: 0, hostRead: null };

/** The next provided storage when it fits (`dtype`, `length`), zeroed unless `zero` is false; else undefined. */
export function takeProvided(dtype: DType, length: number, zero = true): Storage | undefined {
  const list = allocations.provided;
  if (list === null) return undefined;
  const s = list[allocations.next];
  if (s === undefined || s.dtype !== dtype || s.length !== length) return undefined;
  allocations.next += 1;
  if (zero) (s.view() as { fill(v: number): unknown }).fill(0);
  return s;
}

/** Lists a storage the backend just allocated, when a recording asks. */
export function noteAllocated(s: Storage): void {
  allocations.noting?.push(s);
}
