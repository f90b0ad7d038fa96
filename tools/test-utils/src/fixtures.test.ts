import { describe, expect, it } from "vitest";
import { decodeNumber } from "./fixtures.js";

describe("decodeNumber", () => {
  it("reads numbers and the nan/inf strings the generators write", () => {
    expect(decodeNumber(1.5)).toBe(1.5);
    expect(decodeNumber("nan")).toBeNaN();
    expect(decodeNumber("inf")).toBe(Number.POSITIVE_INFINITY);
    expect(decodeNumber("-inf")).toBe(Number.NEGATIVE_INFINITY);
  });
  it("refuses anything else", () => {
    expect(() => decodeNumber("1e3x")).toThrow('fixture: unreadable number "1e3x"');
  });
});
