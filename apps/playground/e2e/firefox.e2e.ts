/**
 * The built playground in Firefox (Debian's firefox-esr, driven over WebDriver BiDi by
 * e2e/firefox-driver.mjs): it draws, trains in the worker, fits a phone, logs no errors.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRoot, serveBuiltApp } from "./browser.js";

const firefox = process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr";
const present = existsSync(firefox);
if (!present) console.warn(`playground e2e: Firefox tests skipped, no ${firefox} (apt-get install firefox-esr)`);
let app: Awaited<ReturnType<typeof serveBuiltApp>> | undefined;

beforeAll(async () => {
  if (present) app = await serveBuiltApp();
});
afterAll(async () => {
  await app?.close();
});

interface Seen {
  drawn: boolean;
  neurons: number;
  trained: boolean;
  epoch: string;
  where: string;
  overflow: number;
  errors: string[];
}

describe.skipIf(!present)("playground in Firefox", () => {
  it("draws the network, trains in the worker and fits 360 px without errors", async () => {
    const url = (app as NonNullable<typeof app>).url;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--experimental-websocket", "--no-warnings", `${appRoot}/e2e/firefox-driver.mjs`, url, firefox],
      { timeout: 100_000 },
    );
    const seen = JSON.parse(stdout.trim().split("\n").at(-1) as string) as Seen;
    expect(seen).toMatchObject({ drawn: true, neurons: 37, trained: true });
    expect(seen.where).toBe("Training runs in a Web Worker; this page only draws.");
    expect(seen.overflow).toBeLessThanOrEqual(0);
    expect(seen.errors).toEqual([]);
  }, 120_000);
});
