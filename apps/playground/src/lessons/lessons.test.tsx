import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "../App.js";
import { I18nProvider, LANGUAGES, type Language } from "../i18n.js";
import { ActivationsLesson } from "./Activations.js";
import { BackwardLesson } from "./Backward.js";
import { BatchesLesson, MAX_STEPS, TICK_MS } from "./Batches.js";
import { DotProductLesson } from "./DotProduct.js";
import { ForwardLesson } from "./Forward.js";
import { LESSONS } from "./index.js";
import { NeuronLesson } from "./Neuron.js";
import { ShapeLesson } from "./Shape.js";
import { WeightsBiasesLesson } from "./WeightsBiases.js";

function renderIn(language: Language, Page: () => React.ReactElement) {
  return render(
    <I18nProvider language={language}>
      <Page />
    </I18nProvider>,
  );
}

const slider = (name: string | RegExp) => screen.getByRole("slider", { name });
const text = (role: string, container: HTMLElement = document.body) =>
  container.querySelector(`[data-role="${role}"]`)?.textContent ?? "";

let consoleError: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  consoleError = vi.spyOn(console, "error");
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  expect(consoleError).not.toHaveBeenCalled();
  consoleError.mockRestore();
});

describe("LESSONS", () => {
  it("has the eight sections of the seed, in its order, with unique ids", () => {
    const ids = LESSONS.map((l) => l.id);
    expect(ids).toEqual([
      "neuron",
      "weights-biases",
      "forward",
      "backward",
      "shape",
      "dot-product",
      "batches",
      "activations",
    ]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("has a title in both languages for every lesson, and the two differ", () => {
    for (const l of LESSONS) {
      expect(LANGUAGES.en.messages[l.title]).toBeTruthy();
      expect(LANGUAGES["pt-BR"].messages[l.title]).toBeTruthy();
    }
    const en = LESSONS.map((l) => LANGUAGES.en.messages[l.title]);
    const pt = LESSONS.map((l) => LANGUAGES["pt-BR"].messages[l.title]);
    expect(pt.filter((p, i) => p !== en[i]).length).toBe(LESSONS.length);
  });

  for (const language of ["en", "pt-BR"] as const) {
    it.each(LESSONS.map((l) => [l.id, l] as const))(`renders %s in ${language} with its heading and links`, (_, l) => {
      renderIn(language, l.Page);
      const heading = screen.getByRole("heading", { level: 2 });
      expect(heading.textContent).toBe(LANGUAGES[language].messages[l.title]);
      const nav = screen.getByRole("navigation");
      const i = LESSONS.indexOf(l);
      const prev = nav.querySelector("a[rel=prev]");
      const next = nav.querySelector("a[rel=next]");
      expect(prev?.getAttribute("href") ?? null).toBe(i > 0 ? `#/lessons/${LESSONS[i - 1]?.id}` : null);
      expect(next?.getAttribute("href") ?? null).toBe(
        i < LESSONS.length - 1 ? `#/lessons/${LESSONS[i + 1]?.id}` : null,
      );
      // every range input is labelled
      for (const input of document.querySelectorAll<HTMLInputElement>("input[type=range]")) {
        expect(input.labels?.[0]?.textContent).toBeTruthy();
      }
    });
  }
});

describe("the app's lesson routes", () => {
  afterEach(() => {
    window.location.hash = "";
  });
  it("lists the eight lessons at #/lessons", async () => {
    window.location.hash = "#/lessons";
    render(<App language="en" />);
    await screen.findByRole("heading", { level: 2, name: "Lessons" });
    const links = screen.getAllByRole("link").filter((a) => a.getAttribute("href")?.startsWith("#/lessons/"));
    expect(links.map((a) => a.getAttribute("href"))).toEqual(LESSONS.map((l) => `#/lessons/${l.id}`));
  });
  it("opens a lesson at #/lessons/<id>, in Portuguese too", async () => {
    window.location.hash = "#/lessons/dot-product";
    render(<App language="pt-BR" />);
    expect((await screen.findByRole("heading", { level: 2 })).textContent).toBe("Produto escalar");
  });
});

describe("neuron", () => {
  it("shows input × weight + bias and updates it when the weight moves", () => {
    renderIn("en", NeuronLesson);
    expect(text("neuron-output")).toBe("output = 1.00 × 0.50 + 0.20 = 0.700");
    fireEvent.change(slider("weight"), { target: { value: "2" } });
    expect(text("neuron-output")).toBe("output = 1.00 × 2.00 + 0.20 = 2.200");
    fireEvent.change(slider("bias"), { target: { value: "-1" } });
    expect(text("neuron-output")).toBe("output = 1.00 × 2.00 + -1.00 = 1.000");
  });
  it("speaks Portuguese in pt-BR", () => {
    renderIn("pt-BR", NeuronLesson);
    expect(text("neuron-output")).toBe("saída = 1.00 × 0.50 + 0.20 = 0.700");
    expect(slider("peso")).toBeTruthy();
  });
});

describe("weights and biases", () => {
  it("draws the seed's network with 224 weights and 26 biases", () => {
    const { container } = renderIn("en", WeightsBiasesLesson);
    expect(text("total-weights")).toBe("224");
    expect(text("total-biases")).toBe("26");
    expect(text("counts")).toBe("224 weights · 26 biases · 250 parameters");
    expect(container.querySelectorAll("[data-role=neuron]")).toHaveLength(10 + 8 + 8 + 8 + 2);
    expect(container.querySelectorAll("[data-role=link]")).toHaveLength(224);
  });
  it("recounts when a layer's size changes, and goes back to the example", () => {
    renderIn("pt-BR", WeightsBiasesLesson);
    fireEvent.change(slider("neurônios na camada 5"), { target: { value: "3" } });
    expect(text("total-weights")).toBe("232");
    expect(text("total-biases")).toBe("27");
    expect(text("counts")).toBe("232 pesos · 27 biases · 259 parâmetros");
    fireEvent.click(screen.getByRole("button", { name: "Voltar ao exemplo (224 / 26)" }));
    expect(text("total-weights")).toBe("224");
  });
});

describe("forward propagation", () => {
  it("sends the values one layer at a time", () => {
    renderIn("en", ForwardLesson);
    expect(text("forward-layer-1")).toContain("?");
    fireEvent.click(screen.getByRole("button", { name: "Next layer →" }));
    expect(text("forward-layer-1")).toContain("4.800");
    expect(text("forward-layer-1")).toContain("1.210");
    expect(text("forward-layer-1")).toContain("2.385");
    expect(text("forward-layer-2")).toContain("?");
    expect(text("forward-sums")).toContain("= 4.800");
    fireEvent.click(screen.getByRole("button", { name: "Next layer →" }));
    expect(text("forward-layer-2")).not.toContain("?");
    fireEvent.change(slider("input 1"), { target: { value: "2" } });
    expect(text("forward-layer-1")).toContain("5.000");
  });
});

describe("forward propagation: step 4 and the cat picture", () => {
  it("lists the seed's five steps and passes layer 1 through ReLU when step 4 is on", () => {
    renderIn("en", ForwardLesson);
    expect(document.querySelectorAll("[data-role=forward-steps] li")).toHaveLength(5);
    // Inputs −3, −3, 3, 2.5 make neuron 1's sum negative: ReLU turns it into 0.
    fireEvent.change(slider("input 1"), { target: { value: "-3" } });
    fireEvent.change(slider("input 2"), { target: { value: "-3" } });
    fireEvent.click(screen.getByRole("button", { name: "Next layer →" }));
    const without = text("forward-layer-2");
    fireEvent.click(screen.getByRole("checkbox", { name: /Step 4/ }));
    expect(text("forward-sums")).toContain("→ ReLU = ");
    fireEvent.click(screen.getByRole("button", { name: "Next layer →" }));
    expect(text("forward-layer-2")).not.toBe(without);
  });

  it("walks each picture through the layers to its own strongest output neuron, in Portuguese too", () => {
    renderIn("pt-BR", ForwardLesson);
    expect(text("cat-answer")).toBe("O neurônio de saída mais forte: gato.");
    fireEvent.click(screen.getByRole("button", { name: "Mostrar um cachorro" }));
    expect(text("cat-answer")).toBe("O neurônio de saída mais forte: cachorro.");
    fireEvent.click(screen.getByRole("button", { name: "Mostrar um pássaro" }));
    expect(text("cat-answer")).toBe("O neurônio de saída mais forte: pássaro.");
  });
});

describe("weights and biases: the bias as a threshold", () => {
  it("lets the pixel neuron fire below the limit once the bias is raised", () => {
    renderIn("en", WeightsBiasesLesson);
    expect(text("threshold-result")).toContain("stays silent");
    fireEvent.change(slider("bias"), { target: { value: "0.1" } });
    expect(text("threshold-result")).toContain("fires");
    expect(text("threshold-result")).toContain("limit of 0.40");
  });
});

describe("activation functions", () => {
  it("reads every curve at the slider's x, not at the end of the axis (it said f(5) at x = 0.5)", () => {
    renderIn("en", ActivationsLesson);
    const infos = [...document.querySelectorAll("[data-role=activation-plot] [data-role=info]")].map(
      (e) => e.textContent,
    );
    expect(infos).toHaveLength(4);
    for (const info of infos) expect(info).toMatch(/^x 0\.5:/);
  });
});

describe("backward propagation", () => {
  it("Step computes the loss and gradients and updates w and b", () => {
    renderIn("en", BackwardLesson);
    expect(text("backward-weights")).toBe("[-3.0000, -1.0000, 2.0000]");
    fireEvent.click(screen.getByRole("button", { name: "Step" }));
    expect(text("backward-loss")).toBe("36.0000");
    expect(text("backward-weights")).toBe("[-3.1200, -0.7600, 1.6400]");
    expect(text("backward-bias")).toBe("0.8800");
    fireEvent.click(screen.getByRole("button", { name: "10 steps" }));
    expect(text("backward-iteration")).toBe("Iterations so far: 11");
    expect(Number(text("backward-loss"))).toBeLessThan(1);
    fireEvent.click(screen.getByRole("button", { name: "Reset" }));
    expect(text("backward-iteration")).toBe("Iterations so far: 0");
  });
});

describe("shape", () => {
  it("reports the shape of the array chosen", () => {
    renderIn("en", ShapeLesson);
    expect(text("shape-result")).toContain("= [2, 4]");
    fireEvent.click(screen.getByRole("radio", { name: "3-D array" }));
    expect(text("shape-result")).toContain("= [3, 2, 4]");
    expect(text("shape-result")).toContain("3 dimension(s), 24 elements");
    fireEvent.change(slider("rows"), { target: { value: "5" } });
    expect(text("shape-result")).toContain("= [3, 5, 4]");
    fireEvent.click(screen.getByRole("radio", { name: "vector (1-D)" }));
    expect(text("shape-result")).toContain("= [4]");
    expect(text("shape-list")).toBe("[1, 2, 3, 4]");
  });
});

describe("dot product", () => {
  it("lists the products and their sum, which the library's dot agrees with", () => {
    renderIn("en", DotProductLesson);
    expect(text("dot-sum")).toBe("0.300");
    expect(text("dot-library")).toBe("dot(a, b) from @sinapse/tensor = 0.300");
    fireEvent.change(slider("a[0]"), { target: { value: "2" } });
    expect(text("dot-sum")).toBe("0.500");
    expect(text("dot-library")).toContain("0.500");
  });
});

describe("batches", () => {
  it("runs both fits side by side, and Pause stops them", () => {
    vi.useFakeTimers();
    renderIn("en", BatchesLesson);
    expect(text("batches-step")).toBe(`step 0 of ${MAX_STEPS}`);
    act(() => {
      vi.advanceTimersByTime(TICK_MS * 10);
    });
    expect(text("batches-step")).toBe(`step 10 of ${MAX_STEPS}`);
    const small = text("fit-values", document.querySelector("[data-role=batch-1]") as HTMLElement);
    const large = text("fit-values", document.querySelector("[data-role=batch-32]") as HTMLElement);
    expect(small).not.toBe(large);
    fireEvent.click(screen.getByRole("button", { name: "Pause" }));
    act(() => {
      vi.advanceTimersByTime(TICK_MS * 10);
    });
    expect(text("batches-step")).toBe(`step 10 of ${MAX_STEPS}`);
    fireEvent.click(screen.getByRole("button", { name: "Play" }));
    act(() => {
      vi.advanceTimersByTime(TICK_MS * 5);
    });
    expect(text("batches-step")).toBe(`step 15 of ${MAX_STEPS}`);
    fireEvent.click(screen.getByRole("button", { name: "Restart" }));
    expect(text("batches-step")).toBe(`step 0 of ${MAX_STEPS}`);
  });
  it("stops by itself after the last step", () => {
    vi.useFakeTimers();
    renderIn("pt-BR", BatchesLesson);
    act(() => {
      vi.advanceTimersByTime(TICK_MS * (MAX_STEPS + 20));
    });
    expect(text("batches-step")).toBe(`passo ${MAX_STEPS} de ${MAX_STEPS}`);
  });
});

describe("activation functions", () => {
  it("shows each function at the live input, and softmax of it", () => {
    const { container } = renderIn("en", ActivationsLesson);
    const value = (name: string) =>
      text("activation-value", container.querySelector(`[data-role=activation-${name}]`) as HTMLElement);
    expect(value("relu")).toBe("ReLU(0.50) = 0.500");
    fireEvent.change(slider("input x"), { target: { value: "-2" } });
    expect(value("relu")).toBe("ReLU(-2.00) = 0.000");
    expect(value("step")).toBe("step(-2.00) = 0.000");
    expect(value("linear")).toBe("linear(-2.00) = -2.000");
    expect(value("sigmoid")).toBe("sigmoid(-2.00) = 0.119");
    const probabilities = [...container.querySelectorAll("[data-role=softmax-probability]")].map((e) =>
      Number(e.textContent),
    );
    expect(probabilities).toHaveLength(3);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
    expect(probabilities[0]).toBeLessThan(probabilities[1] as number);
    expect(container.querySelectorAll("[data-role=activation-plot]")).toHaveLength(4);
  });
});
