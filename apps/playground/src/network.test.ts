import { describe, expect, it } from "vitest";
import { buildNetwork, diagramData } from "./network.js";

describe("buildNetwork / diagramData", () => {
  it("turns a 2-4-3 Dense stack into diagram data with its real weights", () => {
    const data = diagramData(buildNetwork([2, 4, 3], 0));
    expect(data.sizes).toEqual([2, 4, 3]);
    expect(data.weights.map((w) => [w.length, w[0]?.length])).toEqual([
      [2, 4],
      [4, 3],
    ]);
    expect(data.biases).toEqual([
      [0, 0, 0, 0],
      [0, 0, 0],
    ]);
    // np.random.seed(0); 0.01 * np.random.randn(2, 4)[0, 0]
    expect(data.weights[0]?.[0]?.[0]).toBeCloseTo(0.01764052345967664, 8);
  });

  it("gives the same weights for the same seed and different ones for another", () => {
    const a = diagramData(buildNetwork([2, 4, 3], 0)).weights;
    expect(diagramData(buildNetwork([2, 4, 3], 0)).weights).toEqual(a);
    expect(diagramData(buildNetwork([2, 4, 3], 1)).weights).not.toEqual(a);
  });
});
