/**
 * Values and gradients checked against PyTorch. Every case of
 * __fixtures__/torch-autograd.json (made by scripts/fixtures/torch_autograd.py with
 * PyTorch in float64) is rebuilt here with Sinapse ops on float64 tensors: each output
 * and the gradient of every input leaf must match PyTorch's to rtol 1e-10, atol 1e-12.
 * Kinks and ties (relu'(0), |x|'(0), clamp at its bounds, tied maxima, sqrt'(0)) are
 * held to PyTorch's conventions.
 */
import { array, type NDArray } from "@sinapse/tensor";
import { decodeNumber } from "@sinapse/test-utils";
import { describe, expect, it } from "vitest";
import fixtures from "./__fixtures__/torch-autograd.json";
import {
  abs,
  add,
  binaryCrossEntropyWithLogits,
  clip,
  concat,
  cos,
  div,
  erf,
  exp,
  expandDims,
  gather,
  gelu,
  grad,
  log,
  log1p,
  logaddexp,
  logSoftmax,
  logsumexp,
  matmul,
  max,
  maximum,
  mean,
  min,
  minimum,
  mul,
  neg,
  pow,
  prod,
  relu,
  reshape,
  sigmoid,
  sin,
  slice,
  softmax,
  softmaxCrossEntropy,
  softplus,
  split,
  sqrt,
  square,
  squeeze,
  stack,
  sub,
  sum,
  swapAxes,
  type Tensor,
  take,
  tanh,
  tensor,
  transpose,
  valueAndGrad,
  variance,
  where,
} from "./index.js";

interface Spec {
  dtype: "float64" | "int32" | "bool";
  shape: number[];
  data: (number | string)[];
}

interface Case {
  inputs: Record<string, Spec>;
  outputs: Record<string, Spec>;
  grads: Record<string, Spec>;
}

const cases = (fixtures as unknown as { cases: Record<string, Case> }).cases;
const TOL = { rtol: 1e-10, atol: 1e-12 };

const decodeValue = decodeNumber;

/** The fixture array as an NDArray of its dtype. */
function decode(spec: Spec): NDArray {
  const values = spec.data.map(decodeValue);
  const typed =
    spec.dtype === "float64"
      ? Float64Array.from(values)
      : spec.dtype === "int32"
        ? Int32Array.from(values)
        : Uint8Array.from(values);
  return array(typed, spec.shape);
}

const seen = new Set<string>();
let compared = 0;

/** One fixture case: its inputs as leaves or constants, and a check of outputs and gradients. */
class Fixture {
  private readonly leaves = new Map<string, Tensor>();

  constructor(
    readonly name: string,
    private readonly data: Case,
  ) {}

  private input(n: string): Spec {
    const spec = this.data.inputs[n];
    if (!spec) throw new Error(`case ${this.name} has no input ${n}`);
    return spec;
  }

  /** A float64 leaf that requires grad. */
  leaf(n: string): Tensor {
    const t = tensor(decode(this.input(n)), { requiresGrad: true, name: n });
    this.leaves.set(n, t);
    return t;
  }

  /** A constant (float64 values, int32 indices or a bool mask). */
  value(n: string): NDArray {
    return decode(this.input(n));
  }

  /** Each output and the `.grad` of each leaf PyTorch has a gradient for, within TOL. */
  check(outputs: Record<string, Tensor>, grads?: Record<string, Tensor | null>): void {
    expect(Object.keys(outputs).sort(), `${this.name}: outputs`).toEqual(Object.keys(this.data.outputs).sort());
    for (const [n, spec] of Object.entries(this.data.outputs)) {
      const t = outputs[n] as Tensor;
      expect(t.dtype, `${this.name}: dtype of ${n}`).toBe("float64");
      expect(t, `${this.name}: output ${n}`).toBeAllclose(decode(spec), TOL);
      compared += spec.data.length;
    }
    const actual = grads ?? Object.fromEntries([...this.leaves].map(([n, t]) => [n, t.grad]));
    expect(Object.keys(actual).sort(), `${this.name}: leaves with gradients`).toEqual(
      Object.keys(this.data.grads).sort(),
    );
    for (const [n, spec] of Object.entries(this.data.grads)) {
      const g = actual[n];
      expect(g, `${this.name}: gradient of ${n}`).toBeTruthy();
      expect(g?.dtype, `${this.name}: dtype of the gradient of ${n}`).toBe("float64");
      expect(g, `${this.name}: gradient of ${n}`).toBeAllclose(decode(spec), TOL);
      compared += spec.data.length;
    }
  }
}

