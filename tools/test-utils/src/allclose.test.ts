import { describe, expect, it } from "vitest";
import { allclose } from "./allclose.js";

describe("allclose", () => {
  it("accepts values within atol + rtol·|expected|", () => {
    expect(allclose([1, 2], [1 + 1e-9, 2 - 1e-6]).pass).toBe(true);
  });
  it("names the worst element when values differ", () => {
    const r = allclose(
      [
        [1, 2],
        [3, 4],
      ],
      [
        [1, 2],
        [3, 5],
      ],
    );
    expect(r.pass).toBe(false);
    expect(r.message).toContain("element 3");
    expect(r.message).toContain("expected 5");
  });
  it("reports different shapes", () => {
    expect(allclose([1, 2, 3], [[1, 2, 3]]).message).toContain("shapes differ");
  });
  it("treats NaN as equal to NaN but not to a number", () => {
    expect(allclose([Number.NaN], [Number.NaN]).pass).toBe(true);
    expect(allclose([Number.NaN], [1]).pass).toBe(false);
  });
  it("reads anything with toArray()", () => {
    expect(allclose({ toArray: () => [1, 2] }, [1, 2]).pass).toBe(true);
  });
  it("is used through the registered matcher", () => {
    expect([0.1 + 0.2]).toBeAllclose([0.3]);
    expect(() => expect([1]).toBeAllclose([2])).toThrow(/differs/);
  });
});
