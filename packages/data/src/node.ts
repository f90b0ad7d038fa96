/**
 * File loaders for Node: `loadIdx(path)` and `fashionMnist(dir)`. They reach the file system
 * through `process.getBuiltinModule` (Node ≥ 20.16), so this package has no static import
 * of a Node module and still bundles for the browser, where these two throw ValueError.
 */
import type * as FsPromises from "node:fs/promises";
import type * as Path from "node:path";
import { FormatError, type NDArray, ValueError } from "@sinapse/tensor";
import type { Dataset } from "./dataset.js";
import { type IdxOptions, readIdx } from "./idx.js";

/** Where Debian's `dataset-fashion-mnist` package installs the files. */
export const FASHION_MNIST_DIR = "/usr/share/datasets/fashion-mnist";

/** The four files of Fashion-MNIST (and MNIST), as Debian and the original site name them. */
export const FASHION_MNIST_FILES = {
  trainImages: "train-images-idx3-ubyte.gz",
  trainLabels: "train-labels-idx1-ubyte.gz",
  testImages: "t10k-images-idx3-ubyte.gz",
  testLabels: "t10k-labels-idx1-ubyte.gz",
} as const;

interface NodeModules {
  fs: typeof FsPromises;
  path: typeof Path;
}

function nodeModules(op: string): NodeModules {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  if (typeof proc?.getBuiltinModule !== "function") {
    throw new ValueError(op, "needs Node ≥ 20.16 (process.getBuiltinModule) to read files, got another runtime");
  }
  return {
    fs: proc.getBuiltinModule("node:fs/promises") as typeof FsPromises,
    path: proc.getBuiltinModule("node:path") as typeof Path,
  };
}

/**
 * Reads an IDX file, raw or gzip-compressed, in Node.
 *
 * @example const labels = await loadIdx("/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz"); // int32 [10000]
 * @throws FormatError for damaged content (see `readIdx`); the file system's error when
 *   the file cannot be read.
 */
export async function loadIdx(path: string, options: IdxOptions = {}): Promise<NDArray> {
  const { fs } = nodeModules("loadIdx");
  const buffer = await fs.readFile(path);
  const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  try {
    return await readIdx(bytes, options);
  } catch (error) {
    if (error instanceof FormatError) {
      throw new FormatError("loadIdx", `${path}: ${error.message.slice(error.op.length + 2)}`);
    }
    throw error;
  }
}

/** Fashion-MNIST's train and test sets. */
export interface FashionMnist {
  /** 60,000 images `[60000, 28, 28]` float32 (raw 0–255) and int32 labels `[60000]` in 0–9. */
  train: Dataset;
  /** 10,000 images `[10000, 28, 28]` float32 (raw 0–255) and int32 labels `[10000]`. */
  test: Dataset;
}

/**
 * Loads Fashion-MNIST from `dir` (Debian: `apt-get install dataset-fashion-mnist`), the
 * book's chapter 19 data. Images are float32 with the raw 0–255 values (scale them with
 * `scaleToRange(X, -1, 1, { from: [0, 255] })`), labels int32. Accepts the files gzipped
 * (`train-images-idx3-ubyte.gz`, …) or not (the same names without `.gz`).
 *
 * @example const { train, test } = await fashionMnist(); // train.X: [60000, 28, 28]
 * @throws ValueError naming the missing file and the Debian package when a file is absent;
 *   FormatError for damaged files or mismatched image and label counts.
 */
export async function fashionMnist(dir: string = FASHION_MNIST_DIR): Promise<FashionMnist> {
  const op = "fashionMnist";
  const { fs, path } = nodeModules(op);
  const locate = async (name: string): Promise<string> => {
    for (const candidate of [name, name.replace(/\.gz$/, "")]) {
      const full = path.join(dir, candidate);
      try {
        await fs.access(full);
        return full;
      } catch {
        // try the next name
      }
    }
    throw new ValueError(
      op,
      `Fashion-MNIST file ${name} not found in ${dir}; install it with \`apt-get install dataset-fashion-mnist\` (Debian/Ubuntu) or pass the directory holding the IDX files`,
    );
  };
  const files = FASHION_MNIST_FILES;
  const paths = {
    trainImages: await locate(files.trainImages),
    trainLabels: await locate(files.trainLabels),
    testImages: await locate(files.testImages),
    testLabels: await locate(files.testLabels),
  };
  const split = async (images: string, labels: string): Promise<Dataset> => {
    const X = (await loadIdx(images, { dtype: "float32" })) as NDArray<"float32">;
    const y = (await loadIdx(labels, { dtype: "int32" })) as NDArray<"int32">;
    if (X.ndim !== 3 || y.ndim !== 1 || X.shape[0] !== y.shape[0]) {
      throw new FormatError(
        op,
        `expected images [n, rows, cols] and labels [n], got [${X.shape.join(",")}] and [${y.shape.join(",")}]`,
      );
    }
    return { X, y };
  };
  return {
    train: await split(paths.trainImages, paths.trainLabels),
    test: await split(paths.testImages, paths.testLabels),
  };
}
