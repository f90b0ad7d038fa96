import { ValueError } from "@sinapse/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { linkStyle } from "./color.js";
import { countParameters, layoutNetwork } from "./network.js";

describe("layoutNetwork", () => {
  it("places 9 neurons and 2·4 + 4·3 = 20 links for 2-4-3", () => {
    const layout = layoutNetwork([2, 4, 3]);
    expect(layout.neurons).toHaveLength(9);
    expect(layout.links).toHaveLength(20);
    expect(layout.counts).toEqual({ weights: 20, biases: 7, parameters: 27 });
  });

  it("puts layers in columns from left to right, inputs first", () => {
    const { columns, neurons } = layoutNetwork([2, 4, 3], { width: 400, margin: 50 });
    expect(columns.map((c) => c.x)).toEqual([50, 200, 350]);
    expect(columns.map((c) => c.kind)).toEqual(["input", "hidden", "output"]);
    for (const n of neurons) expect(n.x).toBe(columns[n.layer]?.x);
  });

  it("centres each column vertically and orders neurons top to bottom", () => {
    const { neurons, height } = layoutNetwork([3, 1]);
    const ys = neurons.filter((n) => n.layer === 0).map((n) => n.y);
    expect(ys[0]).toBeLessThan(ys[1] as number);
    expect(((ys[0] as number) + (ys[2] as number)) / 2).toBeCloseTo(height / 2);
    expect(neurons.find((n) => n.layer === 1)?.y).toBeCloseTo(height / 2);
  });

  it("links every neuron of a layer to every neuron of the next, row-major like the weights", () => {
    const { links } = layoutNetwork([2, 3]);
    expect(links.map((l) => [l.from, l.to])).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 1],
      [1, 2],
    ]);
  });

  it("keeps every neuron inside the drawing for any layer sizes", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 2, maxLength: 8 }), (sizes) => {
        const layout = layoutNetwork(sizes, { width: 500, height: 300 });
        expect(layout.neurons).toHaveLength(sizes.reduce((a, b) => a + b, 0));
        expect(layout.links).toHaveLength(countParameters(sizes).weights);
        for (const n of layout.neurons) {
          expect(n.x).toBeGreaterThanOrEqual(0);
          expect(n.x).toBeLessThanOrEqual(500);
          expect(n.y).toBeGreaterThanOrEqual(0);
          expect(n.y).toBeLessThanOrEqual(300);
        }
      }),
    );
  });

  it("throws ValueError for fewer than two layers or bad sizes", () => {
    expect(() => layoutNetwork([3])).toThrow(ValueError);
    expect(() => layoutNetwork([3])).toThrow("layoutNetwork: needs at least an input and an output layer, got [3]");
    expect(() => layoutNetwork([2, 0, 3])).toThrow("layoutNetwork: layer sizes must be positive integers, got [2,0,3]");
  });
});

describe("linkStyle", () => {
  it("colours by sign and widens with |weight|", () => {
    const pos = linkStyle(0.5, 1);
    const neg = linkStyle(-1, 1);
    expect(pos.color).not.toBe(neg.color);
    expect(neg.width).toBeGreaterThan(pos.width);
    expect(linkStyle(0, 1).width).toBe(0.5);
  });
});
