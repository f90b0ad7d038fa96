/**
 * The graph explorer in a real browser: type an expression, step backward to the end,
 * read the final gradients; the network mode's book check; no console errors; no
 * horizontal page overflow at 360 px. Build first; screenshots land in screenshots/ (ignored).
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshots, startChromiumOnBuiltApp } from "./browser.js";

let browser: Browser;
let url: string;
let close: () => Promise<void>;
const problems: string[] = [];

async function openGraph(width: number, height = 800): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  await page.addInitScript(() => window.localStorage.setItem("sinapse.language", "en"));
  await page.goto(`${url}#/graph`);
  await page.waitForSelector("[data-role=graph-node]");
  return page;
}

/** How far the page is wider than the viewport (0 when it fits). */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

beforeAll(async () => {
  ({ url, browser, close } = await startChromiumOnBuiltApp());
});

afterAll(async () => {
  await close?.();
});

describe("graph explorer in Chromium", () => {
  it("types an expression, steps backward to the end and shows the gradients", async () => {
    const page = await openGraph(1280);
    await page.fill("#graph-expression", "(a + b) * (a - b)");
    await page.fill("#graph-var-a", "3");
    await page.fill("#graph-var-b", "2");
    expect(await page.locator("[data-role=graph-node]").count()).toBe(5);
    await page.getByRole("button", { name: "Backward" }).click();
    const next = page.getByRole("button", { name: "Next step" });
    for (let k = 0; k < 5; k++) await next.click();
    await expect(page.locator("[data-role=step-title]").textContent()).resolves.toContain("Step 5 of 5");
    expect(await next.isDisabled()).toBe(true);
    await expect(page.locator("[data-role=gradient][data-name=a]").textContent()).resolves.toBe("6");
    await expect(page.locator("[data-role=gradient][data-name=b]").textContent()).resolves.toBe("-4");
    await page.screenshot({ path: `${screenshots}/graph.png`, fullPage: true });
    expect(await overflow(page)).toBe(0);
    await page.close();
  });

  it("shows a parse error with its column", async () => {
    const page = await openGraph(1280);
    await page.fill("#graph-expression", "relu(w * x");
    await expect(page.locator("[data-role=error]").textContent()).resolves.toContain("column 11");
    await page.close();
  });

  it("checks the network's first Dense gradient against the book's formula", async () => {
    const page = await openGraph(1280);
    await page.getByLabel("Current network on one sample").check();
    await page.getByRole("button", { name: "Backward" }).click();
    await page.getByRole("button", { name: "Run to the end" }).click();
    await expect(page.locator("[data-role=agree]").textContent()).resolves.toMatch(/^agree: /);
    await page.screenshot({ path: `${screenshots}/graph-network.png`, fullPage: true });
    expect(await overflow(page)).toBe(0);
    await page.close();
  });

  it("fits a 360 px wide screen without horizontal page overflow, stepping by keyboard", async () => {
    const page = await openGraph(360, 740);
    expect(await overflow(page)).toBe(0);
    await page.getByRole("button", { name: "Backward" }).focus();
    await page.keyboard.press("Enter");
    const panel = page.getByRole("complementary", { name: "Backward" });
    await panel.focus();
    await page.keyboard.press("End");
    await expect(page.locator("[data-role=step-title]").textContent()).resolves.toContain("Step 6 of 6");
    await expect(page.locator("[data-role=gradient][data-name=w]").textContent()).resolves.toBe("2");
    expect(await overflow(page)).toBe(0);
    await page.getByLabel("Current network on one sample").check();
    await page.getByRole("button", { name: "Backward" }).click();
    await page.getByRole("button", { name: "Run to the end" }).click();
    expect(await overflow(page)).toBe(0);
    await page.screenshot({ path: `${screenshots}/graph-360.png`, fullPage: true });
    await page.close();
  });

  it("logged no console errors", () => {
    expect(problems).toEqual([]);
  });
});
