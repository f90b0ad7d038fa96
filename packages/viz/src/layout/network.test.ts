import { ValueError } from "@sinapse/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { linkStyle } from "./color.js";
import { COLLAPSE_ABOVE, countParameters, layoutNetwork, linkValue, shownNeurons } from "./network.js";

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

  it("keeps every neuron inside the drawing and draws Σ nᵢ·nᵢ₊₁ links when nothing is collapsed", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 2, maxLength: 8 }), (sizes) => {
        const layout = layoutNetwork(sizes, { width: 500, height: 300, collapseAbove: 40 });
        expect(layout.neurons).toHaveLength(sizes.reduce((a, b) => a + b, 0));
        expect(layout.links).toHaveLength(countParameters(sizes).weights); // Σ nᵢ·nᵢ₊₁, none collapsed
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

describe("layoutNetwork collapsing large layers", () => {
  it("collapses only layers above the threshold (default 32)", () => {
    expect(COLLAPSE_ABOVE).toBe(32);
    const { columns } = layoutNetwork([784, 32, 33, 10]);
    expect(columns.map((c) => c.collapsed)).toEqual([true, false, true, false]);
    expect(columns.map((c) => c.shown)).toEqual([6, 32, 6, 10]);
    expect(columns[0]?.band).not.toBeNull();
    expect(columns[1]?.band).toBeNull();
  });

  it("draws a 784-input band as 3 neurons from each end, with links aggregated per hidden neuron", () => {
    const { neurons, links, counts } = layoutNetwork([784, 16, 10]);
    expect(neurons.filter((n) => n.layer === 0).map((n) => n.index)).toEqual([0, 1, 2, 781, 782, 783]);
    expect(links.filter((l) => l.layer === 0)).toHaveLength(16);
    expect(links.filter((l) => l.layer === 0).every((l) => l.from === null && l.to !== null)).toBe(true);
    expect(links.filter((l) => l.layer === 1)).toHaveLength(160);
    expect(counts).toEqual({ weights: 784 * 16 + 16 * 10, biases: 26, parameters: 784 * 16 + 16 * 10 + 26 });
  });

  it("leaves a gap in the band for the label, between the two ends", () => {
    const { columns, neurons } = layoutNetwork([784, 10]);
    const band = columns[0]?.band;
    const ys = neurons.filter((n) => n.layer === 0).map((n) => n.y);
    expect(band).toBeDefined();
    expect(ys[2]).toBeLessThan(band?.labelY as number);
    expect(ys[3]).toBeGreaterThan(band?.labelY as number);
    expect(band?.y1).toBeLessThan(ys[0] as number);
    expect(band?.y2).toBeGreaterThan(ys[5] as number);
  });

  it("aggregates to one link per source neuron into a collapsed layer, one link between two bands", () => {
    expect(layoutNetwork([4, 100, 3]).links.map((l) => [l.layer, l.from, l.to])).toEqual([
      [0, 0, null],
      [0, 1, null],
      [0, 2, null],
      [0, 3, null],
      [1, null, 0],
      [1, null, 1],
      [1, null, 2],
    ]);
    expect(layoutNetwork([100, 200]).links).toHaveLength(1);
  });

  it("honours collapseAbove and bandNeurons", () => {
    const layout = layoutNetwork([2, 4, 3], { collapseAbove: 3, bandNeurons: 2 });
    expect(layout.columns.map((c) => c.collapsed)).toEqual([false, true, false]);
    expect(layout.neurons.filter((n) => n.layer === 1).map((n) => n.index)).toEqual([0, 3]);
    expect(layout.links).toHaveLength(2 + 3);
  });

  it("keeps the link count bounded: at most threshold² per pair, whatever the sizes", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 2, maxLength: 6 }),
        fc.integer({ min: 4, max: 40 }),
        (sizes, threshold) => {
          const layout = layoutNetwork(sizes, { collapseAbove: threshold });
          expect(layout.links.length).toBeLessThanOrEqual((sizes.length - 1) * threshold * threshold);
          const expected = sizes
            .slice(1)
            .reduce(
              (sum, n, l) =>
                sum + (n > threshold ? 1 : n) * ((sizes[l] as number) > threshold ? 1 : (sizes[l] as number)),
              0,
            );
          expect(layout.links).toHaveLength(expected);
          // Every link starts and ends at a drawn neuron or at a band's centre.
          const anchors = new Set(layout.neurons.map((n) => `${n.x},${n.y}`));
          for (const c of layout.columns) if (c.band) anchors.add(`${c.x},${c.band.labelY}`);
          for (const l of layout.links) {
            expect(anchors.has(`${l.x1},${l.y1}`)).toBe(true);
            expect(anchors.has(`${l.x2},${l.y2}`)).toBe(true);
          }
        },
      ),
    );
  });

  it("keeps bands and their neurons inside the drawing", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 2000 }), { minLength: 2, maxLength: 6 }), (sizes) => {
        const layout = layoutNetwork(sizes, { width: 500, height: 300 });
        for (const n of layout.neurons) {
          expect(n.y).toBeGreaterThanOrEqual(0);
          expect(n.y).toBeLessThanOrEqual(300);
        }
        for (const c of layout.columns) {
          if (!c.band) continue;
          expect(c.band.y1).toBeGreaterThanOrEqual(0);
          expect(c.band.y2).toBeLessThanOrEqual(300);
        }
      }),
    );
  });

  it("shownNeurons splits a band between both ends", () => {
    expect(shownNeurons(5, false, 2)).toEqual([0, 1, 2, 3, 4]);
    expect(shownNeurons(784, true, 6)).toEqual([0, 1, 2, 781, 782, 783]);
    expect(shownNeurons(100, true, 5)).toEqual([0, 1, 2, 98, 99]);
  });
});

describe("linkValue", () => {
  const w = [
    [1, -2, 3],
    [-4, 5, -6],
  ];
  const link = (from: number | null, to: number | null) => ({ layer: 0, from, to, x1: 0, y1: 0, x2: 0, y2: 0 });

  it("reads w[from][to] for an ordinary link", () => {
    expect(linkValue(w, link(1, 2))).toEqual({ value: -6, magnitude: 6 });
  });

  it("averages the column, the row or the whole matrix for aggregated links", () => {
    expect(linkValue(w, link(null, 0))).toEqual({ value: -1.5, magnitude: 2.5 });
    expect(linkValue(w, link(0, null))).toEqual({ value: 2 / 3, magnitude: 2 });
    expect(linkValue(w, link(null, null))).toEqual({ value: -0.5, magnitude: 3.5 });
  });

  it("is undefined without weights or outside them", () => {
    expect(linkValue(undefined, link(0, 0))).toBeUndefined();
    expect(linkValue(w, link(5, 0))).toBeUndefined();
    expect(linkValue(w, link(null, 7))).toBeUndefined();
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
