import { ShapeError } from "@sinapse/tensor";
import { cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { NEGATIVE, NEGATIVE_TINT, POSITIVE, POSITIVE_TINT } from "./layout/color.js";
import { NetworkDiagram } from "./NetworkDiagram.js";

afterEach(cleanup);

const weights = [
  [
    [0.5, -0.2, 0.1, 0],
    [-1, 0.3, 0.05, 0.2],
  ],
  [
    [0.1, 0.2, -0.3],
    [0.4, -0.5, 0.6],
    [0.7, 0.8, -0.9],
    [1.0, -0.1, 0.2],
  ],
];
const biases = [
  [0, 0.1, -0.1, 0],
  [0.2, 0, 0],
];

describe("NetworkDiagram", () => {
  it("draws 9 neurons, 20 links and the parameter counts for 2-4-3", () => {
    const { container } = render(<NetworkDiagram sizes={[2, 4, 3]} weights={weights} biases={biases} />);
    expect(container.querySelectorAll("[data-role=neuron]")).toHaveLength(9);
    expect(container.querySelectorAll("[data-role=link]")).toHaveLength(20);
    expect(container.querySelector("[data-role=counts]")?.textContent).toBe("20 weights · 7 biases · 27 parameters");
  });

  it("colours links by the weight's sign and sizes them by |weight|", () => {
    const { container } = render(<NetworkDiagram sizes={[2, 4, 3]} weights={weights} />);
    const links = [...container.querySelectorAll("[data-role=link]")];
    const strongestNegative = links[4]; // w[0][1→0] = -1
    const positive = links[0]; // w[0][0→0] = 0.5
    expect(strongestNegative?.getAttribute("stroke")).toBe(NEGATIVE);
    expect(positive?.getAttribute("stroke")).toBe(POSITIVE);
    expect(Number(strongestNegative?.getAttribute("stroke-width"))).toBeGreaterThan(
      Number(positive?.getAttribute("stroke-width")),
    );
    expect(strongestNegative?.getAttribute("data-sign")).toBe("negative");
  });

  it("gives each link and neuron a title with its value for hover and screen readers", () => {
    const { container } = render(<NetworkDiagram sizes={[2, 4, 3]} weights={weights} biases={biases} />);
    const firstLink = container.querySelector("[data-role=link] title");
    expect(firstLink?.textContent).toBe("w[0][0→0] = 0.5000");
    const hiddenNeuron = container.querySelectorAll("[data-role=neuron] title")[3];
    expect(hiddenNeuron?.textContent).toBe("hidden layer 1, neuron 1, bias 0.1000");
    expect(container.querySelector("svg")?.getAttribute("aria-label")).toBe("20 weights · 7 biases · 27 parameters");
  });

  it("takes its text from props so the app can translate it", () => {
    const { getByText, getAllByText } = render(
      <NetworkDiagram
        sizes={[2, 4, 3]}
        labels={{
          input: "camada de entrada",
          hidden: "camada oculta",
          output: "camada de saída",
          counts: (c) => `${c.weights} pesos · ${c.biases} vieses · ${c.parameters} parâmetros`,
        }}
      />,
    );
    expect(getByText("camada de entrada")).toBeTruthy();
    expect(getAllByText("20 pesos · 7 vieses · 27 parâmetros").length).toBeGreaterThan(0);
  });

  it("throws ShapeError when the weights do not fit the sizes", () => {
    expect(() => render(<NetworkDiagram sizes={[2, 4, 3]} weights={[weights[1] ?? [], weights[0] ?? []]} />)).toThrow(
      ShapeError,
    );
    expect(() => render(<NetworkDiagram sizes={[2, 4, 3]} biases={[[0, 0, 0, 0]]} />)).toThrow(
      "NetworkDiagram: biases[1] must have 3 values, got nothing",
    );
  });
});

describe("NetworkDiagram neurons", () => {
  it("fill opaque neurons tinted by the sign of their bias, white for zero", () => {
    const { container } = render(<NetworkDiagram sizes={[2, 4, 3]} weights={weights} biases={biases} />);
    const fills = [...container.querySelectorAll("[data-role=neuron]")].map((c) => c.getAttribute("fill"));
    expect(fills.slice(2, 6)).toEqual(["#ffffff", POSITIVE_TINT, NEGATIVE_TINT, "#ffffff"]);
    expect(container.querySelector("[data-role=neuron]")?.getAttribute("fill-opacity")).toBeNull();
  });
});
