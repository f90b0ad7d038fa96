/** Registers `expect(x).toBeAllclose(y, { rtol, atol })` for every package's tests. */
import { expect } from "vitest";
import { type AllcloseOptions, allclose } from "./allclose.js";

expect.extend({
  toBeAllclose(received: unknown, expected: unknown, options?: AllcloseOptions) {
    const { pass, message } = allclose(received, expected, options);
    return { pass, message: () => message };
  },
});
