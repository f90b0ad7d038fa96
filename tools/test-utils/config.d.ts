import type { UserConfig } from "vitest/config";

export interface PackageConfigOptions {
  /** Test environment: `node` (default) or `jsdom` for React components. */
  environment?: "node" | "jsdom";
  /** Globs of test files, relative to the package; `src/**\/*.test.{ts,tsx}` by default. */
  include?: string[];
  /** Name of the JSON report under `.vitest/` that `pnpm test` adds up (`unit` by default). */
  report?: string;
  testTimeout?: number;
}

export function packageConfig(options?: PackageConfigOptions): UserConfig;
