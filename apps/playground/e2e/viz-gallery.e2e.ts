/**
 * The @sinapse/viz gallery (`?page=gallery`) of the built playground in Chromium: every
 * picture renders from a real model, with its counts and roles, without console errors;
 * one screenshot per picture lands in screenshots/ (ignored).
 */
import { existsSync, writeFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordErrors, screenshots as shots, startChromiumOnBuiltApp } from "./browser.js";

let page: Page;
let close: () => Promise<void>;
const errors: string[] = [];

const section = (name: string) => page.locator(`[data-gallery="${name}"]`);

/** Saves a screenshot of one gallery section and checks it was written. */
async function shoot(name: string): Promise<void> {
  const path = `${shots}/viz-${name}.png`;
  await section(name).screenshot({ path });
  expect(existsSync(path)).toBe(true);
}

beforeAll(async () => {
  const app = await startChromiumOnBuiltApp();
  close = app.close;
  page = await app.browser.newPage({ viewport: { width: 1100, height: 900 } });
  recordErrors(page, errors);
  const url = app.url;
  await page.goto(`${url}?page=gallery`);
  await page.waitForSelector('[data-gallery="live"] [data-role=link]', { timeout: 30_000 });
});

afterAll(async () => {
  await close?.();
});

describe("viz gallery in Chromium", () => {
  it("draws the trained 2-4-3 network with counts, titles and a thumbnail in every neuron", async () => {
    const s = section("network");
    expect(await s.locator("[data-role=neuron]").count()).toBe(9);
    expect(await s.locator("[data-role=link]").count()).toBe(20);
    expect(await s.locator("[data-role=counts]").textContent()).toBe("20 weights · 7 biases · 27 parameters");
    expect(await s.locator("svg[role=img]").first().getAttribute("aria-label")).toBe(
      "20 weights · 7 biases · 27 parameters",
    );
    const drawn = await s
      .locator("[data-role=neuron] canvas")
      .evaluateAll((cs) => cs.map((c) => c.getAttribute("data-drawn")));
    expect(drawn).toEqual(Array(9).fill("true"));
    await shoot("network");
  });

  it("shows a neuron's value on keyboard focus and a link's on hover", async () => {
    const s = section("network");
    const info = s.locator("[data-role=info]");
    await s.locator("[data-role=neuron]").nth(3).focus();
    expect(await info.textContent()).toMatch(/^hidden layer 1, neuron 1, bias -?\d\.\d{4} \(gradient -?[\d.e-]+\)$/);
    await s.locator("[data-role=link]").first().hover();
    expect(await info.textContent()).toMatch(/^w\[0\]\[0→0\] = -?\d\.\d{4} \(gradient -?[\d.e-]+\)$/);
  });

  it("collapses 784 inputs into a band", async () => {
    const s = section("network-large");
    expect(await s.locator("[data-role=band]").textContent()).toBe("… 784 inputs");
    expect(await s.locator("[data-role=link]").count()).toBe(16 + 160);
    expect(await s.locator("[data-role=counts]").textContent()).toBe("12704 weights · 26 biases · 12730 parameters");
    await shoot("network-large");
  });

  it("lays out the computation graph and steps backward through it", async () => {
    const s = section("graph");
    const nodes = await s.locator("[data-role=graph-node]").count();
    expect(nodes).toBeGreaterThan(8);
    expect(await s.locator("svg[role=img]").first().getAttribute("aria-label")).toMatch(
      new RegExp(`^computation graph: ${nodes} nodes, \\d+ edges$`),
    );
    expect(await s.locator("[data-state=done]").count()).toBe(0);
    await s.locator("[data-role=backward-step]").fill("3");
    expect(await s.locator("[data-state=done]").count()).toBe(2);
    expect(await s.locator("[data-state=current]").count()).toBe(1);
    await s.locator("[data-role=graph-node][data-op=matmul]").first().click();
    expect(await s.locator("[data-role=graph-node][aria-pressed=true]").count()).toBe(1);
    await shoot("graph");
  });

  it("draws loss and accuracy curves, train and validation", async () => {
    const s = section("training");
    expect(await s.getByRole("img", { name: "loss", exact: true }).count()).toBe(1);
    expect(await s.getByRole("img", { name: "accuracy", exact: true }).count()).toBe(1);
    expect(await s.locator("[data-role=line]").count()).toBe(4);
    await shoot("training");
  });

  it("paints the decision boundary on a canvas under 300 points", async () => {
    const s = section("boundary");
    expect(await s.locator("[data-role=point]").count()).toBe(300);
    const canvas = s.locator("canvas");
    expect(await canvas.getAttribute("data-drawn")).toBe("true");
    // Real pixels: the canvas is not blank white.
    const coloured = await canvas.evaluate((c) => {
      const ctx = (c as HTMLCanvasElement).getContext("2d");
      const d = ctx?.getImageData(0, 0, (c as HTMLCanvasElement).width, (c as HTMLCanvasElement).height).data ?? [];
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if ((d[i] as number) < 240 || (d[i + 2] as number) < 240) n++;
      return n;
    });
    expect(coloured).toBeGreaterThan(100);
    await shoot("boundary");
  });

  it("plots three activations with their derivatives", async () => {
    const s = section("activations");
    for (const name of ["ReLU", "sigmoid", "tanh"])
      expect(await s.getByRole("img", { name, exact: true }).count()).toBe(1);
    expect(await s.locator("[data-role=line]").count()).toBe(6);
    await shoot("activations");
  });

  it("draws the weight histogram", async () => {
    const s = section("histogram");
    expect(await s.locator("[data-role=bar]").count()).toBe(24);
    const total = await s
      .locator("[data-role=bar]")
      .evaluateAll((bars) => bars.reduce((n, b) => n + Number(b.getAttribute("data-count")), 0));
    expect(total).toBe(784 * 16);
    await shoot("histogram");
  });

  it("says why it cannot draw bad input, and the page stays up", async () => {
    const s = section("bad-input");
    expect(await s.getByRole("alert").textContent()).toBe("cannot draw: weights[0] must be [2,4], got [4,3]");
    expect(await page.getByRole("alert").count()).toBe(1);
    await shoot("bad-input");
  });

  it("redraws a 2-8-8-8-3 network every frame while running (numbers saved, not asserted as a benchmark)", async () => {
    const s = section("live");
    expect(await s.locator("[data-role=link]").count()).toBe(2 * 8 + 8 * 8 + 8 * 8 + 8 * 3);
    const before = await s.locator("[data-role=link] line").first().getAttribute("x2");
    const firstWidth = await s.locator("[data-role=link] line").first().getAttribute("stroke-width");
    await s.locator("[data-role=live-toggle]").click();
    await page.waitForTimeout(2500);
    await s.locator("[data-role=live-toggle]").click();
    const stats = s.locator("[data-role=live-stats]");
    await s.locator("[data-role=live-measure]").click();
    const bench = s.locator("[data-role=live-bench]");
    const result = {
      animation: {
        updates: Number(await stats.getAttribute("data-updates")),
        perSecond: Number(await stats.getAttribute("data-per-second")),
        medianMsToCommit: Number(await stats.getAttribute("data-median-ms")),
      },
      synchronous: {
        medianMs: Number(await bench.getAttribute("data-median-ms")),
        p95Ms: Number(await bench.getAttribute("data-p95-ms")),
      },
    };
    writeFileSync(`${shots}/viz-live-stats.json`, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`viz live diagram: ${JSON.stringify(result)}`);
    expect(result.animation.updates).toBeGreaterThan(0);
    expect(result.synchronous.medianMs).toBeGreaterThan(0);
    expect(await s.locator("[data-role=link] line").first().getAttribute("x2")).toBe(before); // same layout
    expect(await s.locator("[data-role=link] line").first().getAttribute("stroke-width")).not.toBe(firstWidth);
    await shoot("live");
  });

  it("logged no console errors", () => {
    expect(errors).toEqual([]);
  });
});
