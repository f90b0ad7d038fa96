import { cleanup, fireEvent, render } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DecisionBoundary } from "./DecisionBoundary.js";
import { divergingColor } from "./layout/color.js";
import { classPixels } from "./layout/heatmap.js";

beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(null);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

// 2 × 2 cells, 3 classes: confident class 0, 1, 2, and one torn cell.
const grid = {
  cols: 2,
  rows: 2,
  classes: 3,
  values: [0.9, 0.05, 0.05, 0.1, 0.8, 0.1, 0.1, 0.1, 0.8, 0.34, 0.33, 0.33],
};
const points = [
  { x: -0.5, y: 0.5, label: 0 },
  { x: 0.5, y: 0.5, label: 1 },
  { x: 0.5, y: -0.5, label: 2 },
];

describe("DecisionBoundary", () => {
  it("draws test points as rings in their class colour and training points as filled dots", () => {
    const { container } = render(
      <DecisionBoundary
        grid={grid}
        xDomain={[-1, 1]}
        yDomain={[-1, 1]}
        points={[
          { x: 0, y: 0, label: 1 },
          { x: 0.2, y: 0.2, label: 1, test: true },
        ]}
      />,
    );
    const [train, test] = [...container.querySelectorAll("[data-role=point]")];
    expect(train?.getAttribute("stroke")).toBe("#ffffff");
    expect(test?.getAttribute("data-test")).toBe("true");
    expect(test?.getAttribute("fill")).toBe("#ffffff");
    expect(test?.getAttribute("stroke")).toBe(train?.getAttribute("fill"));
  });

  it("draws the heatmap canvas, the points over it and a class legend", () => {
    const { container, getByRole } = render(
      <DecisionBoundary grid={grid} xDomain={[-1, 1]} yDomain={[-1, 1]} points={points} />,
    );
    expect(getByRole("img", { name: "decision boundary: 3 classes, 3 points" })).toBeTruthy();
    const canvas = container.querySelector("canvas");
    expect(canvas?.getAttribute("width")).toBe("2");
    expect(canvas?.getAttribute("data-drawn")).toBe("false"); // jsdom: no 2-D context, no crash
    const circles = [...container.querySelectorAll("[data-role=point]")];
    expect(circles.map((c) => c.getAttribute("data-label"))).toEqual(["0", "1", "2"]);
    expect(Number(circles[0]?.getAttribute("cx"))).toBeLessThan(Number(circles[1]?.getAttribute("cx")));
    expect(Number(circles[2]?.getAttribute("cy"))).toBeGreaterThan(Number(circles[1]?.getAttribute("cy")));
    expect([...container.querySelectorAll("[data-role=legend-item]")].map((l) => l.textContent)).toEqual([
      "class 0",
      "class 1",
      "class 2",
    ]);
  });

  it("puts the pixels of classPixels on the canvas", () => {
    const putImageData = vi.fn();
    const fake = {
      createImageData: (w: number, h: number) => ({ data: new Uint8ClampedArray(w * h * 4) }),
      putImageData,
    };
    vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(fake as unknown as CanvasRenderingContext2D);
    render(<DecisionBoundary grid={grid} xDomain={[-1, 1]} yDomain={[-1, 1]} />);
    const image = putImageData.mock.calls[0]?.[0] as { data: Uint8ClampedArray };
    expect(Array.from(image.data)).toEqual(Array.from(classPixels(grid)));
  });

  it("redraws new predictions", () => {
    const putImageData = vi.fn();
    const fake = {
      createImageData: (w: number, h: number) => ({ data: new Uint8ClampedArray(w * h * 4) }),
      putImageData,
    };
    vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(fake as unknown as CanvasRenderingContext2D);
    const { rerender } = render(<DecisionBoundary grid={grid} xDomain={[-1, 1]} yDomain={[-1, 1]} />);
    rerender(
      <DecisionBoundary grid={{ ...grid, values: [...grid.values].reverse() }} xDomain={[-1, 1]} yDomain={[-1, 1]} />,
    );
    expect(putImageData).toHaveBeenCalledTimes(2);
  });

  it("says why it cannot draw a short grid, a NaN or a bad label", () => {
    const alert = (ui: React.ReactElement) => {
      const text = render(ui).getByRole("alert").textContent;
      cleanup();
      return text;
    };
    expect(alert(<DecisionBoundary grid={{ ...grid, values: [1, 2] }} xDomain={[-1, 1]} yDomain={[-1, 1]} />)).toBe(
      "cannot draw: grid needs 12 values (2×2×3), got 2",
    );
    expect(
      alert(
        <DecisionBoundary
          grid={grid}
          xDomain={[-1, 1]}
          yDomain={[-1, 1]}
          points={[{ x: Number.NaN, y: 0, label: 0 }]}
        />,
      ),
    ).toBe("cannot draw: points[0].x is NaN");
    expect(
      alert(<DecisionBoundary grid={grid} xDomain={[-1, 1]} yDomain={[-1, 1]} points={[{ x: 0, y: 0, label: 3 }]} />),
    ).toBe("cannot draw: points[0].label must be a class index below 3, got 3");
    expect(alert(<DecisionBoundary grid={grid} xDomain={[1, 1]} yDomain={[-1, 1]} />)).toBe(
      "cannot draw: the domains must be finite and non-empty, got x [1, 1], y [-1, 1]",
    );
  });

  it("draws a value grid with axes, value-coloured points and a colour bar (2-D regression was a bare square)", () => {
    const { container } = render(
      <DecisionBoundary
        values={{ cols: 2, rows: 2, values: [1, -1, 0.5, -0.5] }}
        xDomain={[-1, 1]}
        yDomain={[-1, 1]}
        points={[{ x: 0, y: 0, label: 2 }]}
        labels={{ title: "regression surface" }}
      />,
    );
    expect(container.querySelector("[data-role=legend-scale]")?.textContent).toContain("2");
    expect(container.querySelector("[data-role=point]")?.getAttribute("fill")).toBe(divergingColor(2, 2));
    expect(container.querySelectorAll("[data-role=axes] text, text").length).toBeGreaterThan(4);
    expect(container.querySelector("svg title")?.textContent).toBe("regression surface: −2 … 2, 1 points");
  });

  it("turns a click inside the plot into plane coordinates", () => {
    const clicks: number[][] = [];
    const { container } = render(
      <DecisionBoundary
        grid={grid}
        xDomain={[0, 10]}
        yDomain={[0, 10]}
        width={320}
        height={320}
        onPlaneClick={(x, y) => clicks.push([x, y])}
      />,
    );
    const plane = container.querySelector("[data-role=plane]") as HTMLElement;
    vi.spyOn(plane, "getBoundingClientRect").mockReturnValue({ left: 0, top: 0, width: 320, height: 320 } as DOMRect);
    // The plot spans x 48…312 and y 8…284.
    fireEvent.click(plane, { clientX: 180, clientY: 146 });
    fireEvent.click(plane, { clientX: 5, clientY: 5 });
    expect(clicks).toHaveLength(1);
    expect(clicks[0]?.[0]).toBeCloseTo(5);
    expect(clicks[0]?.[1]).toBeCloseTo(5);
  });
});
