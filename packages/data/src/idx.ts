/**
 * The IDX format of MNIST and Fashion-MNIST: a 4-byte magic `00 00 <dtype> <ndims>`, ndims
 * big-endian uint32 sizes, then the elements big-endian in row-major order. `parseIdx`
 * reads raw bytes synchronously; `readIdx` also accepts gzip (`1f 8b`) and gunzips with the
 * platform's `DecompressionStream`, streaming, within a limit known before inflating
 * (`maxBytes`, 128 MiB by default, and the size the gzip trailer declares) and then the
 * size the IDX header declares. Damaged input throws FormatError and never allocates
 * more than the bytes it was given can justify.
 */
import { type DType, FormatError, NDArray, type TypedArray, ValueError } from "@sinapse/tensor";

/** The element types of IDX, by their code in the magic's third byte. */
export type IdxType = "ubyte" | "byte" | "short" | "int" | "float" | "double";

interface IdxTypeInfo {
  name: IdxType;
  size: number;
  /** The lossless NDArray dtype for this element type. */
  dtype: DType;
  read: (view: DataView, offset: number) => number;
}

const IDX_TYPES: ReadonlyMap<number, IdxTypeInfo> = new Map([
  [0x08, { name: "ubyte", size: 1, dtype: "int32", read: (v, o) => v.getUint8(o) }],
  [0x09, { name: "byte", size: 1, dtype: "int32", read: (v, o) => v.getInt8(o) }],
  [0x0b, { name: "short", size: 2, dtype: "int32", read: (v, o) => v.getInt16(o) }],
  [0x0c, { name: "int", size: 4, dtype: "int32", read: (v, o) => v.getInt32(o) }],
  [0x0d, { name: "float", size: 4, dtype: "float32", read: (v, o) => v.getFloat32(o) }],
  [0x0e, { name: "double", size: 8, dtype: "float64", read: (v, o) => v.getFloat64(o) }],
] as [number, IdxTypeInfo][]);

/** Options of {@link parseIdx} and {@link readIdx}. */
export interface IdxOptions {
  /**
   * dtype of the result. By default the lossless one: int32 for ubyte, byte, short and int,
   * float32 for float, float64 for double. Pass `"float32"` to read images as raw 0–255 floats.
   */
  dtype?: Exclude<DType, "bool">;
  /**
   * Largest decompressed size `readIdx` accepts, in bytes: 128 MiB by default, room for
   * MNIST-format datasets (Fashion-MNIST's largest file inflates to 47 MB). Raise it for
   * bigger files (EMNIST); the refusal comes before anything beyond it is inflated.
   */
  maxBytes?: number;
}

/** What the header of an IDX file declares. */
export interface IdxHeader {
  type: IdxType;
  shape: number[];
  /** Header length in bytes: 4 + 4·ndims. */
  headerBytes: number;
  /** Total length the file must have: header plus elements. */
  totalBytes: number;
}

/** Default of `maxBytes`: 128 MiB. */
export const DEFAULT_MAX_IDX_BYTES = 2 ** 27;

/** True when `bytes` starts with the gzip magic `1f 8b`. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Reads and checks an IDX header; returns undefined when `bytes` is too short to hold all
 * of it yet. Throws FormatError for a wrong magic, an unknown dtype code or no dimensions.
 */
export function parseIdxHeader(op: string, bytes: Uint8Array): IdxHeader | undefined {
  if (bytes.length < 4) return undefined;
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw new FormatError(op, `not an IDX file: the magic must start with 00 00, got ${hex(bytes.subarray(0, 4))}`);
  }
  const info = IDX_TYPES.get(bytes[2] as number);
  if (info === undefined) {
    throw new FormatError(
      op,
      `unsupported IDX dtype code 0x${hex(bytes.subarray(2, 3))} (08 ubyte, 09 byte, 0B short, 0C int, 0D float, 0E double)`,
    );
  }
  const ndims = bytes[3] as number;
  if (ndims === 0) throw new FormatError(op, `IDX file declares 0 dimensions, got magic ${hex(bytes.subarray(0, 4))}`);
  const headerBytes = 4 + 4 * ndims;
  if (bytes.length < headerBytes) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, headerBytes);
  const shape: number[] = [];
  let elements = 1;
  for (let d = 0; d < ndims; d++) {
    const size = view.getUint32(4 + 4 * d);
    shape.push(size);
    elements *= size; // exact while below 2^53; beyond that it is rejected by size anyway
  }
  return { type: info.name, shape, headerBytes, totalBytes: headerBytes + elements * info.size };
}

/**
 * Parses raw (uncompressed) IDX bytes into an NDArray of the declared shape.
 *
 * @example parseIdx(bytes) // labels file → int32 [60000]; images file → int32 [60000, 28, 28]
 * @example parseIdx(bytes, { dtype: "float32" }) // images as float32 0–255
 * @throws FormatError for gzip input (use `readIdx`), a wrong magic, an unsupported dtype
 *   code, a truncated header, or a data length that differs from the declared sizes.
 */
export function parseIdx(bytes: Uint8Array, options: IdxOptions = {}): NDArray {
  return decode("parseIdx", bytes, options);
}

