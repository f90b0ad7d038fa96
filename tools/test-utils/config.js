// The vitest config every workspace package shares: the toBeAllclose matcher, and a JSON
// report under .vitest/ that `pnpm test` adds up into its closing "N passed, N failed".
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const setup = fileURLToPath(new URL("./src/setup.ts", import.meta.url));

/**
 * @param {{ environment?: "node" | "jsdom", include?: string[], report?: string, testTimeout?: number }} [options]
 */
export function packageConfig(options = {}) {
  return defineConfig({
    test: {
      environment: options.environment ?? "node",
      include: options.include ?? ["src/**/*.test.{ts,tsx}"],
      setupFiles: [setup],
      reporters: ["default", "json"],
      outputFile: { json: `.vitest/${options.report ?? "unit"}.json` },
      testTimeout: options.testTimeout ?? 20_000,
    },
  });
}
