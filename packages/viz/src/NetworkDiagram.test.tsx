import { cleanup, fireEvent, render } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { divergingColor, NEGATIVE, POSITIVE } from "./layout/color.js";
import { NetworkDiagram } from "./NetworkDiagram.js";

beforeEach(() => {
  // jsdom has no canvas: thumbnails must cope with a missing 2-D context.
  vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(null);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

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

/** A `rows × cols` matrix filled by `f(i, j)`. */
const matrix = (rows: number, cols: number, f: (i: number, j: number) => number) =>
  Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => f(i, j)));

describe("NetworkDiagram", () => {
  it("draws 9 neurons, 20 links and the parameter counts for 2-4-3", () => {
    const { container } = render(<NetworkDiagram sizes={[2, 4, 3]} weights={weights} biases={biases} />);
    expect(container.querySelectorAll("[data-role=neuron]")).toHaveLength(9);
    expect(container.querySelectorAll("[data-role=link]")).toHaveLength(20);
    expect(container.querySelector("[data-role=counts]")?.textContent).toBe("20 weights · 7 biases · 27 parameters");
  });

  it("colours links by the weight's sign and sizes them by |weight|", () => {
    const { container } = render(<NetworkDiagram sizes={[2, 4, 3]} weights={weights} />);
    const links = [...container.querySelectorAll("[data-role=link] line")];
    const strongestNegative = links[4]; // w[0][1→0] = -1
    const positive = links[0]; // w[0][0→0] = 0.5
    expect(strongestNegative?.getAttribute("stroke")).toBe(NEGATIVE);
    expect(positive?.getAttribute("stroke")).toBe(POSITIVE);
    expect(Number(strongestNegative?.getAttribute("stroke-width"))).toBeGreaterThan(
      Number(positive?.getAttribute("stroke-width")),
    );
    expect(container.querySelectorAll("[data-role=link]")[4]?.getAttribute("data-sign")).toBe("negative");
  });

  it("gives the picture, each link and each neuron a title and an aria-label", () => {
    const { container } = render(<NetworkDiagram sizes={[2, 4, 3]} weights={weights} biases={biases} />);
    const svg = container.querySelector("svg");
    expect(svg?.getAttribute("role")).toBe("img");
    expect(svg?.querySelector(":scope > title")?.textContent).toBe("20 weights · 7 biases · 27 parameters");
    expect(svg?.getAttribute("aria-label")).toBe("20 weights · 7 biases · 27 parameters");
    const firstLink = container.querySelector("[data-role=link]");
    expect(firstLink?.querySelector("title")?.textContent).toBe("w[0][0→0] = 0.5000");
    expect(firstLink?.getAttribute("aria-label")).toBe("w[0][0→0] = 0.5000");
    const hiddenNeuron = container.querySelectorAll("[data-role=neuron]")[3];
    expect(hiddenNeuron?.querySelector("title")?.textContent).toBe("hidden layer 1, neuron 1, bias 0.1000");
    expect(hiddenNeuron?.getAttribute("tabindex")).toBe("0");
  });

  it("adds gradients to the values when given", () => {
    const gradients = { weights: weights.map((m) => m.map((r) => r.map((v) => v / 10))), biases };
    const { container } = render(
      <NetworkDiagram sizes={[2, 4, 3]} weights={weights} biases={biases} gradients={gradients} />,
    );
    expect(container.querySelector("[data-role=link] title")?.textContent).toBe("w[0][0→0] = 0.5000 (gradient 0.0500)");
    expect(container.querySelectorAll("[data-role=neuron] title")[3]?.textContent).toBe(
      "hidden layer 1, neuron 1, bias 0.1000 (gradient 0.1000)",
    );
  });

  it("shows on keyboard focus the same text as on hover", () => {
    const { container } = render(<NetworkDiagram sizes={[2, 4, 3]} weights={weights} biases={biases} />);
    const info = container.querySelector("[data-role=info]");
    expect(info?.getAttribute("aria-live")).toBe("polite");
    const neuron = container.querySelectorAll("[data-role=neuron]")[3] as Element;
    fireEvent.focus(neuron);
    expect(info?.textContent).toBe("hidden layer 1, neuron 1, bias 0.1000");
    expect(neuron.getAttribute("stroke-width")).toBe("3");
    fireEvent.blur(neuron);
    expect(info?.textContent).toBe("Hover or focus a neuron or a link to see its value.");
    fireEvent.mouseOver(container.querySelectorAll("[data-role=link]")[4] as Element);
    expect(info?.textContent).toBe("w[0][1→0] = -1.0000");
  });

  it("redraws new weights in place: same elements, new colours, widths and titles", () => {
    const { container, rerender } = render(<NetworkDiagram sizes={[2, 4, 3]} weights={weights} />);
    const before = container.querySelector("[data-role=link] line");
    expect(before?.getAttribute("stroke")).toBe(POSITIVE);
    const flipped = weights.map((m) => m.map((r) => r.map((v) => -v)));
    rerender(<NetworkDiagram sizes={[...[2, 4, 3]]} weights={flipped} />);
    const after = container.querySelector("[data-role=link] line");
    expect(after).toBe(before); // stable keys: updated, not recreated
    expect(after?.getAttribute("stroke")).toBe(NEGATIVE);
    expect(container.querySelector("[data-role=link] title")?.textContent).toBe("w[0][0→0] = -0.5000");
    const widths = (ws: number[][][]) => {
      rerender(<NetworkDiagram sizes={[2, 4, 3]} weights={ws} />);
      return [...container.querySelectorAll("[data-role=link] line")].map((l) => l.getAttribute("stroke-width"));
    };
    const w1 = widths(weights);
    const scaled = weights.map((m, l) => (l === 0 ? m.map((r) => r.map((v) => v * 0.1)) : m));
    expect(widths(scaled)).not.toEqual(w1);
  });

  it("takes its text from props so the app can translate it", () => {
    const { getByText, getAllByText } = render(
      <NetworkDiagram
        sizes={[2, 4, 3]}
        labels={{
          input: "camada de entrada",
          hidden: "camada oculta",
          output: "camada de saída",
          neuron: "neurônio",
          counts: (c) => `${c.weights} pesos · ${c.biases} biases · ${c.parameters} parâmetros`,
        }}
      />,
    );
    expect(getByText("camada de entrada")).toBeTruthy();
    expect(getByText("camada oculta 1")).toBeTruthy();
    expect(getByText("camada de saída")).toBeTruthy();
    expect(getAllByText("20 pesos · 7 biases · 27 parâmetros").length).toBeGreaterThan(0);
  });

  it("titles each hidden column with its own number, and keeps the outer titles inside the picture", () => {
    const { container } = render(<NetworkDiagram sizes={[2, 4, 4, 3]} width={300} />);
    const titles = [...container.querySelectorAll("[data-role=layer-labels] text")];
    expect(titles.map((t) => t.getAttribute("aria-label"))).toEqual([
      "input layer",
      "hidden layer 1",
      "hidden layer 2",
      "output layer",
    ]);
    // 300 px for four columns: the titles take two lines instead of running into each other.
    expect(titles[1]?.querySelectorAll("tspan")).toHaveLength(2);
    expect(titles[0]?.getAttribute("text-anchor")).toBe("start");
    expect(titles.at(-1)?.getAttribute("text-anchor")).toBe("end");
  });

  it("names the inputs, reports the hovered neuron, and calls back for a click on an input or a link", () => {
    const hovered: unknown[] = [];
    const inputs: number[] = [];
    const links: unknown[] = [];
    const { container, getByText } = render(
      <NetworkDiagram
        sizes={[2, 4, 3]}
        weights={weights}
        biases={biases}
        inputLabels={["x₁", "x₂"]}
        onActiveNeuron={(n) => hovered.push(n)}
        onInputClick={(i) => inputs.push(i)}
        onLinkClick={(w) => links.push(w)}
      />,
    );
    expect(getByText("x₂")).toBeTruthy();
    const neuron = container.querySelector('[data-key="n:1:2"]') as Element;
    fireEvent.mouseOver(neuron);
    fireEvent.mouseLeave(container.querySelector("svg") as Element);
    expect(hovered).toEqual([{ layer: 1, index: 2 }, null]);
    fireEvent.click(container.querySelector('[data-key="n:0:1"]') as Element);
    expect(inputs).toEqual([1]);
    const link = container.querySelector('[data-key="l:0"] line') as Element;
    fireEvent.click(link);
    expect(links).toEqual([{ layer: 0, from: 0, to: 0, value: weights[0]?.[0]?.[0] }]);
  });

  it("fills neurons by their bias on the diverging scale, white for zero", () => {
    const { container } = render(<NetworkDiagram sizes={[2, 4, 3]} weights={weights} biases={biases} />);
    const fills = [...container.querySelectorAll("[data-role=neuron]")].map((c) => c.getAttribute("fill"));
    expect(fills.slice(0, 2)).toEqual(["#ffffff", "#ffffff"]); // inputs have no bias
    expect(fills.slice(2, 6)).toEqual(["#ffffff", divergingColor(0.1, 0.2), divergingColor(-0.1, 0.2), "#ffffff"]);
    expect(fills[6]).toBe(divergingColor(0.2, 0.2));
  });
});

