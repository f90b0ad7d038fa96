/**
 * `sinapse evaluate <model> <dataset>`: loss and accuracy of a saved model on a dataset,
 * drawn the way the model's training set was (same classes, samples and noise, another
 * seed) or read from a CSV, with the preprocessing stored in the model.
 */
import { MAX_NOISE, MAX_POINTS } from "@sinapse/data";
import { random } from "@sinapse/tensor";
import type { Command } from "commander";
import { type DatasetOptions, datasetHelp, loadDataset, MAX_CLASSES, outputsFor } from "../datasets.js";
import { CliError } from "../errors.js";
import { readModelFile } from "../model-file.js";
import { boundedNumber, positiveInt, seed } from "../options.js";
import { applyPreprocess } from "../preprocess.js";
import type { Io } from "../program.js";

interface EvaluateFlags extends DatasetOptions {
  seed: number;
  batchSize?: number;
  json?: boolean;
}

export interface Evaluation {
  dataset: string;
  samples: number;
  loss: number;
  accuracy: number;
}

async function evaluate(modelPath: string, dataset: string, flags: EvaluateFlags, io: Io): Promise<void> {
  const { model, meta } = readModelFile(modelPath);
  // A named set is drawn as for training (fashion-mnist: its whole test split).
  const trained = meta.dataset?.name === dataset ? meta.dataset : null;
  const options: DatasetOptions = {
    samples: flags.samples ?? (dataset === "fashion-mnist" ? undefined : trained?.samples),
    classes: flags.classes ?? trained?.classes,
    noise: flags.noise ?? trained?.noise,
    dataDir: flags.dataDir ?? trained?.dataDir,
  };
  random.seed(flags.seed);
  const data = await loadDataset(dataset, options, "test", meta.classNames);
  const features = data.X.shape[1] as number;
  if (features !== meta.features)
    throw new CliError(
      `${data.label} has ${features} feature${features === 1 ? "" : "s"} per sample but ${modelPath} expects ${meta.features}`,
    );
  if ((meta.classNames === null) !== (data.classNames === null)) {
    const named = (names: string[] | null) => (names ? `named (${names.join(", ")})` : "numbered");
    throw new CliError(
      `${data.label} has ${named(data.classNames)} classes but ${modelPath} was trained on ${named(meta.classNames)} classes`,
    );
  }
  outputsFor(data, meta.task); // the labels fit the task
  if (meta.task === "classification" && data.classes > meta.outputs)
    throw new CliError(`${data.label} has ${data.classes} classes but ${modelPath} knows ${meta.outputs}`);
  const y = model.targetsFor(data.y);
  const X = applyPreprocess(meta.preprocess, data.X);
  const { loss, accuracy } = model.evaluate(X, y, { batchSize: flags.batchSize });
  const result: Evaluation = { dataset: data.label, samples: X.shape[0] as number, loss, accuracy };
  io.out(
    flags.json
      ? `${JSON.stringify(result)}\n`
      : `${result.dataset}, acc: ${accuracy.toFixed(3)}, loss: ${loss.toFixed(3)} (${result.samples} samples)\n`,
  );
}

export function registerEvaluate(program: Command, io: Io): void {
  program
    .command("evaluate")
    .description("loss and accuracy of a saved model on a dataset")
    .argument("<model>", "a model file written by `sinapse train --save`")
    .argument("<dataset>", "a dataset name or a CSV file (features, then the label)")
    .option("--seed <n>", "seed for drawing the dataset (training draws with 0)", seed("--seed"), 1)
    .option("--samples <n>", "samples to draw (default: as in training)", positiveInt("--samples", MAX_POINTS))
    .option(
      "--classes <n>",
      "classes of spiral and vertical (default: as in training)",
      positiveInt("--classes", MAX_CLASSES),
    )
    .option(
      "--noise <amount>",
      "noise of the Playground sets (default: as in training)",
      boundedNumber("--noise", MAX_NOISE),
    )
    .option("--data-dir <folder>", "where the Fashion-MNIST IDX files are")
    .option("-b, --batch-size <n>", "samples per forward pass (default: all)", positiveInt("--batch-size"))
    .option("--json", "print one JSON object")
    .addHelpText(
      "after",
      `
Named datasets are drawn as the model's training set was (the same classes, samples and
noise) with another seed, 1 by default; fashion-mnist uses its test split. The model file
holds the preprocessing, so no training flag needs repeating.

Datasets:
${datasetHelp()}

Examples:
  $ sinapse evaluate spiral.safetensors spiral
  $ sinapse evaluate spiral.safetensors spiral --seed 7 --json
  $ sinapse evaluate data.safetensors test.csv`,
    )
    .action((modelPath: string, dataset: string, flags: EvaluateFlags) => evaluate(modelPath, dataset, flags, io));
}
