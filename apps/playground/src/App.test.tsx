import { cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { App } from "./App.js";

afterEach(cleanup);

describe("App", () => {
  it("shows the 2-4-3 diagram with its parameter counts", () => {
    const { container } = render(<App />);
    expect(container.querySelectorAll("[data-role=neuron]")).toHaveLength(9);
    expect(container.querySelectorAll("[data-role=link]")).toHaveLength(20);
    expect(container.querySelector("[data-role=counts]")?.textContent).toBe("20 weights · 7 biases · 27 parameters");
  });
});
