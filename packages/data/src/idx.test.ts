import { gunzipSync, gzipSync } from "node:zlib";
import { FormatError, ValueError } from "@sinapse/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_IDX_BYTES, parseIdx, readIdx } from "./idx.js";

const CODES = { ubyte: 0x08, byte: 0x09, short: 0x0b, int: 0x0c, float: 0x0d, double: 0x0e } as const;
const SIZES = { ubyte: 1, byte: 1, short: 2, int: 4, float: 4, double: 8 } as const;
type Kind = keyof typeof CODES;

/** IDX bytes: magic 00 00 code ndims, big-endian uint32 sizes, big-endian elements. */
function encodeIdx(kind: Kind, shape: number[], values: number[]): Uint8Array {
  const header = 4 + 4 * shape.length;
  const bytes = new Uint8Array(header + values.length * SIZES[kind]);
  const view = new DataView(bytes.buffer);
  bytes.set([0, 0, CODES[kind], shape.length]);
  for (const [i, d] of shape.entries()) view.setUint32(4 + 4 * i, d);
  const write = {
    ubyte: (o: number, v: number) => view.setUint8(o, v),
    byte: (o: number, v: number) => view.setInt8(o, v),
    short: (o: number, v: number) => view.setInt16(o, v),
    int: (o: number, v: number) => view.setInt32(o, v),
    float: (o: number, v: number) => view.setFloat32(o, v),
    double: (o: number, v: number) => view.setFloat64(o, v),
  }[kind];
  for (const [i, v] of values.entries()) write(header + i * SIZES[kind], v);
  return bytes;
}

const SAMPLES: Record<Kind, { values: number[]; dtype: string }> = {
  ubyte: { values: [0, 1, 127, 128, 254, 255], dtype: "int32" },
  byte: { values: [-128, -1, 0, 1, 64, 127], dtype: "int32" },
  short: { values: [-32768, -300, 0, 1, 258, 32767], dtype: "int32" },
  int: { values: [-(2 ** 31), -70000, 0, 1, 65536, 2 ** 31 - 1], dtype: "int32" },
  float: { values: [-1.5, 0, 0.25, 3.140000104904175, 1e30, -2e-10].map(Math.fround), dtype: "float32" },
  double: { values: [-1.5, 0, 0.1, Math.PI, 1e300, -5e-324], dtype: "float64" },
};

const gzip = (bytes: Uint8Array) => new Uint8Array(gzipSync(bytes));

describe("parseIdx / readIdx round trip", () => {
  it.each(Object.keys(SAMPLES) as Kind[])("reads %s in its lossless dtype, raw and gzipped", async (kind) => {
    const { values, dtype } = SAMPLES[kind];
    const bytes = encodeIdx(kind, [2, 3], values);
    const raw = parseIdx(bytes);
    expect(raw.dtype).toBe(dtype);
    expect(raw.shape).toEqual([2, 3]);
    expect(Array.from(raw.dataSync())).toEqual(values);
    const fromRaw = await readIdx(bytes);
    const fromGzip = await readIdx(gzip(bytes));
    expect(fromRaw.toArray()).toEqual(raw.toArray());
    expect(fromGzip.toArray()).toEqual(raw.toArray());
    expect(fromGzip.dtype).toBe(dtype);
  });

  it("reads MNIST-shaped images as float32 0–255 when asked", () => {
    const pixels = Array.from({ length: 2 * 4 * 4 }, (_, i) => (i * 37) % 256);
    const X = parseIdx(encodeIdx("ubyte", [2, 4, 4], pixels), { dtype: "float32" });
    expect(X.dtype).toBe("float32");
    expect(X.shape).toEqual([2, 4, 4]);
    expect(Array.from(X.dataSync())).toEqual(pixels);
  });

  it("reads a dimension of size 0 as an empty array", () => {
    expect(parseIdx(encodeIdx("ubyte", [0, 28], [])).shape).toEqual([0, 28]);
  });

  it("reads from a Uint8Array that is a window into a larger buffer", () => {
    const inner = encodeIdx("short", [3], [1, -2, 3]);
    const outer = new Uint8Array(inner.length + 5);
    outer.set(inner, 3);
    expect(Array.from(parseIdx(outer.subarray(3, 3 + inner.length)).dataSync())).toEqual([1, -2, 3]);
  });
});

