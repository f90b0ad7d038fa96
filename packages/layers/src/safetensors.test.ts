import { FormatError, ValueError } from "@sinapse/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH, parseJson, readSafetensorsHeader, writeSafetensors } from "./safetensors.js";

// ---------------------------------------------------------------------------------------
// An independent reading of the format, written from safetensors' README ("Format") and
// the checks of its `tensor.rs` — not from safetensors.ts — to test the loader against.
// ---------------------------------------------------------------------------------------

/** dtype → bits, as the README and the `Dtype` docs list them. */
const DOC_DTYPES: Record<string, number> = {
  BOOL: 8,
  F4: 4,
  F6_E2M3: 6,
  F6_E3M2: 6,
  F8_E8M0: 8,
  C64: 64,
  U8: 8,
  I8: 8,
  F8_E5M2: 8,
  F8_E4M3: 8,
  I16: 16,
  U16: 16,
  F16: 16,
  BF16: 16,
  I32: 32,
  U32: 32,
  F32: 32,
  F64: 64,
  I64: 64,
  U64: 64,
};

/**
 * True when `bytes` follow the format's rules: u64 LE header size N; N bytes of UTF-8 JSON
 * beginning with `{`, optionally padded with spaces; a dict of tensor infos plus an
 * optional `__metadata__` string→string map; each info's END − BEGIN = numel · size; the
 * byte buffer entirely indexed, without holes or overlaps. (It does not detect duplicate
 * keys, so it is at most more permissive than the loader.)
 */
function rulesAccept(bytes: Uint8Array): boolean {
  if (bytes.length < 8) return false;
  const n = new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true);
  if (n > BigInt(bytes.length - 8)) return false;
  const head = bytes.subarray(8, 8 + Number(n));
  if (head[0] !== 0x7b) return false;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(head).replace(/ +$/, "");
  } catch {
    return false;
  }
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch {
    return false;
  }
  if (typeof header !== "object" || header === null || Array.isArray(header)) return false;
  const ranges: [number, number][] = [];
  for (const [name, info] of Object.entries(header as Record<string, unknown>)) {
    if (name === "__metadata__") {
      if (typeof info !== "object" || info === null || Array.isArray(info)) return false;
      if (!Object.values(info).every((v) => typeof v === "string")) return false;
      continue;
    }
    const t = info as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (typeof t !== "object" || t === null) return false;
    if (typeof t.dtype !== "string" || !Object.hasOwn(DOC_DTYPES, t.dtype)) return false;
    if (!Array.isArray(t.shape) || !t.shape.every((d) => Number.isInteger(d) && d >= 0)) return false;
    const o = t.data_offsets;
    if (!Array.isArray(o) || o.length !== 2 || !o.every((x) => Number.isInteger(x) && x >= 0)) return false;
    const numel = (t.shape as number[]).reduce((a, b) => a * b, 1);
    if (o[1] - o[0] !== (numel * (DOC_DTYPES[t.dtype] as number)) / 8) return false;
    ranges.push([o[0], o[1]]);
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let at = 0;
  for (const [b, e] of ranges) {
    if (b !== at) return false;
    at = e;
  }
  return at === bytes.length - 8 - Number(n);
}

interface RefTensor {
  name: string;
  dtype: string;
  shape: number[];
}

/**
 * A reference writer, independent of `writeSafetensors`: tensors stored in `order` (a
 * permutation), header keys in the given order, `pad` spaces after the JSON, and random
 * data bytes.
 */
