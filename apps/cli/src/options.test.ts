import { describe, expect, it } from "vitest";
import { boundedNumber, closest, editDistance, fraction, positiveInt, sizeList } from "./options.js";

describe("editDistance", () => {
  it.each([
    ["spiral", "spiral", 0],
    ["spirl", "spiral", 1],
    ["sprial", "spiral", 2],
    ["", "abc", 3],
    ["kitten", "sitting", 3],
  ])("%s → %s is %i", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe("closest", () => {
  const names = ["spiral", "vertical", "sine", "two-spiral", "fashion-mnist"];
  it("suggests near typos and nothing for unrelated words", () => {
    expect(closest("spirl", names)).toBe("spiral");
    expect(closest("Fashion_MNIST", names)).toBe("fashion-mnist");
    expect(closest("twospiral", names)).toBe("two-spiral");
    expect(closest("mnist", names)).toBeNull();
    expect(closest("banana", names)).toBeNull();
  });
});

describe("flag parsers", () => {
  it("accept what they promise", () => {
    expect(positiveInt("--epochs")("10")).toBe(10);
    expect(fraction("--dropout")("0")).toBe(0);
    expect(sizeList("--hidden")("64, 32")).toEqual([64, 32]);
  });

  it.each(["", "1e400", "0x", " ", "2.5", "-1"])("positiveInt rejects %j", (raw) => {
    expect(() => positiveInt("--epochs")(raw)).toThrow(
      `--epochs must be a positive integer, got ${JSON.stringify(raw)}`,
    );
  });

  it("range-check sizes, counts and noise up front", () => {
    expect(() => sizeList("--hidden")("1000000000")).toThrow(
      "--hidden: a layer may have at most 65536 units, got 1000000000",
    );
    expect(() => sizeList("--hidden")(Array(65).fill("2").join(","))).toThrow(
      "--hidden: at most 64 hidden layers, got 65",
    );
    expect(positiveInt("--samples", 100)("100")).toBe(100);
    expect(() => positiveInt("--samples", 100)("101")).toThrow('--samples must be an integer from 1 to 100, got "101"');
    expect(boundedNumber("--noise", 0.5)("0.5")).toBe(0.5);
    expect(() => boundedNumber("--noise", 0.5)("1e9")).toThrow('--noise must be a number from 0 to 0.5, got "1e9"');
    expect(() => boundedNumber("--noise", 0.5)("-0")).not.toThrow();
  });
});
