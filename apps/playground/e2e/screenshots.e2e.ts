/**
 * A screenshot of every page — the playground, the graph explorer (both modes), the gallery, the lessons
 * index and each lesson — in English and Portuguese, at 1366×900 and on a 390×844 phone,
 * saved under screenshots/ (ignored by git) for a person to look at. Each page must open
 * without console errors and without horizontal scrolling. Also prints the first load's
 * size (gzip) of the built app.
 */
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LESSON_ORDER } from "../src/lessons/order.js";
import { appRoot, recordErrors, screenshots as shots, startChromiumOnBuiltApp } from "./browser.js";

let browser: Browser;
let base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ url: base, browser, close } = await startChromiumOnBuiltApp());
});

afterAll(async () => {
  await close?.();
});

const PAGES: { name: string; hash: string; ready: string; check?: string }[] = [
  { name: "playground", hash: "#/", ready: "[data-role=neuron]" },
  { name: "graph", hash: "#/graph", ready: "[data-role=graph-node]" },
  { name: "graph-network", hash: "#/graph", ready: "[data-role=graph-node]", check: "input[value=network]" },
  { name: "lessons", hash: "#/lessons", ready: "ol.lesson-list a" },
  { name: "gallery", hash: "?page=gallery", ready: "[data-gallery=network] [data-role=neuron]" },
  ...LESSON_ORDER.map((l) => ({ name: `lesson-${l.id}`, hash: `#/lessons/${l.id}`, ready: "article.lesson h2" })),
];

describe("screenshots of every page", () => {
  for (const [language, locale] of [
    ["en", "en-US"],
    ["pt", "pt-BR"],
  ] as const) {
    for (const [width, height] of [
      [1366, 900],
      [390, 844],
    ] as const) {
      it(`saves every page in ${language} at ${width}×${height}`, async () => {
        const context = await browser.newContext({ viewport: { width, height }, locale });
        const page = await context.newPage();
        const errors = recordErrors(page);
        for (const p of PAGES) {
          await page.goto(`${base}${p.hash}`);
          await page.waitForSelector(p.ready);
          if (p.check) {
            await page.locator(p.check).check();
            await page.waitForSelector("[data-role=network-weights]");
          }
          await page.waitForTimeout(300);
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          expect(overflow, `${p.name} scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
          await page.screenshot({ path: `${shots}/${p.name}-${language}-${width}.png`, fullPage: true });
        }
        expect(errors).toEqual([]);
        await context.close();
      });
    }
  }

  it("prints the first load's size: the HTML and what it loads before the playground runs (gzip)", () => {
    const html = readFileSync(`${appRoot}/dist/index.html`, "utf8");
    const files = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+)"/g)].map((m) => m[1] as string);
    const sizes = files.map((f) => ({ f, gz: gzipSync(readFileSync(`${appRoot}/dist/${f}`)).length }));
    const total = gzipSync(html).length + sizes.reduce((n, s) => n + s.gz, 0);
    console.log(
      `screenshots e2e: first load ${(total / 1024).toFixed(1)} KB gzip (${sizes.map((s) => `${s.f} ${(s.gz / 1024).toFixed(1)} KB`).join(", ")})`,
    );
    expect(files.length).toBeGreaterThan(0);
  });
});