function referenceWrite(
  tensors: RefTensor[],
  metadata: Record<string, string> | null,
  order: number[],
  pad: number,
  seed: number,
): Uint8Array {
  const sizes = tensors.map((t) => (t.shape.reduce((a, b) => a * b, 1) * (DOC_DTYPES[t.dtype] as number)) / 8);
  const offsets = new Array<[number, number]>(tensors.length);
  let at = 0;
  for (const i of order) {
    offsets[i] = [at, at + (sizes[i] as number)];
    at += sizes[i] as number;
  }
  const entries: string[] = [];
  if (metadata) entries.push(`"__metadata__":${JSON.stringify(metadata)}`);
  tensors.forEach((t, i) => {
    entries.push(
      `${JSON.stringify(t.name)}:{"dtype":"${t.dtype}","shape":[${t.shape.join(",")}],"data_offsets":[${offsets[i]}]}`,
    );
  });
  const json = new TextEncoder().encode(`{${entries.join(",")}}${" ".repeat(pad)}`);
  const out = new Uint8Array(8 + json.length + at);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  let s = seed >>> 0;
  for (let i = 8 + json.length; i < out.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

const arbFile = fc
  .uniqueArray(
    fc
      .record({
        name: fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s !== "__metadata__"),
        dtype: fc.constantFrom(...Object.keys(DOC_DTYPES)),
        shape: fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 3 }),
      })
      .filter((t) => (t.shape.reduce((a, b) => a * b, 1) * (DOC_DTYPES[t.dtype] as number)) % 8 === 0),
    { selector: (t) => t.name, maxLength: 6 },
  )
  .chain((tensors) =>
    fc.record({
      tensors: fc.constant(tensors),
      metadata: fc.option(fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 })),
      order: fc.shuffledSubarray(
        tensors.map((_, i) => i),
        { minLength: tensors.length, maxLength: tensors.length },
      ),
      pad: fc.integer({ min: 0, max: 9 }),
      seed: fc.nat(),
    }),
  )
  .map(({ tensors, metadata, order, pad, seed }) => ({
    tensors,
    bytes: referenceWrite(tensors, metadata, order, pad, seed),
  }));

/** Fuzz runs per property: bounded for `pnpm test`; SINAPSE_FUZZ_RUNS for a long run. */
const FUZZ = { seed: 18, numRuns: Number(process.env.SINAPSE_FUZZ_RUNS ?? 2000) };

