/**
 * The built playground in Chromium: the default experiment's network, training in the
 * worker while the page stays responsive, a link that replays an experiment, phone width.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordErrors, screenshots as shots, startChromiumOnBuiltApp } from "./browser.js";

let browser: Browser;
let base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ url: base, browser, close } = await startChromiumOnBuiltApp());
});

afterAll(async () => {
  await close?.();
});

async function open(path: string, width = 1280): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 }, locale: "en-US" });
  const errors = recordErrors(page);
  await page.goto(new URL(path, base).href);
  await page.waitForSelector("[data-role=neuron]");
  return { page, errors };
}

describe("playground in Chromium", () => {
  it("draws the default 2-16-16-3 network with its counts", async () => {
    const { page, errors } = await open("/");
    const ready = await page.evaluate(() => Math.round(performance.now()));
    const paint = await page.evaluate(() =>
      Math.round(performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? Number.NaN),
    );
    console.log(
      `playground e2e: first contentful paint (header and controls) at ${paint} ms; the first trained snapshot's diagram by ${ready} ms`,
    );
    expect(await page.locator("[data-role=neuron]").count()).toBe(37);
    expect(await page.locator("[data-role=counts]").textContent()).toBe("336 weights · 35 biases · 371 parameters");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("trains in the worker: epochs advance while the page only draws (long tasks are printed)", async () => {
    const { page, errors } = await open("/");
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longTasks.push(e.duration);
      }).observe({ type: "longtask" });
    });
    await page.getByRole("button", { name: "Train" }).click();
    await page.waitForFunction(
      () => /Epoch ([3-9]|\d\d+)/.test(document.querySelector("[data-role=epoch]")?.textContent ?? ""),
      undefined,
      {
        timeout: 30_000,
      },
    );
    await page.getByRole("button", { name: "Pause" }).click();
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    console.log(
      `playground e2e: long tasks while training: ${longTasks.length ? longTasks.map(Math.round).join(", ") : "none"} ms`,
    );
    expect(await page.locator("[data-role=runner]").textContent()).toBe(
      "Training runs in a Web Worker; this page only draws.",
    );
    expect(await page.locator("[data-role=metrics]").textContent()).toMatch(/Test accuracy \d+\.\d%/);
    await page.screenshot({ path: `${shots}/playground.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("replays an experiment from its link", async () => {
    const { page, errors } = await open("/?data=circle&net=4tanh,3tanh&f=x1,x2,x1sq,x2sq&seed=5");
    expect(await page.locator("[data-role=neuron]").count()).toBe(4 + 4 + 3 + 2);
    expect(await page.getByRole("radio", { name: "Circle" }).getAttribute("aria-checked")).toBe("true");
    expect(errors).toEqual([]);
    await page.close();
  });

  for (const width of [360, 1920]) {
    it(`fits a ${width} px wide window without horizontal scrolling`, async () => {
      const { page, errors } = await open("/", width);
      const overflow = await page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${shots}/playground-${width}.png`, fullPage: true });
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
