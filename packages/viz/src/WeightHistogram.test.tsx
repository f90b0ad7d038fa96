import { cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { NEGATIVE, POSITIVE } from "./layout/color.js";
import { WeightHistogram } from "./WeightHistogram.js";

afterEach(cleanup);

describe("WeightHistogram", () => {
  const values = [-0.9, -0.5, -0.1, 0.05, 0.2, 0.3, 0.8];

  it("draws one bar per bin, counting every value, orange below 0 and blue above", () => {
    const { container, getByRole } = render(<WeightHistogram values={values} bins={4} />);
    expect(getByRole("img", { name: "weights: 7" })).toBeTruthy();
    const bars = [...container.querySelectorAll("[data-role=bar]")];
    expect(bars.map((b) => Number(b.getAttribute("data-count")))).toEqual([2, 1, 3, 1]);
    expect(bars.map((b) => b.getAttribute("fill"))).toEqual([NEGATIVE, NEGATIVE, POSITIVE, POSITIVE]);
    expect(bars[2]?.querySelector("title")?.textContent).toBe("0 … 0.45: 3");
  });

  it("redraws new weights", () => {
    const { container, rerender } = render(<WeightHistogram values={values} bins={4} />);
    rerender(<WeightHistogram values={values.map((v) => -v)} bins={4} />);
    expect([...container.querySelectorAll("[data-role=bar]")].map((b) => b.getAttribute("data-count"))).toEqual([
      "1",
      "3",
      "1",
      "2",
    ]);
  });

  it("says why it cannot draw no values or a NaN", () => {
    expect(render(<WeightHistogram values={[]} />).getByRole("alert").textContent).toBe("cannot draw: values is empty");
    cleanup();
    expect(render(<WeightHistogram values={new Float32Array([1, Number.NaN])} />).getByRole("alert").textContent).toBe(
      "cannot draw: values[1] is NaN",
    );
  });
});
