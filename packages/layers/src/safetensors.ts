/**
 * The safetensors container, read as a hostile file: an 8-byte little-endian header length
 * N, N bytes of UTF-8 JSON starting with `{` (trailing spaces allowed), then the data. The
 * header maps each tensor name to `{ dtype, shape, data_offsets: [begin, end] }` (offsets
 * relative to the data) and may hold `__metadata__`, a map of strings to strings.
 *
 * Everything is checked before any tensor is read, by the format's rules (safetensors'
 * README and `tensor.rs`): a header of at most {@link MAX_HEADER_BYTES}, JSON nested at most
 * {@link MAX_JSON_DEPTH} levels (serde_json's limit), no duplicate tensor names, a known dtype,
 * a shape of non-negative integers, `end − begin = numel · itemsize`, and offsets that tile
 * the data exactly — in order, no gap, no overlap, nothing after the last tensor. A file
 * that passes can be read without allocating more than it holds.
 */
import { FormatError, ValueError } from "@sinapse/tensor";

/** Largest header accepted (the JSON, not the tensors): 16 MiB. */
export const MAX_HEADER_BYTES = 16 * 2 ** 20;
/** Deepest JSON nesting accepted, as serde_json (which safetensors uses). */
export const MAX_JSON_DEPTH = 128;

/** The dtypes of safetensors, with their size in bits. */
export const SAFETENSORS_DTYPE_BITS: Readonly<Record<string, number>> = Object.freeze({
  BOOL: 8,
  F4: 4,
  F6_E2M3: 6,
  F6_E3M2: 6,
  U8: 8,
  I8: 8,
  F8_E5M2: 8,
  F8_E4M3: 8,
  F8_E8M0: 8,
  I16: 16,
  U16: 16,
  F16: 16,
  BF16: 16,
  I32: 32,
  U32: 32,
  F32: 32,
  F64: 64,
  C64: 64,
  I64: 64,
  U64: 64,
});

/** One tensor of a checked header; `begin`/`end` are relative to the data section. */
export interface SafetensorsEntry {
  name: string;
  dtype: string;
  shape: number[];
  begin: number;
  end: number;
}

/** A checked safetensors header. */
export interface SafetensorsHeader {
  /** `__metadata__`, or null when the file has none. */
  metadata: Record<string, string> | null;
  /** The tensors in header order. */
  entries: SafetensorsEntry[];
  /** Where the data starts in the file: 8 + header length. */
  dataStart: number;
  /** Bytes of data after the header (every one of them belongs to exactly one tensor). */
  dataLength: number;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

/** `JSON.stringify` cut to `max` characters, for error messages about hostile values. */
export function preview(value: unknown, max = 60): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * `JSON.parse` with what it lacks: a nesting limit (checked in one pass before parsing, so
 * 8M levels cost nothing) and, for a top-level object, duplicate keys refused (JSON.parse
 * keeps the last; safetensors forbids them). Keys are own data properties, `"__proto__"`
 * included.
 * @throws FormatError naming `op`, `what` and the problem.
 */
export function parseJson(op: string, text: string, what = "JSON", maxDepth = MAX_JSON_DEPTH): unknown {
  const fail = (problem: string): FormatError => new FormatError(op, `${what} is not valid JSON: ${problem}`);
  const keys = new Set<string>();
  const object = text.trimStart().startsWith("{");
  let depth = 0;
  let previous = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
      // A string right after `{` or `,` of the top-level object is one of its keys.
      if (object && depth === 1 && (previous === "{" || previous === ",")) {
        let key: string;
        try {
          key = JSON.parse(text.slice(start, i + 1)) as string;
        } catch {
          throw fail(`a bad string at ${start}`);
        }
        if (keys.has(key)) throw fail(`duplicate key ${preview(key)}`);
        keys.add(key);
      }
    } else if (c === "{" || c === "[") {
      if (++depth > maxDepth) throw fail(`nested deeper than ${maxDepth} levels at ${i}`);
    } else if (c === "}" || c === "]") depth--;
    if (c !== " " && c !== "\n" && c !== "\r" && c !== "\t") previous = c;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw fail((error as Error).message);
  }
}

/** The checked entry of tensor `name`, or a FormatError naming it. */
function readEntry(op: string, name: string, raw: unknown, dataLength: number): SafetensorsEntry {
  const fail = (problem: string) => new FormatError(op, `tensor ${preview(name)} ${problem}`);
  if (!isRecord(raw)) throw fail(`is not an object, got ${preview(raw)}`);
  for (const key of Object.keys(raw)) {
    if (key !== "dtype" && key !== "shape" && key !== "data_offsets")
      throw fail(`has an unknown field ${preview(key)}`);
  }
  const { dtype, shape, data_offsets: offsets } = raw;
  if (typeof dtype !== "string" || !Object.hasOwn(SAFETENSORS_DTYPE_BITS, dtype))
    throw fail(`has an unknown dtype ${preview(dtype)}`);
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0))
    throw fail(`has an invalid shape ${preview(shape)}`);
  if (
    !Array.isArray(offsets) ||
    offsets.length !== 2 ||
    !offsets.every((o) => Number.isSafeInteger(o) && o >= 0) ||
    offsets[0] > offsets[1]
  )
    throw fail(`has invalid data_offsets ${preview(offsets)}`);
  const [begin, end] = offsets as [number, number];
  if (end > dataLength) throw fail(`claims bytes ${begin}-${end} but the file holds ${dataLength} bytes of data`);
  // numel · bits, exactly: any dimension 0 makes it 0; otherwise stop once past the data.
  let bits = BigInt(SAFETENSORS_DTYPE_BITS[dtype] as number);
  const limit = BigInt(dataLength) * 8n;
  if (shape.includes(0)) bits = 0n;
  else for (const d of shape as number[]) if (bits <= limit) bits *= BigInt(d);
  const what = `of dtype ${dtype} and shape [${shape}]`;
  if (bits > limit) throw fail(`${what} needs more than the ${dataLength} bytes of data the file holds`);
  if (bits % 8n !== 0n) throw fail(`${what} does not fill whole bytes`);
  if (bits / 8n !== BigInt(end - begin)) throw fail(`${what} needs ${bits / 8n} bytes but has ${end - begin}`);
  return { name, dtype, shape: shape as number[], begin, end };
}

