/** Types for the `toBeAllclose` matcher that `setup.ts` registers. */
import type { AllcloseOptions } from "./allclose.js";

declare module "@vitest/expect" {
  // biome-ignore lint/suspicious/noExplicitAny: must match the declaration in @vitest/expect
  interface Matchers<T = any> {
    /** NumPy's allclose: `|actual − expected| ≤ atol + rtol·|expected|` elementwise. */
    toBeAllclose(expected: unknown, options?: AllcloseOptions): T;
  }
}
