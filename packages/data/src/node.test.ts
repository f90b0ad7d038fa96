import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { FormatError, ValueError } from "@sinapse/tensor";
import { describe, expect, it } from "vitest";
import { FASHION_MNIST_DIR, fashionMnist, loadIdx } from "./node.js";

const dir = process.env.FASHION_MNIST_DIR ?? FASHION_MNIST_DIR;
const haveFashionMnist =
  existsSync(join(dir, "train-images-idx3-ubyte.gz")) || existsSync(join(dir, "train-images-idx3-ubyte"));
if (!haveFashionMnist) {
  console.info(`skipping the Fashion-MNIST test: no files in ${dir} (apt-get install dataset-fashion-mnist)`);
}

const labelsIdx = (labels: number[]) => new Uint8Array([0, 0, 8, 1, 0, 0, 0, labels.length, ...labels]);

describe("loadIdx", () => {
  it("reads raw and gzipped files from disk", async () => {
    const tmp = mkdtempSync(join(tmpdir(), "sinapse-idx-"));
    writeFileSync(join(tmp, "labels"), labelsIdx([3, 1, 4]));
    writeFileSync(join(tmp, "labels.gz"), gzipSync(labelsIdx([1, 5])));
    expect((await loadIdx(join(tmp, "labels"))).toArray()).toEqual([3, 1, 4]);
    expect((await loadIdx(join(tmp, "labels.gz"))).toArray()).toEqual([1, 5]);
  });

  it("names the file in a FormatError for damaged content", async () => {
    const tmp = mkdtempSync(join(tmpdir(), "sinapse-idx-"));
    const file = join(tmp, "bad");
    writeFileSync(file, new Uint8Array([1, 2, 3, 4, 5]));
    await expect(loadIdx(file)).rejects.toThrow(FormatError);
    await expect(loadIdx(file)).rejects.toThrow(
      `loadIdx: ${file}: not an IDX file: the magic must start with 00 00, got 01 02 03 04`,
    );
  });
});

describe("fashionMnist", () => {
  it("says how to install the data when the directory is absent", async () => {
    const missing = join(tmpdir(), "no-such-fashion-mnist");
    await expect(fashionMnist(missing)).rejects.toThrow(ValueError);
    await expect(fashionMnist(missing)).rejects.toThrow(
      /train-images-idx3-ubyte\.gz not found .*apt-get install dataset-fashion-mnist/,
    );
  });

  it.skipIf(!haveFashionMnist)(
    `loads 60000 / 10000 images of 28×28 with labels 0–9 from ${dir}`,
    async () => {
      const { train, test } = await fashionMnist(dir);
      expect(train.X.shape).toEqual([60000, 28, 28]);
      expect(train.X.dtype).toBe("float32");
      expect(train.y.shape).toEqual([60000]);
      expect(train.y.dtype).toBe("int32");
      expect(test.X.shape).toEqual([10000, 28, 28]);
      expect(test.y.shape).toEqual([10000]);
      const labels = train.y.dataSync();
      const counts = new Array(10).fill(0);
      for (const v of labels) counts[v] += 1;
      expect(counts).toEqual(new Array(10).fill(6000));
      const pixels = test.X.dataSync();
      expect(Math.min(...pixels.subarray(0, 784))).toBe(0);
      expect(Math.max(...pixels.subarray(0, 784))).toBeLessThanOrEqual(255);
    },
    60_000,
  );
});