/**
 * Parses IDX bytes, raw or gzip-compressed (detected by the magic `1f 8b`). Gunzips with
 * `DecompressionStream` (browsers, Node ≥ 18), streaming: a stream whose gzip trailer
 * declares more than `maxBytes` is refused before inflating, and inflating stops as soon
 * as the output passes `maxBytes` or the size the IDX header declares, so a damaged or
 * hostile stream (a gzip bomb) cannot balloon.
 *
 * @example const labels = await readIdx(new Uint8Array(await (await fetch(url)).arrayBuffer()));
 * @throws FormatError as `parseIdx`, for a damaged gzip stream, or for one that inflates
 *   past `maxBytes`; ValueError for a `maxBytes` that is not an integer ≥ 0.
 */
export async function readIdx(bytes: Uint8Array, options: IdxOptions = {}): Promise<NDArray> {
  checkBytes("readIdx", bytes);
  const maxBytes = maxBytesOf("readIdx", options);
  const raw = isGzip(bytes) ? await gunzipIdx(bytes, maxBytes) : bytes;
  return decode("readIdx", raw, options);
}

function decode(op: string, bytes: Uint8Array, options: IdxOptions): NDArray {
  checkBytes(op, bytes);
  if (isGzip(bytes)) {
    throw new FormatError(op, "input is gzip-compressed (starts with 1f 8b); use readIdx or loadIdx, which gunzip");
  }
  const header = parseIdxHeader(op, bytes);
  if (header === undefined) {
    throw new FormatError(op, `truncated IDX header, got ${bytes.length} bytes`);
  }
  const info = [...IDX_TYPES.values()].find((t) => t.name === header.type) as IdxTypeInfo;
  // Checked against the bytes at hand before anything is allocated.
  if (header.totalBytes !== bytes.length) {
    const declared = `${header.type} [${header.shape.join(",")}] needs ${header.totalBytes} bytes`;
    throw new FormatError(op, `data length does not match the header: ${declared}, got ${bytes.length}`);
  }
  const dtype = options.dtype ?? info.dtype;
  const n = (header.totalBytes - header.headerBytes) / info.size;
  const out = allocate(op, dtype, n);
  const view = new DataView(bytes.buffer, bytes.byteOffset + header.headerBytes, n * info.size);
  if (info.size === 1 && info.name === "ubyte") {
    out.set(bytes.subarray(header.headerBytes));
  } else {
    for (let i = 0; i < n; i++) out[i] = info.read(view, i * info.size);
  }
  return new NDArray(out, header.shape);
}

function allocate(op: string, dtype: string, n: number): TypedArray {
  switch (dtype) {
    case "int32":
      return new Int32Array(n);
    case "float32":
      return new Float32Array(n);
    case "float64":
      return new Float64Array(n);
    default:
      throw new ValueError(op, `dtype must be int32, float32 or float64, got ${dtype}`);
  }
}

/**
 * Gunzips IDX bytes, giving up once the output passes the allowed size: `maxBytes`, then
 * (once the IDX header is out) the size it declares. The gzip trailer's ISIZE — the
 * uncompressed size modulo 2³² — is a lower bound of the real size, so a trailer above
 * `maxBytes` is refused before anything is inflated.
 */
async function gunzipIdx(bytes: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  const op = "readIdx";
  if (bytes.length >= 18) {
    const declared = new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 4, 4).getUint32(0, true);
    if (declared > maxBytes) {
      throw new FormatError(
        op,
        `the gzip stream declares ${declared} bytes uncompressed, more than maxBytes ${maxBytes} (pass a larger maxBytes for a bigger file)`,
      );
    }
  }
  const chunks: Uint8Array[] = [];
  let length = 0;
  let limit = maxBytes;
  let header: IdxHeader | undefined;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  try {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    reader = stream.getReader() as ReadableStreamDefaultReader<Uint8Array>;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      length += value.length;
      if (header === undefined) {
        header = parseIdxHeader(op, concatChunks(chunks, Math.min(length, 4 + 4 * 255)));
        if (header !== undefined) {
          if (header.totalBytes > maxBytes) {
            throw new FormatError(
              op,
              `IDX header declares ${header.type} [${header.shape.join(",")}] = ${header.totalBytes} bytes, more than maxBytes ${maxBytes}`,
            );
          }
          limit = header.totalBytes;
        }
      }
      if (length > limit) {
        throw new FormatError(
          op,
          header === undefined
            ? `gzip stream inflates to more than maxBytes ${maxBytes} before the IDX header ends`
            : `gzip stream holds more than the ${limit} bytes the IDX header declares`,
        );
      }
    }
  } catch (error) {
    await reader?.cancel().catch(() => undefined);
    if (error instanceof FormatError) throw error;
    throw new FormatError(op, `damaged gzip stream, got ${describe(error)}`);
  }
  return concatChunks(chunks, length);
}

function concatChunks(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1 && (chunks[0] as Uint8Array).length === length) return chunks[0] as Uint8Array;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    if (offset >= length) break;
    const part = chunk.subarray(0, length - offset);
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function checkBytes(op: string, bytes: unknown): asserts bytes is Uint8Array {
  if (!(bytes instanceof Uint8Array)) {
    throw new ValueError(op, `bytes must be a Uint8Array, got ${describe(bytes)}`);
  }
}

function maxBytesOf(op: string, options: IdxOptions): number {
  const max = options.maxBytes ?? DEFAULT_MAX_IDX_BYTES;
  if (!Number.isSafeInteger(max) || max < 0) throw new ValueError(op, `maxBytes must be an integer ≥ 0, got ${max}`);
  return max;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0").toUpperCase()).join(" ");
}

function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  return value === null ? "null" : typeof value;
}