describe("damaged IDX input throws FormatError naming the problem", () => {
  const good = encodeIdx("short", [2, 3], [1, 2, 3, 4, 5, 6]);
  const patched = (offset: number, ...values: number[]) => {
    const b = good.slice();
    b.set(values, offset);
    return b;
  };
  const cases: [string, Uint8Array, RegExp][] = [
    ["empty input", new Uint8Array(0), /truncated IDX header, got 0 bytes/],
    ["a truncated magic", good.slice(0, 3), /truncated IDX header, got 3 bytes/],
    ["a truncated size list", good.slice(0, 9), /truncated IDX header, got 9 bytes/],
    ["a wrong magic", patched(0, 0x50, 0x4b), /not an IDX file: the magic must start with 00 00, got 50 4B 0B 02/],
    ["an unsupported dtype code", patched(2, 0x0a), /unsupported IDX dtype code 0x0A/],
    ["zero dimensions", patched(3, 0), /declares 0 dimensions/],
    ["truncated data", good.slice(0, good.length - 1), /short \[2,3\] needs 24 bytes, got 23/],
    ["trailing bytes", new Uint8Array([...good, 0]), /needs 24 bytes, got 25/],
    ["a declared size larger than the file", patched(4, 0, 0, 0x10, 0), /short \[4096,3\] needs 24588 bytes, got 24/],
    [
      "absurdly large declared sizes",
      patched(4, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),
      /short \[4294967295,4294967295\] needs .* bytes, got 24/,
    ],
    ["gzip given to the sync parser", gzip(good), /gzip-compressed .* use readIdx/],
  ];

  it.each(cases)("%s", async (_name, bytes, message) => {
    expect(() => parseIdx(bytes)).toThrow(FormatError);
    expect(() => parseIdx(bytes)).toThrow(message);
    if (!message.source.startsWith("gzip")) {
      await expect(readIdx(bytes)).rejects.toThrow(message);
      // Gzipped, the same damage is caught while gunzipping or after, always as FormatError.
      await expect(readIdx(gzip(bytes))).rejects.toThrow(FormatError);
    }
  });

  it("rejects a damaged gzip stream", async () => {
    const z = gzip(good);
    await expect(readIdx(z.slice(0, z.length - 6))).rejects.toThrow(FormatError);
    const flipped = z.slice();
    flipped[12] = (flipped[12] as number) ^ 0xff;
    await expect(readIdx(flipped)).rejects.toThrow(/readIdx: /);
  });

  it("stops gunzipping at the declared size: a header claiming 1 byte over megabytes of zeros", async () => {
    const bomb = new Uint8Array(4 + 4 + 5_000_000);
    bomb.set([0, 0, 0x08, 1, 0, 0, 0, 1]);
    await expect(readIdx(gzip(bomb))).rejects.toThrow(/more than the 9 bytes the IDX header declares/);
  });

  it("refuses a gzipped header declaring more than maxBytes", async () => {
    const bytes = encodeIdx("ubyte", [4, 4], new Array(16).fill(1));
    await expect(readIdx(gzip(bytes), { maxBytes: 20 })).rejects.toThrow(
      /28 bytes uncompressed, more than maxBytes 20/,
    );
  });

  it("refuses a gzip bomb whose header declares up to 2 GiB at the header, not after inflating (regression: 8 MiB → 2.19 GiB, 8.9 s)", async () => {
    // 512 gzip members of 16 MiB of zeros each: 8 MiB that inflate to 8 GiB.
    const zeros = gzip(new Uint8Array(16 * 2 ** 20));
    const header = new Uint8Array(8);
    header.set([0, 0, 0x08, 1]);
    new DataView(header.buffer).setUint32(4, 2 ** 31 - 9);
    const parts = [gzip(header), ...new Array<Uint8Array>(512).fill(zeros)];
    const bomb = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      bomb.set(p, at);
      at += p.length;
    }
    const before = process.memoryUsage().arrayBuffers;
    await expect(readIdx(bomb)).rejects.toThrow(
      "readIdx: IDX header declares ubyte [2147483639] = 2147483647 bytes, more than maxBytes 134217728",
    );
    // Declaring 1 MiB, it stops just past 1 MiB of the 8 GiB.
    new DataView(header.buffer).setUint32(4, 2 ** 20);
    parts[0] = gzip(header);
    bomb.set(parts[0] as Uint8Array, 0);
    await expect(readIdx(bomb)).rejects.toThrow(
      "gzip stream holds more than the 1048584 bytes the IDX header declares",
    );
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 2 ** 20);
  });

  it("refuses a stream whose gzip trailer declares more than maxBytes before inflating", async () => {
    const z = gzip(encodeIdx("ubyte", [4], [1, 2, 3, 4]));
    new DataView(z.buffer, z.byteOffset).setUint32(z.length - 4, 2 ** 30, true);
    await expect(readIdx(z)).rejects.toThrow(
      "readIdx: the gzip stream declares 1073741824 bytes uncompressed, more than maxBytes 134217728",
    );
    await expect(readIdx(z, { maxBytes: 2 ** 31 })).rejects.toThrow(/damaged gzip stream/);
  });

  it("reads Fashion-MNIST's largest file within the default limit (47 MB inflated)", async () => {
    expect(DEFAULT_MAX_IDX_BYTES).toBeGreaterThan(60000 * 28 * 28 + 16);
    await expect(readIdx(gzip(new Uint8Array(0)), { maxBytes: -1 })).rejects.toThrow(ValueError);
  });

  it("throws ValueError for input that is not a Uint8Array", () => {
    expect(() => parseIdx([0, 0, 8, 1] as unknown as Uint8Array)).toThrow(ValueError);
  });
});