describe("NetworkDiagram with a large layer", () => {
  const sizes = [784, 16, 10];
  const w = [matrix(784, 16, (i, j) => ((i + j) % 3) - 1), matrix(16, 10, (i, j) => (i - j) / 10)];

  it("collapses 784 inputs into a band with a few neurons and aggregated links", () => {
    const { container, getByText } = render(<NetworkDiagram sizes={sizes} weights={w} />);
    expect(container.querySelectorAll("[data-role=band]")).toHaveLength(1);
    expect(getByText("… 784 inputs")).toBeTruthy();
    expect(container.querySelectorAll("[data-role=neuron][data-layer='0']")).toHaveLength(6);
    expect(container.querySelectorAll("[data-role=link]")).toHaveLength(16 + 160);
    expect(container.querySelector("[data-role=counts]")?.textContent).toBe(
      "12704 weights · 26 biases · 12730 parameters",
    );
  });

  it("titles an aggregated link with the mean and mean |w| of what it stands for", () => {
    const { container } = render(<NetworkDiagram sizes={sizes} weights={w} />);
    const first = container.querySelector("[data-role=link] title")?.textContent;
    // Column 0 of w[0]: (i % 3) − 1 over 784 rows: 262 × −1, 261 × 0, 261 × 1.
    expect(first).toBe(`w[0][*→0]: mean ${(-1 / 784).toFixed(4)}, mean |w| ${(523 / 784).toFixed(4)}`);
  });

  it("respects the collapseAbove prop", () => {
    const { container } = render(
      <NetworkDiagram sizes={[2, 4, 3]} collapseAbove={3} labels={{ collapsed: (n) => `… ${n} neurônios` }} />,
    );
    expect(container.querySelector("[data-role=band]")?.textContent).toBe("… 4 neurônios");
    expect(container.querySelectorAll("[data-role=link]")).toHaveLength(2 + 3);
  });
});

