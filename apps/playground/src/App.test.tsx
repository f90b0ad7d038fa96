import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { App } from "./App.js";
import { detectLanguage, format } from "./i18n.js";
import { parseRoute, routeHref } from "./routes.js";

beforeEach(() => {
  window.history.replaceState(null, "", "/");
});
afterEach(cleanup);

/** Waits for the diagram of the first snapshot (snapshots are drawn on the next frame). */
async function neurons(count: number): Promise<void> {
  await waitFor(() => expect(document.querySelectorAll("[data-role=neuron]").length).toBe(count), { timeout: 10_000 });
}

describe("routes", () => {
  it("reads and writes every page's hash", () => {
    for (const route of [
      { page: "playground" },
      { page: "graph" },
      { page: "lessons" },
      { page: "lesson", id: "neuron" },
    ] as const) {
      expect(parseRoute(routeHref(route))).toEqual(route);
    }
    expect(parseRoute("#/nowhere")).toEqual({ page: "notFound", path: "nowhere" });
    expect(parseRoute("")).toEqual({ page: "playground" });
  });
});

describe("languages", () => {
  it("picks Portuguese for any pt tag, English otherwise", () => {
    expect(detectLanguage(["pt-PT", "en"])).toBe("pt-BR");
    expect(detectLanguage(["de", "en-GB"])).toBe("en");
    expect(detectLanguage(["fr"])).toBe("en");
  });

  it("fills placeholders", () => {
    expect(format("Epoch {epoch} of {n}", { epoch: 3, n: 10 })).toBe("Epoch 3 of 10");
  });

  it("switches the whole page to Portuguese", () => {
    render(<App language="en" />);
    expect(screen.getByRole("button", { name: "Train" })).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Language"), { target: { value: "pt-BR" } });
    expect(screen.getByRole("button", { name: "Treinar" })).toBeTruthy();
    expect(document.documentElement.lang).toBe("pt-BR");
  });
});

describe("playground page", () => {
  it("trains one batch on demand and shows the network of the experiment", async () => {
    render(<App language="en" />);
    expect(screen.getByText("Epoch 0")).toBeTruthy();
    await neurons(2 + 16 + 16 + 3);
    expect(document.querySelectorAll("[data-role=point]:not([data-test])").length).toBe(210);
    expect(document.querySelectorAll("[data-role=point][data-test=true]").length).toBe(90);
    act(() => {
      fireEvent.click(screen.getByRole("button", { name: "One batch" }));
    });
    expect(await screen.findByText(/^1 batches/, undefined, { timeout: 10_000 })).toBeTruthy();
    // The first render builds the data, the model and the in-thread session: slow on a busy machine.
  }, 60_000);

  it("keeps the experiment in the URL and rebuilds the network when a layer is added", async () => {
    render(<App language="en" />);
    fireEvent.click(screen.getByRole("button", { name: "Add a layer" }));
    expect(window.location.search).toBe("?net=16relu%2C16relu%2C16relu");
    await neurons(2 + 48 + 3);
    fireEvent.click(screen.getByRole("button", { name: "Remove layer 1" }));
    fireEvent.click(screen.getByRole("button", { name: "One neuron fewer in layer 1" }));
    expect(window.location.search).toBe("?net=15relu%2C16relu");
  });

  it("opens the experiment of a link and reports what it could not read", async () => {
    window.history.replaceState(null, "", "/?data=xor&net=4tanh&lr=oops");
    render(<App language="en" />);
    expect(screen.getByRole("radio", { name: "Exclusive or" }).getAttribute("aria-checked")).toBe("true");
    await neurons(2 + 4 + 2);
    expect(document.querySelector(".notice")?.textContent).toContain("lr: “oops” is not a number");
  });

  it("adds a point of the chosen class when the plane is clicked", async () => {
    render(<App language="en" />);
    await neurons(37);
    const plane = document.querySelector("[data-role=plane]") as HTMLElement;
    plane.getBoundingClientRect = () => ({
      left: 0,
      top: 0,
      right: 320,
      bottom: 320,
      width: 320,
      height: 320,
      x: 0,
      y: 0,
      toJSON: () => ({}),
    });
    fireEvent.change(screen.getByLabelText("A click on the plane adds a point of"), { target: { value: "2" } });
    fireEvent.click(plane, { clientX: 100, clientY: 100 });
    expect(window.location.search).toMatch(/^\?pts=[-\d.e]+_[-\d.e]+_2$/);
    expect(screen.getByRole("button", { name: "Remove added points (1)" })).toBeTruthy();
  });

  it("starts a new data set fresh: Spiral → Sine → Circle trains on x₁, x₂ with cross-entropy", async () => {
    render(<App language="en" />);
    fireEvent.click(screen.getByRole("radio", { name: "Sine (nnfs, regression)" }));
    expect(window.location.search).toBe("?data=sine");
    fireEvent.click(screen.getByRole("radio", { name: "Circle" }));
    expect(window.location.search).toBe("?data=circle");
  });

  it("moves through the data sets with the arrow keys, as a radio group does", () => {
    render(<App language="en" />);
    const spiral = screen.getByRole("radio", { name: "Spiral (nnfs)" });
    expect(spiral.tabIndex).toBe(0);
    fireEvent.keyDown(spiral, { key: "ArrowRight" });
    expect(window.location.search).toBe("?data=vertical");
    fireEvent.keyDown(screen.getByRole("radio", { name: "Vertical (nnfs)" }), { key: "ArrowLeft" });
    expect(window.location.search).toBe("");
  });

  it("shows an out-of-range learning rate as invalid instead of undoing it, and keeps training on the last valid one", () => {
    render(<App language="en" />);
    const field = screen.getByLabelText("Learning rate") as HTMLInputElement;
    fireEvent.change(field, { target: { value: "-1" } });
    expect(field.value).toBe("-1");
    expect(field.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByRole("alert").textContent).toContain("0 < lr ≤ 10");
    expect(window.location.search).toBe("");
  });

  it("opens lr=-1 with a notice instead of a blank page", async () => {
    window.history.replaceState(null, "", "/?lr=-1&decay=-3");
    render(<App language="pt-BR" />);
    await neurons(37);
    expect(document.querySelector(".notice")?.textContent).toContain("lr: -1 está fora de 0 < lr ≤ 10");
  });

  it("offers the TypeScript that rebuilds the model", () => {
    render(<App language="en" />);
    expect(document.querySelector(".export pre")?.textContent).toContain(
      '{"type": "Dense", "nInputs": 2, "nNeurons": 16',
    );
  });
});
