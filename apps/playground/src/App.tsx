import { NetworkDiagram } from "@sinapse/viz";
import { type ReactElement, useMemo } from "react";
import { buildNetwork, diagramData } from "./network.js";

const SIZES = [2, 4, 3];
const SEED = 0;

export function App(): ReactElement {
  const data = useMemo(() => diagramData(buildNetwork(SIZES, SEED)), []);
  return (
    <main>
      <header>
        <h1>Sinapse</h1>
        <p className="tagline">Neural networks from scratch, in TypeScript.</p>
      </header>
      <section aria-labelledby="network-heading">
        <h2 id="network-heading">A 2-4-3 network</h2>
        <p>
          Two inputs, four hidden neurons, three outputs. Each link is a weight: blue when positive, orange when
          negative, thicker when larger. The weights are the real initial values of two <code>Dense</code> layers, drawn
          as the nnfs book does (<code>0.01 · randn</code>, seed {SEED}); the biases start at zero.
        </p>
        <NetworkDiagram sizes={data.sizes} weights={data.weights} biases={data.biases} width={560} height={340} />
      </section>
    </main>
  );
}
