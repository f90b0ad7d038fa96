import { cleanup, fireEvent, render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ActivationPlot } from "./ActivationPlot.js";
import { LineChart, TrainingCurves } from "./LineChart.js";

afterEach(cleanup);

// As @sinapse/layers' Model.fit returns it (EpochInfo[]), trimmed to what the chart reads.
const history = [
  { epoch: 1, loss: 1.1, accuracy: 0.35, validationLoss: 1.05, validationAccuracy: 0.4 },
  { epoch: 2, loss: 0.8, accuracy: 0.6, validationLoss: 0.9, validationAccuracy: 0.55 },
  { epoch: 3, loss: 0.4, accuracy: 0.85, validationLoss: 0.6, validationAccuracy: 0.7 },
];

describe("LineChart", () => {
  it("draws one path per series with a title, axes and a legend", () => {
    const { container, getByRole } = render(
      <LineChart
        title="loss"
        xLabel="epoch"
        series={[
          { name: "train", values: [3, 2, 1] },
          { name: "validation", values: [3, 2.5, 2], dashed: true },
        ]}
      />,
    );
    expect(getByRole("img", { name: "loss" })).toBeTruthy();
    const lines = [...container.querySelectorAll("[data-role=line]")];
    expect(lines.map((l) => l.getAttribute("data-name"))).toEqual(["train", "validation"]);
    expect(lines[0]?.getAttribute("d")).toMatch(/^M[\d.]+,[\d.]+L/);
    expect(lines[1]?.getAttribute("stroke-dasharray")).toBe("5 3");
    expect(container.querySelectorAll("[data-role=legend-item]")).toHaveLength(2);
    expect(container.querySelectorAll("[data-role=x-tick]").length).toBeGreaterThan(1);
    expect(container.querySelector("[data-role=x-label]")?.textContent).toBe("epoch");
  });

  it("reads the series at one epoch with the arrow keys, as hovering does", () => {
    const { container, getByRole } = render(
      <LineChart
        title="loss"
        xLabel="epoch"
        series={[
          { name: "train", values: [3, 2, 1] },
          { name: "validation", values: [4, 3, 2] },
        ]}
      />,
    );
    const cursor = getByRole("slider");
    const info = container.querySelector("[data-role=info]");
    expect(info?.textContent).toBe("train 1, validation 2"); // latest values
    fireEvent.keyDown(cursor, { key: "ArrowRight" });
    expect(info?.textContent).toBe("epoch 1: train 3, validation 4");
    fireEvent.keyDown(cursor, { key: "ArrowRight" });
    expect(info?.textContent).toBe("epoch 2: train 2, validation 3");
    expect(cursor.getAttribute("aria-valuetext")).toBe("epoch 2: train 2, validation 3");
    expect(container.querySelectorAll("[data-role=cursor] circle")).toHaveLength(2);
    fireEvent.keyDown(cursor, { key: "Escape" });
    expect(info?.textContent).toBe("train 1, validation 2");
  });

  it("redraws when new epochs arrive", () => {
    const { container, rerender } = render(<LineChart title="loss" series={[{ name: "train", values: [3, 2] }]} />);
    const before = container.querySelector("[data-role=line]")?.getAttribute("d");
    rerender(<LineChart title="loss" series={[{ name: "train", values: [3, 2, 1.5] }]} />);
    expect(container.querySelector("[data-role=line]")?.getAttribute("d")).not.toBe(before);
  });

  it("says why it cannot draw NaN, or zero on a log scale", () => {
    expect(
      render(<LineChart title="loss" series={[{ name: "train", values: [1, Number.NaN] }]} />).getByRole("alert")
        .textContent,
    ).toBe('cannot draw: series "train" value 1 is NaN');
    cleanup();
    expect(
      render(<LineChart title="loss" yScale="log" series={[{ name: "train", values: [1, 0] }]} />).getByRole("alert")
        .textContent,
    ).toBe('cannot draw: a log scale needs positive values, series "train" value 1 is 0');
  });
});

describe("TrainingCurves", () => {
  it("draws loss and accuracy, train solid and validation dashed", () => {
    const { getByRole, container } = render(<TrainingCurves history={history} />);
    expect(getByRole("img", { name: "loss" })).toBeTruthy();
    expect(getByRole("img", { name: "accuracy" })).toBeTruthy();
    const lines = [...container.querySelectorAll("[data-role=line]")];
    expect(
      lines.map((l) => `${l.getAttribute("data-name")}${l.getAttribute("stroke-dasharray") ? " (dashed)" : ""}`),
    ).toEqual(["train", "validation (dashed)", "train", "validation (dashed)"]);
  });

  it("uses a log scale for the loss on request, with translated labels", () => {
    const { getByRole, container } = render(
      <TrainingCurves
        history={history}
        logScale
        labels={{ loss: "perda", accuracy: "acurácia", train: "treino", validation: "validação", epoch: "época" }}
      />,
    );
    expect(getByRole("img", { name: "perda" })).toBeTruthy();
    expect(container.querySelector("[data-role=legend-item]")?.textContent).toBe("treino");
    expect(container.querySelector("[data-role=x-label]")?.textContent).toBe("época");
  });

  it("leaves out what the history lacks (no validation, no accuracy)", () => {
    const { container, queryByRole } = render(<TrainingCurves history={[{ loss: 2 }, { loss: 1 }]} />);
    expect(container.querySelectorAll("[data-role=line]")).toHaveLength(1);
    expect(queryByRole("img", { name: "accuracy" })).toBeNull();
  });
});

describe("ActivationPlot", () => {
  it("draws the function and its derivative", () => {
    const { container, getByRole } = render(<ActivationPlot activation="sigmoid" />);
    expect(getByRole("img", { name: "sigmoid" })).toBeTruthy();
    expect([...container.querySelectorAll("[data-role=line]")].map((l) => l.getAttribute("data-name"))).toEqual([
      "f(x)",
      "f′(x)",
    ]);
  });

  it("takes a custom function, its formula as the title", () => {
    const { getByRole } = render(
      <ActivationPlot activation={{ f: (x) => x * x, df: (x) => 2 * x, formula: "x²" }} domain={[-2, 2]} />,
    );
    expect(getByRole("img", { name: "x²" })).toBeTruthy();
  });
});

describe("LineChart markX", () => {
  it("reads the series at the marked x instead of at the last point (a lesson said f(5) at x = 0.5)", () => {
    const { container } = render(
      <LineChart
        title="relu"
        xLabel="x"
        series={[{ name: "f(x)", x: [-1, -0.5, 0, 0.5, 1], values: [0, 0, 0, 0.5, 1] }]}
        markX={0.48}
      />,
    );
    expect(container.querySelector("[data-role=info]")?.textContent).toBe("x 0.5: f(x) 0.5");
    expect(container.querySelector("[data-role=cursor]")).toBeTruthy();
  });
});
