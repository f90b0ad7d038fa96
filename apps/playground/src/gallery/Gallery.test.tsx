import { cleanup, fireEvent, render } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { Gallery } from "./Gallery.js";
import { buildGallery, type GalleryData } from "./model.js";

let data: GalleryData;
beforeAll(() => {
  data = buildGallery(0);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe("buildGallery", () => {
  it("reads a trained 2-4-3 network: weights, biases, gradients and thumbnails of the right shapes", () => {
    const { network } = data;
    expect(network.weights.map((w) => [w.length, w[0]?.length])).toEqual([
      [2, 4],
      [4, 3],
    ]);
    expect(network.gradients.weights.map((w) => [w.length, w[0]?.length])).toEqual([
      [2, 4],
      [4, 3],
    ]);
    expect(network.biases.map((b) => b.length)).toEqual([4, 3]);
    expect(network.thumbnails.map((layer) => layer.length)).toEqual([2, 4, 3]);
    expect(network.biases.flat().some((b) => b !== 0)).toBe(true); // trained, not the zero init
  });

  it("records 100 epochs with validation, and a trace whose leaves carry gradients", () => {
    expect(data.history).toHaveLength(100);
    expect(data.history[99]?.validationLoss).toBeGreaterThan(0);
    expect(data.history[99]?.loss).toBeLessThan(data.history[0]?.loss as number);
    expect(data.history[99]?.accuracy).toBeGreaterThan(0.8); // the vertical clusters are learnt
    const weights = data.trace.nodes.filter((n) => n.name === "weights");
    expect(weights).toHaveLength(2);
    expect(weights.every((n) => n.grad !== null)).toBe(true);
    expect(data.trace.nodes.at(-1)?.shape).toEqual([]);
  });
});

describe("Gallery", () => {
  it("draws every picture, and only the bad-input example says it cannot draw", () => {
    vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(null);
    const { container, getAllByRole } = render(<Gallery />);
    const section = (name: string) => container.querySelector(`[data-gallery=${name}]`) as Element;
    expect(section("network").querySelector("[data-role=counts]")?.textContent).toBe(
      "20 weights · 7 biases · 27 parameters",
    );
    expect(section("network").querySelectorAll("[data-role=neuron] canvas")).toHaveLength(9);
    expect(section("network-large").querySelector("[data-role=band]")?.textContent).toBe("… 784 inputs");
    expect(section("graph").querySelectorAll("[data-role=graph-node]")).toHaveLength(data.trace.nodes.length);
    expect(section("training").querySelectorAll("[data-role=line]")).toHaveLength(4);
    expect(section("boundary").querySelectorAll("[data-role=point]")).toHaveLength(300);
    expect(section("activations").querySelectorAll("[data-role=activation-plot]")).toHaveLength(3);
    expect(section("histogram").querySelectorAll("[data-role=bar]")).toHaveLength(24);
    expect(section("live").querySelectorAll("[data-role=link]")).toHaveLength(2 * 8 + 8 * 8 + 8 * 8 + 8 * 3);
    const alerts = getAllByRole("alert");
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.textContent).toBe("cannot draw: weights[0] must be [2,4], got [4,3]");
    expect(section("bad-input").contains(alerts[0] as Element)).toBe(true);
  });

  it("steps backward through the graph with the slider", () => {
    vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(null);
    const { container } = render(<Gallery />);
    const graph = container.querySelector("[data-gallery=graph]") as Element;
    const last = data.trace.nodes.length - 1;
    expect(graph.querySelector(`[data-id='${last}']`)?.getAttribute("data-state")).toBe("waiting");
    fireEvent.change(graph.querySelector("[data-role=backward-step]") as Element, { target: { value: "1" } });
    expect(graph.querySelector(`[data-id='${last}']`)?.getAttribute("data-state")).toBe("current");
  });
});