/** Runs `program` on the named case (marking it seen). */
function against(name: string, program: (fx: Fixture) => void): () => void {
  return () => {
    const data = cases[name];
    if (!data) throw new Error(`no fixture case ${name}: regenerate with scripts/fixtures/torch_autograd.py`);
    seen.add(name);
    program(new Fixture(name, data));
  };
}

/** `Σ (y · w)`: a scalar loss whose gradient w.r.t. y is the fixed weights `w`. */
const weighted = (y: Tensor, w: NDArray | Tensor): Tensor => sum(mul(y, w));

describe("PyTorch reference (float64)", () => {
  describe("micrograd's engine tests", () => {
    it(
      "matches test_sanity_check at x = -4",
      against("micrograd_sanity_check", (fx) => {
        const x = fx.leaf("x");
        const z = add(add(mul(2, x), 2), x);
        const q = add(relu(z), mul(z, x));
        const h = relu(mul(z, z));
        const y = add(add(h, q), mul(q, x));
        y.backward();
        fx.check({ y });
      }),
    );

    it(
      "matches test_more_ops at a = -4, b = 2",
      against("micrograd_more_ops", (fx) => {
        const a = fx.leaf("a");
        const b = fx.leaf("b");
        let c = add(a, b);
        let d = add(mul(a, b), pow(b, 3));
        c = add(add(c, c), 1);
        c = add(add(add(c, 1), c), neg(a));
        d = add(add(d, mul(d, 2)), relu(add(b, a)));
        d = add(add(d, mul(3, d)), relu(sub(b, a)));
        const e = sub(c, d);
        const f = pow(e, 2);
        let g = div(f, 2);
        g = add(g, div(10, f));
        g.backward();
        fx.check({ g });
      }),
    );
  });

  describe("graphs", () => {
    it(
      "accumulates the gradient of a tensor used twice (a·a + a)",
      against("tensor_used_twice", (fx) => {
        const a = fx.leaf("a");
        const b = add(mul(a, a), a);
        const loss = sum(b);
        loss.backward();
        fx.check({ b, loss });
      }),
    );

    it(
      "sums the gradients of two branches that join again (diamond)",
      against("diamond_graph", (fx) => {
        const x = fx.leaf("x");
        const left = mul(sin(x), 2);
        const right = exp(mul(x, 0.5));
        const y = add(mul(left, right), left);
        const loss = sum(y);
        loss.backward();
        fx.check({ y, loss });
      }),
    );

    it(
      "computes a chain of unary ops and their derivatives",
      against("unary_chain", (fx) => {
        const x = fx.leaf("x");
        const y = sub(add(mul(sigmoid(x), log(x)), div(log1p(x), cos(x))), mul(sqrt(x), square(x)));
        const loss = sum(y);
        loss.backward();
        fx.check({ y, loss });
      }),
    );

    it(
      "differentiates pow in its base and its exponent (0 for the exponent at base 0)",
      against("pow_tensor_exponent", (fx) => {
        const x = fx.leaf("x");
        const e = fx.leaf("e");
        const y = pow(x, e);
        const loss = sum(y);
        loss.backward();
        fx.check({ y, loss });
      }),
    );
  });

  describe("broadcasting", () => {
    it(
      "sums a [3] operand's gradient over the rows of [2, 3]",
      against("broadcast_row_vector", (fx) => {
        const a = fx.leaf("a");
        const b = fx.leaf("b");
        const y = add(a, b);
        const loss = weighted(y, fx.value("w"));
        loss.backward();
        fx.check({ y, loss });
      }),
    );

    it(
      "reduces both operands of a [4, 1] · [1, 5] outer product",
      against("broadcast_outer_product", (fx) => {
        const a = fx.leaf("a");
        const b = fx.leaf("b");
        const y = mul(a, b);
        const loss = weighted(y, fx.value("w"));
        loss.backward();
        fx.check({ y, loss });
      }),
    );

    it(
      "keeps a [1, 3] bias's gradient in shape [1, 3]",
      against("broadcast_bias", (fx) => {
        const x = fx.leaf("x");
        const bias = fx.leaf("bias");
        const y = add(x, bias);
        const loss = weighted(y, fx.value("w"));
        loss.backward();
        fx.check({ y, loss });
      }),
    );

    it(
      "sums matmul's gradient over broadcast batch axes ([2, 3, 4] @ [4, 5])",
      against("matmul_batch_broadcast", (fx) => {
        const a = fx.leaf("a");
        const b = fx.leaf("b");
        const y = matmul(a, b);
        const loss = weighted(y, fx.value("w"));
        loss.backward();
        fx.check({ y, loss });
      }),
    );
  });

  describe("layers and losses", () => {
    it(
      "trains a 2-layer relu MLP with softmax cross-entropy on class indices (F.cross_entropy)",
      against("mlp_cross_entropy", (fx) => {
        const x = fx.value("x");
        const w1 = fx.leaf("w1");
        const b1 = fx.leaf("b1");
        const w2 = fx.leaf("w2");
        const b2 = fx.leaf("b2");
        const hidden = relu(add(matmul(x, w1), b1));
        const logits = add(matmul(hidden, w2), b2);
        const loss = softmaxCrossEntropy(logits, fx.value("y"));
        loss.backward();
        fx.check({ logits, loss });
      }),
    );

    it(
      "computes softmax cross-entropy against one-hot rows (F.cross_entropy with probabilities)",
      against("cross_entropy_one_hot", (fx) => {
        const logits = fx.leaf("logits");
        const loss = softmaxCrossEntropy(logits, fx.value("onehot"));
        loss.backward();
        fx.check({ loss });
      }),
    );

    it(
      "computes softmax along axis 0",
      against("softmax_axis_0", (fx) => {
        const x = fx.leaf("x");
        const y = softmax(x, 0);
        const loss = weighted(y, fx.value("w"));
        loss.backward();
        fx.check({ y, loss });
      }),
    );

    it(
      "computes softmax along the middle axis of a 3-D tensor",
      against("softmax_middle_axis", (fx) => {
        const x = fx.leaf("x");
        const y = softmax(x, 1);
        const loss = weighted(y, fx.value("w"));
        loss.backward();
        fx.check({ y, loss });
      }),
    );

    it(
      "computes logSoftmax along the last axis",
      against("log_softmax_last_axis", (fx) => {
        const x = fx.leaf("x");
        const y = logSoftmax(x, -1);
        const loss = weighted(y, fx.value("w"));
        loss.backward();
        fx.check({ y, loss });
      }),
    );

    it(
      "computes logsumexp over one axis (keepdims) and over two axes",
      against("logsumexp_axes", (fx) => {
        const x = fx.leaf("x");
        const y1 = logsumexp(x, { axis: 1, keepdims: true });
        const y2 = logsumexp(x, { axis: [0, 2] });
        const loss = add(weighted(y1, fx.value("w")), sum(mul(y2, y2)));
        loss.backward();
        fx.check({ y1, y2, loss });
      }),
    );
  });

  describe("reductions, indexing and selection", () => {
    it(
      "computes mean and variance (ddof 0 along an axis, ddof 1 over all)",
      against("mean_variance", (fx) => {
        const x = fx.leaf("x");
        const m0 = mean(x, { axis: 0 });
        const v1 = variance(x, { axis: 1 });
        const v_all = variance(x, { ddof: 1 });
        const loss = add(add(sum(mul(m0, m0)), weighted(v1, fx.value("w"))), v_all);
        loss.backward();
        fx.check({ m0, v1, v_all, loss });
      }),
    );

    it(
      "gives prod's gradient exactly with one and with two zeros in a row",
      against("prod_with_zero", (fx) => {
        const x = fx.leaf("x");
        const y = prod(x, { axis: 1 });
        const loss = weighted(y, fx.value("w"));
        loss.backward();
        fx.check({ y, loss });
      }),
    );

    it(
      "scatters gradients back through overlapping slices, concat and take with repeats",
      against("slice_concat_take", (fx) => {
        const x = fx.leaf("x");
        const s1 = slice(x, "1:3, ::2");
        const s2 = slice(x, "-2:, 1:4");
        const s3 = slice(x, ":1, ::-2");
        const c = concat([s1, s2, s3], 0);
        const t = take(c, fx.value("rows"), 0);
        const row = slice(x, "2");
        const y = add(mul(t, fx.value("w")), take(row, fx.value("cols"), 0));
        const loss = sum(mul(y, y));
        loss.backward();
        fx.check({ c, y, loss });
      }),
    );

    it(
      "routes gradients through stack, transpose, reshape, split, expandDims and squeeze",
      against("shape_ops", (fx) => {
        const a = fx.leaf("a");
        const b = fx.leaf("b");
        const w = fx.value("w");
        const t = transpose(stack([a, b], 0), [2, 0, 1]);
        const r = reshape(t, [3, 4]);
        const [first, second] = split(r, 2, 1) as [Tensor, Tensor];
        const y = mul(first, second);
        const z = squeeze(sum(mul(expandDims(y, 2), w), { axis: 2, keepdims: true }), 2);
        const loss = add(sum(mul(z, z)), weighted(t, w));
        loss.backward();
        fx.check({ y, loss });
      }),
    );

    it(
      "passes clip's gradient inside the bounds only (one- and two-sided)",
      against("clip_program", (fx) => {
        const x = fx.leaf("x");
        const y = clip(mul(x, 2), -1, 1.5);
        const loss = add(weighted(y, fx.value("w")), sum(clip(x, 0.25)));
        loss.backward();
        fx.check({ y, loss });
      }),
    );

    it(
      "sends where's gradient to the chosen branch, broadcasting a [4] operand",
      against("where_program", (fx) => {
        const x = fx.leaf("x");
        const b = fx.leaf("b");
        const y = where(fx.value("cond"), mul(x, x), add(sin(x), b));
        const loss = sum(y);
        loss.backward();
        fx.check({ y, loss });
      }),
    );
  });

  describe("kinks and ties (PyTorch's conventions)", () => {
    it(
      "gives relu a zero gradient at 0",
      against("relu_at_zero", (fx) => {
        const x = fx.leaf("x");
        const y = relu(x);
        sum(y).backward();
        fx.check({ y });
      }),
    );

    it(
      "gives abs a zero gradient at 0",
      against("abs_at_zero", (fx) => {
        const x = fx.leaf("x");
        const y = abs(x);
        sum(y).backward();
        fx.check({ y });
      }),
    );

    it(
      "passes clamp's gradient at exactly min and max",
      against("clamp_at_bounds", (fx) => {
        const x = fx.leaf("x");
        const y = clip(x, -0.5, 0.5);
        sum(y).backward();
        fx.check({ y });
      }),
    );

    it(
      "splits max's gradient evenly among tied maxima in a row (torch.amax)",
      against("amax_ties", (fx) => {
        const x = fx.leaf("x");
        const y = max(x, { axis: 1 });
        weighted(y, fx.value("w")).backward();
        fx.check({ y });
      }),
    );

    it(
      "splits a full min's gradient evenly among tied minima (torch.amin)",
      against("amin_ties_all_axes", (fx) => {
        const x = fx.leaf("x");
        const y = min(x);
        y.backward();
        fx.check({ y });
      }),
    );

    it(
      "gives each of two equal operands half of maximum's gradient",
      against("maximum_ties", (fx) => {
        const a = fx.leaf("a");
        const b = fx.leaf("b");
        const y = maximum(a, b);
        weighted(y, fx.value("w")).backward();
        fx.check({ y });
      }),
    );

    it(
      "gives each of two equal operands half of minimum's gradient",
      against("minimum_ties", (fx) => {
        const a = fx.leaf("a");
        const b = fx.leaf("b");
        const y = minimum(a, b);
        weighted(y, fx.value("w")).backward();
        fx.check({ y });
      }),
    );

    it(
      "gives sqrt an infinite gradient at 0",
      against("sqrt_at_zero", (fx) => {
        const x = fx.leaf("x");
        const y = sqrt(x);
        sum(y).backward();
        fx.check({ y });
      }),
    );
  });

  describe("higher order", () => {
    const f = (x: Tensor): Tensor => sum(mul(tanh(x), pow(x, 3)));

    it(
      "computes a Hessian-vector product by differentiating x.grad after backward({ createGraph })",
      against("hessian_vector_product", (fx) => {
        const x = fx.leaf("x");
        const v = fx.value("v");
        const y = f(x);
        y.backward(undefined, { createGraph: true });
        const g = x.grad as Tensor;
        expect(g.requiresGrad, "x.grad carries a graph").toBe(true);
        x.grad = null;
        sum(mul(g, v)).backward();
        const hv = x.grad as unknown as Tensor;
        fx.check({ f: y, g, hv }, {});
      }),
    );

    it(
      "computes the same Hessian-vector product with nested grad(grad(f))",
      against("hessian_vector_product", (fx) => {
        const x = fx.value("x");
        const v = fx.value("v");
        const [y, g] = valueAndGrad(f)(x) as [Tensor, Tensor];
        const hv = grad((t: Tensor) => sum(mul(grad(f)(t) as Tensor, v)))(x) as Tensor;
        fx.check({ f: y, g, hv }, {});
      }),
    );
  });

  describe("ops declared once in the op table", () => {
    const weightedSum = (fx: Fixture, y: Tensor) => weighted(y, fx.value("w")).backward();

    it(
      "softplus stays finite and exact at x = ±100 (softplus(−100) = 3.7e-44), ∂ = σ(x)",
      against("softplus_stable", (fx) => {
        const y = softplus(fx.leaf("x"));
        weightedSum(fx, y);
        fx.check({ y });
      }),
    );

    it(
      "erf matches torch.erf from −4 to 6.5, ∂ = 2/√π·e^(−x²)",
      against("erf_values", (fx) => {
        const y = erf(fx.leaf("x"));
        weightedSum(fx, y);
        fx.check({ y });
      }),
    );

    it(
      "gelu matches F.gelu, exact and with approximate='tanh'",
      against("gelu_exact_and_tanh", (fx) => {
        const x = fx.leaf("x");
        const exact = gelu(x);
        const approx = gelu(x, { approximate: "tanh" });
        weighted(add(exact, mul(approx, 2)), fx.value("w")).backward();
        fx.check({ exact, approx });
      }),
    );

    it(
      "logaddexp matches torch.logaddexp at −1000, at ties and far apart",
      against("logaddexp_wide_range", (fx) => {
        const y = logaddexp(fx.leaf("a"), fx.leaf("b"));
        weightedSum(fx, y);
        fx.check({ y });
      }),
    );

    it(
      "binary cross-entropy on logits matches F.binary_cross_entropy_with_logits at ±100",
      against("bce_with_logits_extremes", (fx) => {
        const loss = binaryCrossEntropyWithLogits(fx.leaf("z"), fx.leaf("t"));
        loss.backward();
        fx.check({ loss });
      }),
    );

    it(
      "gather matches torch.gather along axis 1, repeats accumulating",
      against("gather_along_axis", (fx) => {
        const y = gather(fx.leaf("x"), fx.value("idx"), 1);
        weightedSum(fx, y);
        fx.check({ y });
      }),
    );

    it(
      "swapAxes matches torch.swapaxes(x, 0, 2)",
      against("swapaxes_3d", (fx) => {
        const y = swapAxes(fx.leaf("x"), 0, 2);
        weightedSum(fx, y);
        fx.check({ y });
      }),
    );

    it(
      "softmax shifts by the row max: logits ±1e4 match torch.softmax",
      against("softmax_large_logits", (fx) => {
        const y = softmax(fx.leaf("z"));
        weightedSum(fx, y);
        fx.check({ y });
      }),
    );
  });

  it("ran every fixture case and compared every value in it", () => {
    expect([...seen].sort()).toEqual(Object.keys(cases).sort());
    const stored = Object.values(cases).reduce(
      (n, c) => n + [...Object.values(c.outputs), ...Object.values(c.grads)].reduce((m, s) => m + s.data.length, 0),
      0,
    );
    expect(compared).toBeGreaterThanOrEqual(stored);
  });
});
