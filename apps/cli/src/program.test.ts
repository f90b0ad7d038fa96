/**
 * The command tree in-process (no child process): help texts, and the usage errors that
 * flag parsing and dataset checks raise before any work starts.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { random } from "@sinapse/tensor";
import type { CommanderError } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { trainConfig } from "./commands/train.js";
import { CliError, EXIT, UsageError } from "./errors.js";
import { modelFileBytes } from "./model-file.js";
import { createProgram } from "./program.js";
import { prepare } from "./training.js";

/** Parses `args` like `sinapse args…`; returns what was written and the error thrown, if any. */
async function parse(...args: string[]): Promise<{ out: string; err: string; error: unknown }> {
  let out = "";
  let err = "";
  const program = createProgram({
    out: (text) => {
      out += text;
    },
    err: {
      write: (text: string) => {
        err += text;
        return true;
      },
    } as unknown as NodeJS.WritableStream,
    interactive: false,
  });
  try {
    await program.parseAsync(["node", "sinapse", ...args]);
    return { out, err, error: null };
  } catch (error) {
    return { out, err, error };
  }
}

describe("help", () => {
  it.each(["train", "evaluate", "predict", "info", "bench"])(
    "%s --help shows its usage and examples",
    async (command) => {
      const { out, error } = await parse(command, "--help");
      expect((error as CommanderError).exitCode).toBe(0);
      expect(out).toContain(`Usage: sinapse ${command}`);
      expect(out).toMatch(/Examples?:\n {2}\$ sinapse /);
    },
  );

  it("train --help lists every dataset and the chapter 11 defaults", async () => {
    const { out } = await parse("train", "--help");
    for (const name of ["spiral", "vertical", "sine", "circle", "xor", "gaussian", "two-spiral", "fashion-mnist"])
      expect(out).toMatch(new RegExp(`^ {2}${name} `, "m"));
    expect(out).toContain("Adam\n(lr 0.05, decay 5e-7), 10000 full-batch epochs");
  });
});

describe("help defaults", () => {
  it("bench --help states the --size default once (regression: printed twice)", async () => {
    const { out } = await parse("bench", "--help");
    expect(out.match(/default/g)).toHaveLength(1);
    expect(out).toContain('(default: "quick")');
  });
});

describe("usage errors (exit 2) name the flag and the value", () => {
  const cases: [string[], string][] = [
    [["train", "spiral", "--epochs", "ten"], '--epochs must be a positive integer, got "ten"'],
    [["train", "spiral", "--epochs", "1.5"], '--epochs must be a positive integer, got "1.5"'],
    [["train", "spiral", "--batch-size", "0"], '--batch-size must be a positive integer, got "0"'],
    [["train", "spiral", "--lr", "-1"], '--lr must be a number > 0, got "-1"'],
    [["train", "spiral", "--dropout", "1"], '--dropout must be a number in [0, 1), got "1"'],
    [
      ["train", "spiral", "--validation-split", "0"],
      '--validation-split must be a number between 0 and 1 (both excluded), got "0"',
    ],
    [["train", "spiral", "--seed", "-3"], '--seed must be an integer from 0 to 4294967295, got "-3"'],
    [
      ["train", "spiral", "--hidden", "64,,8"],
      '--hidden must be a comma-separated list of positive integers like 64,64, got "64,,8"',
    ],
    [
      ["train", "spiral", "--activation", "rlu"],
      '--activation must be one of relu, sigmoid, tanh, leaky-relu, gelu, got "rlu" (Did you mean relu?)',
    ],
    [
      ["train", "spiral", "--optimizer", "adamw"],
      '--optimizer must be one of adam, sgd, adagrad, rmsprop, got "adamw" (Did you mean adam?)',
    ],
    [
      ["train", "spiral", "--init", "zeros"],
      '--init must be nnfs, he, glorot or a scale > 0 for scale·randn, got "zeros"',
    ],
    [["train", "spiral", "--optimizer", "sgd", "--beta1", "0.9"], "--beta1 applies to adam, not to sgd"],
    [["train", "spiral", "--json", "--log"], "--json and --log cannot be used together"],
    [["train", "circle", "--classes", "4"], "--classes does not apply to the circle dataset"],
    [["train", "vertcal"], 'unknown dataset "vertcal" (Did you mean vertical?)'],
    [["bench", "--size", "huge"], '--size must be one of tiny, quick, full, got "huge"'],
  ];

  it.each(cases)("%j", async (args, message) => {
    const { error } = await parse(...args);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toContain(message);
    expect((error as UsageError).exitCode).toBe(EXIT.usage);
  });

  it("prints commander's own errors as one `sinapse:` line", async () => {
    const { err, error } = await parse("evaluate", "model.safetensors");
    expect((error as CommanderError).exitCode).toBe(1); // cli.ts turns it into exit 2
    expect(err).toBe("sinapse: missing required argument 'dataset'\n");
  });
});

describe("evaluate and predict in-process", () => {
  const dir = mkdtempSync(join(tmpdir(), "sinapse-program-"));
  const at = (name: string) => join(dir, name);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    // An untrained chapter 11 model and one trained on word labels, saved as `train --save` does.
    for (const [name, dataset] of [
      ["spiral.safetensors", "spiral"],
      ["words.safetensors", at("words.csv")],
    ] as const) {
      writeFileSync(at("words.csv"), "a,b,animal\n1,2,cat\n2,1,dog\n");
      const session = await prepare(trainConfig(dataset, { seed: 0, printEvery: 100 }));
      writeFileSync(at(name), modelFileBytes(session.model, session.meta));
    }
    random.seed(0);
  });

  it("evaluate draws spiral as in training and prints the book's accuracy line", async () => {
    const { out, error } = await parse("evaluate", at("spiral.safetensors"), "spiral");
    expect(error).toBeNull();
    expect(out).toMatch(/^spiral, acc: 0\.\d{3}, loss: 1\.09\d \(300 samples\)\n$/);
  });

  it.each([
    [
      ["evaluate", "spiral.safetensors", "sine"],
      "sine has 1 feature per sample but {dir}/spiral.safetensors expects 2",
    ],
    [
      ["evaluate", "spiral.safetensors", "spiral", "--classes", "5"],
      "spiral has 5 classes but {dir}/spiral.safetensors knows 3",
    ],
    [
      ["evaluate", "words.safetensors", "spiral"],
      "spiral has numbered classes but {dir}/words.safetensors was trained on named (cat, dog) classes",
    ],
    [["evaluate", "missing.safetensors", "spiral"], "{dir}/missing.safetensors: no such model file"],
    [
      ["predict", "spiral.safetensors", "words.csv"],
      "{dir}/words.csv: 3 columns per row but the model expects 2 features (is the last column a label? predict takes features only)",
    ],
  ])("%j fails with CliError (exit 1)", async (args, message) => {
    const [command, model, ...rest] = args as [string, string, ...string[]];
    const input = rest[0]?.includes(".") ? [at(rest[0]), ...rest.slice(1)] : rest;
    const { error } = await parse(command, at(model), ...input);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toBe(message.replaceAll("{dir}", dir));
    expect((error as CliError).exitCode).toBe(EXIT.failure);
  });

  it("predict prints the class names of a model trained on words", async () => {
    writeFileSync(at("points.json"), "[[1, 2], [2, 1]]");
    const { out, error } = await parse("predict", at("words.safetensors"), at("points.json"));
    expect(error).toBeNull();
    expect(out).toMatch(/^(cat|dog)\n(cat|dog)\n$/);
  });
});
