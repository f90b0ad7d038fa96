/**
 * The wasm kernels in the browser: @sinapse/tensor ships them as one file (kernels.wasm,
 * emitted by Vite as an asset) and reads it on the wasm backend's first use with a
 * synchronous request, on the page and in the training worker alike.
 */
import { readdirSync } from "node:fs";
import { expect, it } from "vitest";
import { appRoot, recordErrors, startChromiumOnBuiltApp } from "./browser.js";

it("the built app has one kernels asset and loads it on the page and in the worker, without errors", async () => {
  const assets = readdirSync(`${appRoot}/dist/assets`).filter((f) => f.endsWith(".wasm"));
  expect(assets).toHaveLength(1);
  const { url, browser, close } = await startChromiumOnBuiltApp();
  try {
    const page = await browser.newPage();
    const errors = recordErrors(page);
    const fetched: string[] = [];
    page.on("requestfinished", (request) => {
      if (request.url().endsWith(".wasm")) fetched.push(request.url());
    });
    await page.goto(url);
    await expect.poll(() => fetched.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    expect(new Set(fetched.map((u) => u.split("/").pop()))).toEqual(new Set(assets));
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});