describe("readSafetensorsHeader", () => {
  it("accepts every file of the reference writer, reading each tensor's dtype, shape and range", () => {
    fc.assert(
      fc.property(arbFile, ({ tensors, bytes }) => {
        expect(rulesAccept(bytes)).toBe(true);
        const header = readSafetensorsHeader(bytes, "test");
        const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : 1);
        expect(header.entries.sort(byName).map((e) => [e.name, e.dtype, e.shape])).toEqual(
          tensors.sort(byName).map((t) => [t.name, t.dtype, t.shape]),
        );
      }),
      FUZZ,
    );
  });

  it("accepts only what safetensors' rules accept, and throws nothing but FormatError (fuzz)", () => {
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(
        arbFile,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
        fc.option(fc.nat()),
        ({ bytes }, edits, cut) => {
          const b = bytes.slice(0, cut === null ? bytes.length : cut % (bytes.length + 1));
          for (const [i, v] of edits) if (b.length) b[i % b.length] = v;
          try {
            readSafetensorsHeader(b, "test");
            accepted++;
            expect(rulesAccept(b)).toBe(true);
          } catch (error) {
            rejected++;
            expect(error).toBeInstanceOf(FormatError);
          }
        },
      ),
      FUZZ,
    );
    expect(accepted + rejected).toBe(FUZZ.numRuns);
    expect(rejected).toBeGreaterThan(0);
    if (process.env.SINAPSE_FUZZ_REPORT) console.log("safetensors", { accepted, rejected });
  });

  const file = (json: string, data = 0): Uint8Array => {
    const text = new TextEncoder().encode(json);
    const out = new Uint8Array(8 + text.length + data);
    new DataView(out.buffer).setBigUint64(0, BigInt(text.length), true);
    out.set(text, 8);
    return out;
  };
  const entry = (dtype: string, shape: number[], begin: number, end: number) =>
    JSON.stringify({ dtype, shape, data_offsets: [begin, end] });

  it.each([
    ["overlapping offsets", `{"a":${entry("F32", [2], 0, 8)},"b":${entry("F32", [2], 4, 12)}}`, 12, "overlaps"],
    ["a gap", `{"a":${entry("F32", [1], 0, 4)},"b":${entry("F32", [1], 8, 12)}}`, 12, "leaves a gap"],
    ["trailing bytes", `{"a":${entry("F32", [1], 0, 4)}}`, 9, "cover 4 bytes but the data is 9"],
    ["numel · size ≠ end − begin", `{"a":${entry("F32", [3], 0, 8)}}`, 16, "needs 12 bytes but has 8"],
    ["an unknown dtype", `{"a":${entry("F128", [1], 0, 16)}}`, 16, 'unknown dtype "F128"'],
    ["a negative dimension", `{"a":${entry("F32", [-1], 0, 0)}}`, 0, "invalid shape [-1]"],
    ["a fractional offset", `{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1.5]}}`, 2, "invalid data_offsets"],
    ["begin after end", `{"a":{"dtype":"U8","shape":[0],"data_offsets":[3,2]}}`, 3, "invalid data_offsets"],
    ["an unknown field", `{"a":{"dtype":"U8","shape":[],"data_offsets":[0,1],"x":1}}`, 1, 'unknown field "x"'],
    ["a duplicate key", `{"a":${entry("U8", [1], 0, 1)},"a":${entry("U8", [1], 0, 1)}}`, 1, 'duplicate key "a"'],
    ["metadata that is not strings", `{"__metadata__":{"k":1}}`, 0, '__metadata__ "k" must be a string'],
    ["a header not starting with {", ` {"a":${entry("U8", [], 0, 1)}}`, 1, "does not start with {"],
    ["text after the JSON", `{"a":${entry("U8", [], 0, 1)}} x`, 1, "the header is not valid JSON"],
    ["a shape whose numel overflows", `{"a":${entry("F32", [2 ** 40, 2 ** 40], 0, 4)}}`, 4, "needs more than"],
  ])("rejects %s with a FormatError", (_, json, data, message) => {
    expect(() => readSafetensorsHeader(file(json, data), "op")).toThrow(FormatError);
    expect(() => readSafetensorsHeader(file(json, data), "op")).toThrow(message);
  });

  it("accepts zero-sized and scalar tensors, in any order of their ranges", () => {
    const json = `{"s":${entry("F64", [], 4, 12)},"e":${entry("F32", [0, 7], 4, 4)},"a":${entry("I32", [1], 0, 4)}}`;
    const h = readSafetensorsHeader(file(json, 12), "op");
    expect(h.entries.map((e) => [e.name, e.begin, e.end])).toEqual([
      ["s", 4, 12],
      ["e", 4, 4],
      ["a", 0, 4],
    ]);
    expect(h.metadata).toBeNull();
  });

  it("rejects a header length that is off by 1 to 5 bytes (regression: loaded weights like -2.6e13)", () => {
    const good = writeSafetensors({ k: "v" }, [{ name: "w", dtype: "F32", shape: [4], bytes: new Uint8Array(16) }]);
    const n = Number(new DataView(good.buffer).getBigUint64(0, true));
    for (const delta of [-5, -4, -3, -2, -1, 1, 2, 3, 4, 5]) {
      const b = good.slice();
      new DataView(b.buffer).setBigUint64(0, BigInt(n + delta), true);
      expect(() => readSafetensorsHeader(b, "op"), `delta ${delta}`).toThrow(FormatError);
    }
  });

  it("refuses 8M levels of nesting quickly, without parsing them (regression: +452 MiB, 3 s)", () => {
    const depth = 8_000_000;
    const text = `{"__metadata__":${"[".repeat(depth)}${"]".repeat(depth)}}`;
    const heap = process.memoryUsage().heapUsed;
    expect(() => readSafetensorsHeader(file(text), "op")).toThrow(`nested deeper than ${MAX_JSON_DEPTH} levels`);
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(64 * 2 ** 20);
  });

  it("throws ValueError for something other than bytes", () => {
    expect(() => readSafetensorsHeader("file" as unknown as Uint8Array, "op")).toThrow(ValueError);
  });
});

describe("parseJson", () => {
  it("agrees with JSON.parse on every JSON value it is given (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const text = JSON.stringify(value);
        expect(parseJson("op", text)).toEqual(JSON.parse(text));
      }),
      { seed: 18, numRuns: 500 },
    );
  });

  it("keeps __proto__, constructor and toString as own data keys", () => {
    const parsed = parseJson("op", '{"__proto__":{"x":1},"constructor":2,"toString":3}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual(["__proto__", "constructor", "toString"]);
    expect((parsed as { x?: number }).x).toBeUndefined();
  });

  it.each(["", "01", "[1,]", "{'a':1}", '"\\x"', "NaN", "[1] 2", '{"a" 1}', "tru", '"a\u0001"'])(
    "rejects %j as not JSON",
    (text) => {
      expect(() => parseJson("op", text)).toThrow(FormatError);
    },
  );

  it("allows 128 levels and refuses 129", () => {
    expect(parseJson("op", `${"[".repeat(128)}${"]".repeat(128)}`)).toBeInstanceOf(Array);
    expect(() => parseJson("op", `${"[".repeat(129)}${"]".repeat(129)}`)).toThrow("nested deeper than 128 levels");
  });
});
