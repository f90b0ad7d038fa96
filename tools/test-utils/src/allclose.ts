/**
 * `allclose(actual, expected)`: NumPy's `|a − b| ≤ atol + rtol·|b|` over nested lists,
 * numbers or anything with `toArray()`, reporting the worst element when it fails.
 */

export interface AllcloseOptions {
  rtol?: number;
  atol?: number;
}

export interface AllcloseResult {
  pass: boolean;
  message: string;
}

type Nested = number | readonly Nested[];

function toNested(x: unknown): Nested {
  if (x !== null && typeof x === "object" && "toArray" in x && typeof x.toArray === "function") {
    return x.toArray() as Nested;
  }
  if (ArrayBuffer.isView(x)) return Array.from(x as unknown as ArrayLike<number>);
  return x as Nested;
}

function shapeOf(x: Nested): number[] {
  const shape: number[] = [];
  let probe: Nested = x;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    probe = probe[0] as Nested;
  }
  return shape;
}

function flatten(x: Nested, out: number[] = []): number[] {
  if (Array.isArray(x)) for (const v of x) flatten(v, out);
  else out.push(x as number);
  return out;
}

export function allclose(actual: unknown, expected: unknown, options: AllcloseOptions = {}): AllcloseResult {
  const rtol = options.rtol ?? 1e-5;
  const atol = options.atol ?? 1e-8;
  const a = toNested(actual);
  const e = toNested(expected);
  const sa = shapeOf(a);
  const se = shapeOf(e);
  if (sa.join(",") !== se.join(",")) {
    return { pass: false, message: `shapes differ: [${sa}] vs expected [${se}]` };
  }
  const fa = flatten(a);
  const fe = flatten(e);
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < fa.length; i++) {
    const x = fa[i] as number;
    const y = fe[i] as number;
    if (Number.isNaN(x) && Number.isNaN(y)) continue;
    if (x === y) continue;
    const excess = Math.abs(x - y) - (atol + rtol * Math.abs(y));
    if (!(excess <= 0) && (worst < 0 || !(excess <= worstExcess))) {
      worst = i;
      worstExcess = excess;
    }
  }
  if (worst < 0) return { pass: true, message: `arrays of shape [${sa}] are close (rtol ${rtol}, atol ${atol})` };
  return {
    pass: false,
    message: `element ${worst} (flat) differs: ${fa[worst]} vs expected ${fe[worst]} (rtol ${rtol}, atol ${atol}, shape [${sa}])`,
  };
}