/**
 * Reads and checks the header of a safetensors file held in `bytes` (see the file header
 * for the rules). Reads no tensor.
 * @throws ValueError for something other than a Uint8Array; FormatError naming `op` and
 *   the first problem found.
 */
export function readSafetensorsHeader(bytes: Uint8Array, op: string): SafetensorsHeader {
  if (!(bytes instanceof Uint8Array)) throw new ValueError(op, `expected a Uint8Array, got ${preview(typeof bytes)}`);
  const fail = (problem: string) => new FormatError(op, problem);
  if (bytes.length < 8) throw fail(`the file is ${bytes.length} bytes long, too short for a header`);
  const declared = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (declared > BigInt(MAX_HEADER_BYTES) || declared > BigInt(bytes.length - 8)) {
    throw fail(
      `the header claims ${declared} bytes but the file has ${bytes.length - 8} after the length (limit ${MAX_HEADER_BYTES})`,
    );
  }
  const headerLength = Number(declared);
  if (headerLength < 2 || bytes[8] !== 0x7b) throw fail("the header does not start with {");
  // Trailing padding is spaces only.
  let jsonEnd = 8 + headerLength;
  while (jsonEnd > 9 && bytes[jsonEnd - 1] === 0x20) jsonEnd--;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes.subarray(8, jsonEnd));
  } catch {
    throw fail("the header is not valid UTF-8");
  }
  const header = parseJson(op, text, "the header");
  if (!isRecord(header)) throw fail("the header is not a JSON object");

  const dataStart = 8 + headerLength;
  const dataLength = bytes.length - dataStart;
  let metadata: Record<string, string> | null = null;
  const entries: SafetensorsEntry[] = [];
  for (const [name, raw] of Object.entries(header)) {
    if (name === "__metadata__") {
      if (!isRecord(raw)) throw fail(`__metadata__ must be an object of strings, got ${preview(raw)}`);
      for (const [key, value] of Object.entries(raw))
        if (typeof value !== "string")
          throw fail(`__metadata__ ${preview(key)} must be a string, got ${preview(value)}`);
      metadata = raw as Record<string, string>;
    } else {
      entries.push(readEntry(op, name, raw, dataLength));
    }
  }
  // The byte ranges must tile the data: in order, no gap, no overlap, nothing left over.
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let expected = 0;
  for (const e of sorted) {
    if (e.begin !== expected)
      throw fail(
        `tensor ${preview(e.name)} at bytes ${e.begin}-${e.end} ${e.begin < expected ? "overlaps" : "leaves a gap"}, expected it at ${expected}`,
      );
    expected = e.end;
  }
  if (expected !== dataLength) throw fail(`the tensors cover ${expected} bytes but the data is ${dataLength}`);
  return { metadata, entries, dataStart, dataLength };
}

/** A tensor to write: its safetensors dtype, shape and little-endian bytes. */
export interface SafetensorsTensor {
  name: string;
  dtype: string;
  shape: readonly number[];
  bytes: Uint8Array;
}

/**
 * A safetensors file: the header (padded with spaces so that the data starts 8-byte
 * aligned, as safetensors does), then each tensor's bytes in the order given.
 */
export function writeSafetensors(
  metadata: Record<string, string> | null,
  tensors: readonly SafetensorsTensor[],
  /** Called with the tensor table before the header is written (to add a checksum to `metadata`). */
  beforeHeader?: (entries: SafetensorsEntry[]) => void,
): Uint8Array {
  let offset = 0;
  const entries = tensors.map(({ name, dtype, shape, bytes }) => {
    offset += bytes.length;
    return { name, dtype, shape: [...shape], begin: offset - bytes.length, end: offset };
  });
  beforeHeader?.(entries);
  const header: Record<string, unknown> = {};
  if (metadata) header.__metadata__ = metadata;
  for (const e of entries) header[e.name] = { dtype: e.dtype, shape: e.shape, data_offsets: [e.begin, e.end] };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + padded + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(padded), true);
  out.fill(0x20, 8, 8 + padded);
  out.set(json, 8);
  let pos = 8 + padded;
  for (const t of tensors) {
    out.set(t.bytes, pos);
    pos += t.bytes.length;
  }
  return out;
}

/**
 * FNV-1a (32-bit) of `bytes`, continuing from `hash`. Every step is a bijection of the
 * state, so any change confined to one byte always changes the result.
 */
export function fnv1a(bytes: Uint8Array, hash = 0x811c9dc5): number {
  let h = hash;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  return h >>> 0;
}
