import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { I18nProvider, type Language } from "../i18n.js";
import { GraphPage } from "./GraphPage.js";

afterEach(() => {
  cleanup();
  window.history.replaceState(null, "", "/");
});

function renderPage(language: Language = "en") {
  const view = render(
    <I18nProvider language={language}>
      <GraphPage />
    </I18nProvider>,
  );
  const nodes = () => view.container.querySelectorAll("[data-role=graph-node]").length;
  const type = (text: string) => fireEvent.change(screen.getByLabelText("Expression"), { target: { value: text } });
  const stepTitle = () => view.container.querySelector("[data-role=step-title]")?.textContent ?? "";
  const rules = () => Array.from(view.container.querySelectorAll("[data-role=rule]"), (e) => e.textContent);
  const gradient = (name: string) =>
    view.container.querySelector(`[data-role=gradient][data-name="${name}"]`)?.textContent ?? "";
  return { ...view, nodes, type, stepTitle, rules, gradient };
}

describe("GraphPage: expressions", () => {
  it("draws the first example, relu(w * x + b): 6 nodes, output 5", () => {
    const page = renderPage();
    expect(page.nodes()).toBe(6);
    expect(screen.getByText("Output: 5")).toBeTruthy();
    expect(page.container.querySelector("svg[role=img]")?.getAttribute("aria-label")).toBe(
      "computation graph: 6 nodes, 5 edges",
    );
  });

  it("says 'unknown function' for foo(x) and keeps the expression in the link", () => {
    renderPage();
    fireEvent.change(screen.getByLabelText("Expression"), { target: { value: "foo(x)" } });
    expect(screen.getByRole("alert").textContent).toContain("Unknown function 'foo' at column 1");
    expect(new URLSearchParams(window.location.search).get("expr")).toBe("foo(x)");
    cleanup();
    renderPage();
    expect((screen.getByLabelText("Expression") as HTMLInputElement).value).toBe("foo(x)");
  });

  it("updates the graph as the expression is typed", () => {
    const page = renderPage();
    page.type("(a + b) * (a - b)");
    expect(page.nodes()).toBe(5);
    page.type("(a + b) * (a - b) + relu(c)");
    expect(page.nodes()).toBe(8);
    expect(screen.getByLabelText("c")).toBeTruthy();
  });

  it("picks an example with its values", () => {
    const page = renderPage();
    fireEvent.change(screen.getByLabelText("Examples"), { target: { value: "1" } });
    expect((screen.getByLabelText("Expression") as HTMLInputElement).value).toBe("sigmoid(w1 * x1 + w2 * x2 + b)");
    expect((screen.getByLabelText("w2") as HTMLInputElement).value).toBe("-1");
    expect(page.nodes()).toBe(10);
  });

  it("shows a parse error with its column and keeps the last graph, dimmed (it hid the graph)", () => {
    const page = renderPage();
    page.type("relu(w * x");
    expect(screen.getByRole("alert").textContent).toBe(
      "Expected an operator or ',' or ')' at column 11, found the end of the input.",
    );
    expect(page.nodes()).toBe(6);
    expect(page.container.querySelector("[data-role=stale]")).toBeTruthy();
    expect(screen.getByLabelText("Expression").getAttribute("aria-invalid")).toBe("true");
    page.type("a + * b");
    expect(screen.getByRole("alert").textContent).toContain("column 5");
    page.type("a + b");
    expect(screen.getByRole("alert").textContent).toBe("");
    expect(page.nodes()).toBe(3);
  });

  it("refuses a bad variable value without crashing", () => {
    const page = renderPage();
    fireEvent.change(screen.getByLabelText("w"), { target: { value: "abc" } });
    expect(screen.getByRole("alert").textContent).toBe("w: enter a number or a vector like [1, 2]");
    expect(page.container.querySelector("[data-role=stale]")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("w"), { target: { value: "[1, 2]" } });
    expect(page.nodes()).toBe(6);
  });

  it("steps through backward showing each rule in order and the final gradients", () => {
    const page = renderPage();
    fireEvent.click(screen.getByRole("button", { name: "Backward" }));
    expect(page.stepTitle()).toBe("Step 0 of 6");
    const next = screen.getByRole("button", { name: "Next step" });
    const seen: string[] = [];
    for (let k = 1; k <= 6; k++) {
      fireEvent.click(next);
      expect(page.stepTitle()).toContain(`Step ${k} of 6`);
      seen.push(page.stepTitle().split(" · ")[1] ?? "", ...page.rules().map((r) => `  ${r}`));
    }
    expect(seen).toEqual([
      "Node #5 relu",
      "  ∂relu(x)/∂x = 1 (x > 0), 0 (x ≤ 0)",
      "Node #4 add",
      "  ∂(a + b)/∂a = 1",
      "  ∂(a + b)/∂b = 1",
      "Node #3 b",
      "Node #2 mul",
      "  ∂(a·b)/∂a = b",
      "  ∂(a·b)/∂b = a",
      "Node #1 x",
      "Node #0 w",
    ]);
    expect(screen.getByText("Backward finished: every gradient is complete.")).toBeTruthy();
    expect((next as HTMLButtonElement).disabled).toBe(true);
    expect([page.gradient("w"), page.gradient("x"), page.gradient("b")]).toEqual(["2", "3", "1"]);
    expect(page.container.querySelectorAll("[data-state=done]").length).toBe(5);
    expect(page.container.querySelectorAll("[data-state=current]").length).toBe(1);
  });

  it("shows the numbers of the mul step: local derivative b, contribution, accumulated gradient", () => {
    const page = renderPage();
    fireEvent.click(screen.getByRole("button", { name: "Backward" }));
    for (let k = 0; k < 4; k++) fireEvent.click(screen.getByRole("button", { name: "Next step" }));
    const operands = page.container.querySelectorAll("[data-role=operand]");
    expect(operands).toHaveLength(2);
    const first = within(operands[0] as HTMLElement);
    expect(first.getByText("to operand 0: #0 w")).toBeTruthy();
    expect(first.getByText("Local derivative").nextElementSibling?.textContent).toBe("2");
    expect(first.getByText("Accumulated ∂L/∂(#0)").nextElementSibling?.textContent).toBe("2");
    // gradients appear in the table only once a variable's step is done
    expect(page.gradient("b")).toBe("1");
    expect(page.gradient("w")).toBe("—");
  });

  it("moves with the arrow keys and back with previous", () => {
    const page = renderPage();
    fireEvent.click(screen.getByRole("button", { name: "Backward" }));
    const panel = screen.getByRole("complementary", { name: "Backward" });
    fireEvent.keyDown(panel, { key: "ArrowRight" });
    fireEvent.keyDown(panel, { key: "ArrowRight" });
    expect(page.stepTitle()).toContain("Step 2 of 6");
    fireEvent.keyDown(panel, { key: "End" });
    expect(page.stepTitle()).toContain("Step 6 of 6");
    fireEvent.click(screen.getByRole("button", { name: "Previous step" }));
    expect(page.stepTitle()).toContain("Step 5 of 6");
    fireEvent.keyDown(panel, { key: "Home" });
    expect(page.stepTitle()).toBe("Step 0 of 6");
  });

  it("accumulates a variable used twice: (a + b) * (a - b) gives 2a and −2b", () => {
    const page = renderPage();
    page.type("(a + b) * (a - b)");
    fireEvent.change(screen.getByLabelText("b"), { target: { value: "2" } });
    fireEvent.click(screen.getByRole("button", { name: "Backward" }));
    fireEvent.click(screen.getByRole("button", { name: "Run to the end" }));
    expect([page.gradient("a"), page.gradient("b")]).toEqual(["6", "-4"]);
  });
});

