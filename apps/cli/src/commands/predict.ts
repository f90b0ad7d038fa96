/**
 * `sinapse predict <model> <input>`: one prediction per input row — the class (its index,
 * or its name when the training labels were words) or the value(s) for regression — from
 * a CSV of features (header optional) or a JSON array of arrays; `-` reads stdin.
 */
import { readFileSync } from "node:fs";
import { writeFileAtomic } from "@sinapse/layers";
import { NDArray } from "@sinapse/tensor";
import type { Command } from "commander";
import { numericColumns, parseCsv } from "../csv.js";
import { CliError, UsageError } from "../errors.js";
import { type CliMetadata, readModelFile } from "../model-file.js";
import { positiveInt } from "../options.js";
import { applyPreprocess } from "../preprocess.js";
import type { Io } from "../program.js";

interface PredictFlags {
  json?: boolean;
  probabilities?: boolean;
  out?: string;
  batchSize?: number;
}

/** Rows of a JSON array of arrays of numbers, each `features` long. */
function rowsFromJson(text: string, file: string, features: number): Float32Array {
  let rows: unknown;
  try {
    rows = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(rows) || rows.length === 0)
    throw new CliError(`${file}: expected a non-empty JSON array of rows, each an array of ${features} numbers`);
  const out = new Float32Array(rows.length * features);
  rows.forEach((row: unknown, r) => {
    if (!Array.isArray(row) || row.length !== features) {
      const got = Array.isArray(row) ? `${row.length} value${row.length === 1 ? "" : "s"}` : `a ${typeof row}`;
      throw new CliError(`${file}: row ${r + 1} has ${got}, the model expects ${features} per row`);
    }
    row.forEach((v: unknown, c) => {
      if (typeof v !== "number" || !Number.isFinite(v))
        throw new CliError(`${file}: row ${r + 1}, value ${c + 1} is ${JSON.stringify(v)}, not a finite number`);
      out[r * features + c] = v;
    });
  });
  return out;
}

/** Rows of a CSV of features, each `features` wide. */
function rowsFromCsv(text: string, file: string, features: number): Float32Array {
  const table = parseCsv(text, file);
  const width = (table.rows[0] as string[]).length;
  if (width !== features) {
    const hint = width === features + 1 ? " (is the last column a label? predict takes features only)" : "";
    throw new CliError(`${file}: ${width} columns per row but the model expects ${features} features${hint}`);
  }
  return numericColumns(table, file, 0, width);
}

/** The text of an input: a file, or stdin for `-`. */
function readInput(input: string): { text: string; name: string } {
  if (input === "-") return { text: readFileSync(0, "utf8"), name: "stdin" };
  return { text: readFileSync(input, "utf8"), name: input };
}

const value = (v: number) => Number(v.toPrecision(7)); // float32 has about 7 significant digits

export interface Predictions {
  /** Class labels (index or name), or values: one number per row, or a list for several outputs. */
  predictions: (number | string | number[])[];
  /** Per class for classification; of class 1 for binary. */
  probabilities?: (number[] | number)[];
}

export function predictionsOf(
  meta: CliMetadata,
  outputs: NDArray,
  classes: NDArray,
  withProbabilities: boolean,
): Predictions {
  const n = outputs.shape[0] as number;
  const k = outputs.shape[1] as number;
  const out = outputs.dataSync() as Float32Array;
  const row = (r: number) => Array.from(out.subarray(r * k, (r + 1) * k), value);
  if (meta.task === "regression")
    return { predictions: Array.from({ length: n }, (_, r) => (k === 1 ? value(out[r] as number) : row(r))) };
  const indices = classes.dataSync() as Int32Array;
  const label = (i: number) => meta.classNames?.[i] ?? i;
  const result: Predictions = { predictions: Array.from(indices, label) };
  if (withProbabilities)
    result.probabilities = Array.from({ length: n }, (_, r) =>
      meta.task === "binary" ? value(out[r] as number) : row(r),
    );
  return result;
}

export function asText(p: Predictions): string {
  return p.predictions
    .map((prediction, r) => {
      const first = Array.isArray(prediction) ? prediction.join(",") : String(prediction);
      const probabilities = p.probabilities?.[r];
      if (probabilities === undefined) return `${first}\n`;
      const list = Array.isArray(probabilities) ? probabilities : [probabilities];
      return `${first},${list.map((v) => v.toFixed(4)).join(",")}\n`;
    })
    .join("");
}

async function predict(modelPath: string, input: string, flags: PredictFlags, io: Io): Promise<void> {
  const { model, meta } = readModelFile(modelPath);
  if (flags.probabilities && meta.task === "regression")
    throw new UsageError(`--probabilities applies to classification models; ${modelPath} is a regression model`);
  const { text, name } = readInput(input);
  const isJson = input.toLowerCase().endsWith(".json") || (input === "-" && text.trimStart().startsWith("["));
  const values = isJson ? rowsFromJson(text, name, meta.features) : rowsFromCsv(text, name, meta.features);
  const X = applyPreprocess(
    meta.preprocess,
    new NDArray(values, [values.length / meta.features, meta.features]) as NDArray<"float32">,
  );
  const outputs = model.predict(X, { batchSize: flags.batchSize });
  const result = predictionsOf(meta, outputs, model.predictions(outputs), flags.probabilities ?? false);
  const textOut = flags.json ? `${JSON.stringify(result)}\n` : asText(result);
  if (flags.out) await writeFileAtomic(flags.out, textOut, { op: "--out" });
  else io.out(textOut);
}

export function registerPredict(program: Command, io: Io): void {
  program
    .command("predict")
    .description("predict classes or values for new inputs with a saved model")
    .argument("<model>", "a model file written by `sinapse train --save`")
    .argument("<input>", "a CSV of features (header optional), a .json array of arrays, or - for stdin")
    .option("--probabilities", "add each class's probability (of class 1 for a binary model)")
    .option("--json", 'print one JSON object: {"predictions": [...], "probabilities": [...]}')
    .option("-o, --out <file>", "write the predictions to a file (atomically) instead of stdout")
    .option("-b, --batch-size <n>", "samples per forward pass (default: all)", positiveInt("--batch-size"))
    .addHelpText(
      "after",
      `
Prints one line per input row: the class index (or the class name when the training
labels were words), or the value for a regression model; with --probabilities the
class's line continues with the probabilities, comma-separated.

Examples:
  $ sinapse predict spiral.safetensors points.csv
  $ sinapse predict spiral.safetensors points.json --probabilities
  $ echo '[[0.1, -0.2]]' | sinapse predict spiral.safetensors - --json`,
    )
    .action((modelPath: string, input: string, flags: PredictFlags) => predict(modelPath, input, flags, io));
}
