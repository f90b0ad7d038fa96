/** Debian's Chromium through playwright-core, with the flags that keep it quiet offline. */
import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { preview } from "vite";

const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`playground e2e: no Chromium at ${chromiumPath}; install it with \`apt-get install chromium\``);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** The app's folder, and where the browser tests save screenshots (ignored by git). */
export const appRoot = fileURLToPath(new URL("..", import.meta.url));
export const screenshots = `${appRoot}/screenshots`;

/** The built app (dist/) served by `vite preview` on a free port; build first. */
export async function serveBuiltApp(): Promise<{ url: string; close: () => Promise<void> }> {
  if (!existsSync(`${appRoot}/dist/index.html`)) {
    throw new Error("playground e2e: dist/ is missing, run `pnpm --filter @sinapse/playground build` first");
  }
  const server = await preview({
    root: appRoot,
    logLevel: "warn",
    preview: { host: "127.0.0.1", port: 0, strictPort: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error("playground e2e: the preview server reported no URL");
  mkdirSync(screenshots, { recursive: true });
  return { url, close: () => new Promise<void>((resolve) => server.httpServer.close(() => resolve())) };
}

/** The built app served and Chromium started; `close` stops both. */
export async function startChromiumOnBuiltApp(): Promise<{
  url: string;
  browser: Browser;
  close: () => Promise<void>;
}> {
  const app = await serveBuiltApp();
  const browser = await launchChromium();
  return {
    url: app.url,
    browser,
    close: async () => {
      await browser.close();
      await app.close();
    },
  };
}

/** Console errors and uncaught exceptions of `page`, as they happen. */
export function recordErrors(page: Page, into: string[] = []): string[] {
  page.on("console", (msg) => {
    if (msg.type() === "error") into.push(msg.text());
  });
  page.on("pageerror", (err) => into.push(err.message));
  return into;
}
