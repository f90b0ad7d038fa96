/**
 * The built playground in a real browser: Debian's Chromium driven by playwright-core.
 * Build first (`pnpm turbo run e2e` does); the screenshot lands in screenshots/ (ignored).
 */
import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { type PreviewServer, preview } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./browser.js";

const appRoot = fileURLToPath(new URL("..", import.meta.url));
let server: PreviewServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!existsSync(`${appRoot}/dist/index.html`)) {
    throw new Error("playground e2e: dist/ is missing, run `pnpm --filter @sinapse/playground build` first");
  }
  server = await preview({
    root: appRoot,
    logLevel: "warn",
    preview: { host: "127.0.0.1", port: 0, strictPort: false },
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 900, height: 700 } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error("playground e2e: the preview server reported no URL");
  await page.goto(url);
  await page.waitForSelector("[data-role=neuron]");
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => server?.httpServer.close(() => resolve()));
});

describe("playground in Chromium", () => {
  it("draws the 2-4-3 network: 9 neurons and 20 links", async () => {
    expect(await page.locator("[data-role=neuron]").count()).toBe(9);
    expect(await page.locator("[data-role=link]").count()).toBe(20);
  });

  it("shows the parameter counts", async () => {
    await expect(page.locator("[data-role=counts]").textContent()).resolves.toBe(
      "20 weights · 7 biases · 27 parameters",
    );
  });

  it("draws the real initial weights (first link is 0.01 · randn from seed 0)", async () => {
    const title = await page.locator("[data-role=link] title").first().textContent();
    expect(title).toBe("w[0][0→0] = 0.0176");
  });

  it("saves a screenshot of the page", async () => {
    const dir = `${appRoot}/screenshots`;
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: `${dir}/playground.png`, fullPage: true });
    expect(existsSync(`${dir}/playground.png`)).toBe(true);
  });
});