describe("NetworkDiagram thumbnails", () => {
  const grid = (v: number) => ({ cols: 4, rows: 4, values: Array.from({ length: 16 }, (_, i) => v * (i - 8)) });

  it("draws a canvas per neuron that has a thumbnail, and copes without a 2-D context", () => {
    const thumbnails = [
      [grid(1), grid(2)],
      [grid(1), null, grid(-1), grid(0.5)],
    ];
    const { container } = render(<NetworkDiagram sizes={[2, 4, 3]} thumbnails={thumbnails} />);
    const canvases = container.querySelectorAll("[data-role=neuron] canvas");
    expect(canvases).toHaveLength(5);
    expect(canvases[0]?.getAttribute("data-drawn")).toBe("false");
    expect(container.querySelectorAll("[data-role=neuron]")).toHaveLength(9);
  });

  it("puts the thumbnail's pixels on the canvas when there is a context", () => {
    const putImageData = vi.fn();
    const fake = {
      createImageData: (w: number, h: number) => ({ data: new Uint8ClampedArray(w * h * 4) }),
      putImageData,
    };
    vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(fake as unknown as CanvasRenderingContext2D);
    const { container } = render(<NetworkDiagram sizes={[2, 4, 3]} thumbnails={[[grid(1)]]} />);
    expect(container.querySelector("canvas")?.getAttribute("data-drawn")).toBe("true");
    expect(putImageData).toHaveBeenCalledTimes(1);
    const image = putImageData.mock.calls[0]?.[0] as { data: Uint8ClampedArray };
    expect(Array.from(image.data.subarray(0, 4))).toEqual([221, 107, 32, 255]); // −8: full orange
  });
});

describe("NetworkDiagram bad input", () => {
  const alert = (ui: React.ReactElement) => render(ui).getByRole("alert").textContent;

  it("says why it cannot draw mismatched weights instead of throwing", () => {
    expect(alert(<NetworkDiagram sizes={[2, 4, 3]} weights={[weights[1] ?? [], weights[0] ?? []]} />)).toBe(
      "cannot draw: weights[0] must be [2,4], got [4,3]",
    );
    cleanup();
    expect(alert(<NetworkDiagram sizes={[2, 4, 3]} biases={[[0, 0, 0, 0]]} />)).toBe(
      "cannot draw: biases has 1 vector, expected 2 for 3 layers [2,4,3]",
    );
  });

  it("names empty arrays, NaN weights by layer and index, and bad thumbnails", () => {
    expect(alert(<NetworkDiagram sizes={[]} />)).toBe("cannot draw: no layers to draw (sizes is empty)");
    cleanup();
    expect(alert(<NetworkDiagram sizes={[2, 4, 3]} weights={[]} />)).toBe(
      "cannot draw: weights has 0 matrices, expected 2 for 3 layers [2,4,3]",
    );
    cleanup();
    const nan = [weights[0] ?? [], matrix(4, 3, (i, j) => (i === 3 && j === 2 ? Number.NaN : 0))];
    expect(
      alert(<NetworkDiagram sizes={[2, 4, 3]} weights={nan} labels={{ cannotDraw: "não dá para desenhar" }} />),
    ).toBe("não dá para desenhar: weights[1][3][2] is NaN (layer 1, neuron 3 → neuron 2)");
    cleanup();
    expect(alert(<NetworkDiagram sizes={[2, 4, 3]} thumbnails={[[{ cols: 2, rows: 2, values: [1] }]]} />)).toBe(
      "cannot draw: thumbnails[0][0] needs 4 values (2×2), got 1",
    );
  });

  it("recovers when good data follows bad", () => {
    const { rerender, container, queryByRole } = render(<NetworkDiagram sizes={[2, 4, 3]} weights={[]} />);
    expect(queryByRole("alert")).not.toBeNull();
    rerender(<NetworkDiagram sizes={[2, 4, 3]} weights={weights} />);
    expect(queryByRole("alert")).toBeNull();
    expect(container.querySelectorAll("[data-role=link]")).toHaveLength(20);
  });
});
