/**
 * The lessons in a real browser: every page opens with its heading and no console errors,
 * in English and in Portuguese, reacts to its controls, and fits a 360 px wide screen.
 * Build first (`pnpm --filter @sinapse/playground build`); screenshots land in screenshots/.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LESSON_ORDER } from "../src/lessons/order.js";
import { lessonsEn } from "../src/messages/lessons.en.js";
import { lessonsPt } from "../src/messages/lessons.pt-BR.js";
import { recordErrors, screenshots as shots, startChromiumOnBuiltApp } from "./browser.js";

let browser: Browser;
let baseUrl: string;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ url: baseUrl, browser, close } = await startChromiumOnBuiltApp());
});

afterAll(async () => {
  await close?.();
});

/** A fresh page in its own context, recording console errors and uncaught exceptions. */
async function open(options: {
  width: number;
  height: number;
  locale: string;
}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: options.width, height: options.height },
    locale: options.locale,
  });
  const page = await context.newPage();
  return { context, page, errors: recordErrors(page) };
}

async function heading(page: Page): Promise<string> {
  return (await page.locator("article.lesson h2").textContent()) ?? "";
}

describe("lessons in Chromium", () => {
  it("opens every lesson in English with its heading, then in Portuguese, without console errors", async () => {
    const { context, page, errors } = await open({ width: 1280, height: 900, locale: "en-US" });
    await page.goto(`${baseUrl}#/lessons`);
    await page.waitForSelector("ol.lesson-list a");
    expect(await page.locator("ol.lesson-list a").count()).toBe(LESSON_ORDER.length);
    for (const lesson of LESSON_ORDER) {
      await page.goto(`${baseUrl}#/lessons/${lesson.id}`);
      await page.waitForSelector(`article[data-lesson="${lesson.id}"]`);
      expect(await heading(page)).toBe(lessonsEn[lesson.title as keyof typeof lessonsEn]);
      await page.screenshot({ path: `${shots}/lesson-${lesson.id}.png`, fullPage: true });
    }
    // The header's switch changes the language of the page shown.
    await page.selectOption("header select", "pt-BR");
    expect(await heading(page)).toBe(lessonsPt["lessons.activations.title"]);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("pt-BR");
    for (const lesson of LESSON_ORDER) {
      await page.goto(`${baseUrl}#/lessons/${lesson.id}`);
      await page.waitForSelector(`article[data-lesson="${lesson.id}"]`);
      expect(await heading(page)).toBe(lessonsPt[lesson.title as keyof typeof lessonsPt]);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it("picks Portuguese from a Portuguese browser", async () => {
    const { context, page, errors } = await open({ width: 1024, height: 768, locale: "pt-BR" });
    await page.goto(`${baseUrl}#/lessons/neuron`);
    await page.waitForSelector('article[data-lesson="neuron"]');
    expect(await heading(page)).toBe("O neurônio");
    await page.screenshot({ path: `${shots}/lesson-neuron-pt-BR.png`, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("reacts to the controls: the weight slider, Step, and the running batches", async () => {
    const { context, page, errors } = await open({ width: 1280, height: 900, locale: "en-US" });
    await page.goto(`${baseUrl}#/lessons/neuron`);
    const output = page.locator("[data-role=neuron-output]");
    await expect(output.textContent()).resolves.toBe("output = 1.00 × 0.50 + 0.20 = 0.700");
    await page.getByRole("slider", { name: "weight", exact: true }).fill("2");
    await expect(output.textContent()).resolves.toBe("output = 1.00 × 2.00 + 0.20 = 2.200");

    await page.goto(`${baseUrl}#/lessons/backward`);
    await page.getByRole("button", { name: "Step", exact: true }).click();
    await expect(page.locator("[data-role=backward-loss]").textContent()).resolves.toBe("36.0000");

    await page.goto(`${baseUrl}#/lessons/batches`);
    const step = page.locator("[data-role=batches-step]");
    await page.waitForFunction(
      () => !document.querySelector("[data-role=batches-step]")?.textContent?.startsWith("step 0 "),
    );
    await page.getByRole("button", { name: "Pause" }).click();
    const paused = await step.textContent();
    await page.waitForTimeout(300);
    expect(await step.textContent()).toBe(paused);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("fits a 360 px wide screen: no lesson scrolls sideways", async () => {
    const { context, page, errors } = await open({ width: 360, height: 740, locale: "en-US" });
    const overflowing: string[] = [];
    for (const lesson of LESSON_ORDER) {
      await page.goto(`${baseUrl}#/lessons/${lesson.id}`);
      await page.waitForSelector(`article[data-lesson="${lesson.id}"]`);
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({
        scrollWidth: document.scrollingElement?.scrollWidth ?? 0,
        innerWidth: window.innerWidth,
      }));
      if (scrollWidth > innerWidth) overflowing.push(`${lesson.id}: ${scrollWidth} > ${innerWidth}`);
    }
    await page.goto(`${baseUrl}#/lessons/weights-biases`);
    await page.screenshot({ path: `${shots}/lesson-weights-biases-360.png`, fullPage: true });
    expect(overflowing).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