describe("GraphPage: current network on one sample", () => {
  it("traces the network to the loss and agrees with the book's dweights = inputsᵀ · dvalues", () => {
    const page = renderPage();
    fireEvent.click(screen.getByLabelText("Current network on one sample"));
    expect(page.container.querySelector("[data-role=network-about]")?.textContent).toContain("network 2-16-16-3");
    expect(page.nodes()).toBeGreaterThan(10);
    expect(screen.getByText(/Run backward to the end to compare/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Backward" }));
    fireEvent.click(screen.getByRole("button", { name: "Run to the end" }));
    const badge = page.container.querySelector("[data-role=agree]")?.textContent ?? "";
    expect(badge).toMatch(/^agree: max \|difference\| = /);
    expect(page.container.querySelector("[data-role=book-weights]")?.textContent).toBe(
      page.container.querySelector("[data-role=autograd-weights]")?.textContent,
    );
  });

  it("changes the sample", () => {
    const page = renderPage();
    fireEvent.click(screen.getByLabelText("Current network on one sample"));
    const about = () => page.container.querySelector("[data-role=network-about]")?.textContent ?? "";
    const before = about();
    fireEvent.change(screen.getByLabelText("Training sample"), { target: { value: "5" } });
    expect(about()).toContain("sample 5 of");
    expect(about()).not.toBe(before);
  });
});

describe("GraphPage in Portuguese", () => {
  it("shows every text in pt-BR, errors included", () => {
    const page = renderPage("pt-BR");
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("Explorador de grafos");
    expect(page.container.querySelector("svg[role=img]")?.getAttribute("aria-label")).toBe(
      "grafo de computação: 6 nós, 5 arestas",
    );
    fireEvent.click(screen.getByRole("button", { name: "Backward" }));
    fireEvent.click(screen.getByRole("button", { name: "Próximo passo" }));
    expect(page.stepTitle()).toBe("Passo 1 de 6 · Nó #5 relu");
    fireEvent.change(screen.getByLabelText("Expressão"), { target: { value: "relu(w * x" } });
    expect(screen.getByRole("alert").textContent).toBe(
      "Esperava um operador ou ',' ou ')' na coluna 11, encontrei o fim da entrada.",
    );
  });
});
