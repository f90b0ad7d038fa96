// Writes traces.json: real `traceGraph` outputs of @sinapse/autograd for the GraphView
// tests (viz does not depend on autograd, so the traces are recorded here as data).
// Run after building autograd: node packages/viz/src/__fixtures__/make-traces.mjs
import { writeFileSync } from "node:fs";
import { add, matmul, mean, mul, relu, sub, sum, tensor, traceGraph } from "../../../autograd/dist/index.js";

const traces = {};

{
  const w = tensor([1, 2, 3], { requiresGrad: true, name: "w" });
  const loss = sum(mul(w, w));
  loss.backward(undefined, { retainGraph: true });
  traces.sumOfSquares = traceGraph(loss);
}
{
  const a = tensor([1, 2], { requiresGrad: true, name: "a" });
  const b = add(a, a);
  traces.aPlusA = traceGraph(b);
}
{
  const a = tensor([5], { requiresGrad: true, name: "a" });
  const b = tensor([3], { requiresGrad: true, name: "b" });
  traces.aMinusB = traceGraph(sub(a, b));
}
{
  const x = tensor([[1, -2], [0.5, 3]], { name: "x" });
  const w = tensor([[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]], { requiresGrad: true, name: "W" });
  const b = tensor([[0.01, 0.02, 0.03]], { requiresGrad: true, name: "b" });
  const loss = mean(relu(add(matmul(x, w), b)));
  loss.backward(undefined, { retainGraph: true });
  traces.dense = traceGraph(loss);
}

writeFileSync(new URL("./traces.json", import.meta.url), `${JSON.stringify(traces, null, 1)}\n`);