/** Fuzz runs: bounded for `pnpm test`; SINAPSE_FUZZ_RUNS for a long run. */
const RUNS = Number(process.env.SINAPSE_FUZZ_RUNS ?? 1000);

describe("fuzz: mutated and truncated IDX files only ever throw FormatError", () => {
  const base = encodeIdx(
    "int",
    [3, 2, 2],
    Array.from({ length: 12 }, (_, i) => i * 1000 - 5000),
  );
  const mutation = fc.record({
    edits: fc.array(fc.record({ at: fc.nat({ max: base.length - 1 }), value: fc.nat({ max: 255 }) }), {
      maxLength: 6,
    }),
    cut: fc.nat({ max: base.length }),
  });
  const mutate = ({ edits, cut }: { edits: { at: number; value: number }[]; cut: number }) => {
    const bytes = base.slice();
    for (const { at, value } of edits) bytes[at] = value;
    return bytes.slice(0, cut);
  };
  const check = (bytes: Uint8Array, parse: () => { size: number }) => {
    try {
      const out = parse();
      // Whatever parses is backed by the bytes given: no element without its bytes.
      expect(out.size).toBeLessThanOrEqual(bytes.length);
    } catch (error) {
      expect(error).toBeInstanceOf(FormatError);
    }
  };

  it("parseIdx on raw bytes", () => {
    fc.assert(
      fc.property(mutation, (m) => {
        const bytes = mutate(m);
        check(bytes, () => parseIdx(bytes));
      }),
      { numRuns: 1000 },
    );
  });

  /** An independent decoding of raw IDX bytes (big-endian int32 here), or null when they are not a valid file. */
  const reference = (raw: Uint8Array): number[] | null => {
    if (raw.length < 4 || raw[0] !== 0 || raw[1] !== 0 || raw[2] !== 0x0c || raw[3] === 0) return null;
    const dims = raw[3] as number;
    if (raw.length < 4 + 4 * dims) return null;
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    let n = 1;
    for (let d = 0; d < dims; d++) n *= view.getUint32(4 + 4 * d);
    if (raw.length !== 4 + 4 * dims + 4 * n) return null;
    return Array.from({ length: n }, (_, i) => view.getInt32(4 + 4 * dims + 4 * i));
  };

  it("readIdx on mutated gzip streams: FormatError, or exactly what zlib and a reference decoder read", async () => {
    const zipped = gzip(base);
    let loaded = 0;
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ at: fc.nat({ max: zipped.length - 1 }), value: fc.nat({ max: 255 }) }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.option(fc.nat({ max: zipped.length })),
        async (edits, cut) => {
          const bytes = zipped.slice();
          for (const { at, value } of edits) bytes[at] = value;
          const input = bytes.slice(0, cut ?? bytes.length);
          const before = process.memoryUsage().arrayBuffers;
          try {
            const out = await readIdx(input);
            loaded++;
            let raw: Uint8Array | null = null;
            try {
              raw = new Uint8Array(gunzipSync(input));
            } catch {
              raw = null;
            }
            // A mutated gzip that still loads (a changed mtime, OS byte, …) decodes as zlib reads it.
            if (raw !== null && raw[0] !== 0x1f) expect(Array.from(out.dataSync())).toEqual(reference(raw));
          } catch (error) {
            rejected++;
            expect(error).toBeInstanceOf(FormatError);
          }
          expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 2 ** 20);
        },
      ),
      { seed: 18, numRuns: RUNS },
    );
    expect(loaded + rejected).toBe(RUNS);
    if (process.env.SINAPSE_FUZZ_REPORT) console.log("gzip", { loaded, rejected });
  });

  it("readIdx on mutated gzip streams (older property)", async () => {
    const zipped = gzip(base);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ at: fc.nat({ max: zipped.length - 1 }), value: fc.nat({ max: 255 }) }), {
          maxLength: 4,
        }),
        fc.nat({ max: zipped.length }),
        async (edits, cut) => {
          const bytes = zipped.slice();
          for (const { at, value } of edits) bytes[at] = value;
          const input = bytes.slice(0, cut);
          try {
            const out = await readIdx(input);
            expect(out.size).toBeLessThanOrEqual(base.length);
          } catch (error) {
            expect(error).toBeInstanceOf(FormatError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
