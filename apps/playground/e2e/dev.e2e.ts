/**
 * What `pnpm dev` serves: the Vite dev server (the packages' built dist/, the app's source)
 * renders the same diagram, without errors in the console.
 */
import type { Browser } from "playwright-core";
import { createServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRoot, launchChromium, recordErrors } from "./browser.js";

let server: ViteDevServer;
let browser: Browser;

beforeAll(async () => {
  server = await createServer({ root: appRoot, logLevel: "warn", server: { host: "127.0.0.1", port: 0 } });
  await server.listen();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("playground dev server", () => {
  it("serves a page that draws the 2-4-3 diagram without console errors", async () => {
    const page = await browser.newPage();
    const errors = recordErrors(page);
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error("playground e2e: the dev server reported no URL");
    await page.goto(url);
    await page.waitForSelector("[data-role=neuron]");
    expect(await page.locator("[data-role=neuron]").count()).toBe(2 + 16 + 16 + 3);
    expect(await page.locator("[data-role=link]").count()).toBe(2 * 16 + 16 * 16 + 16 * 3);
    expect(errors).toEqual([]);
  });
});
