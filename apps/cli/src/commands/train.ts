/**
 * `sinapse train <dataset>`: flags → a `TrainConfig`, then the run in a worker thread
 * while this thread draws the progress (bar, log lines or JSON) and turns the first
 * Ctrl-C into "stop after this batch, save, exit 130".
 */
import { statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { MAX_NOISE, MAX_POINTS } from "@sinapse/data";
import { writeFileAtomic } from "@sinapse/layers";
import { type Command, Option } from "commander";
import { checkDataset, datasetHelp, MAX_CLASSES, TASKS, type Task } from "../datasets.js";
import { CliError, EXIT, UsageError } from "../errors.js";
import {
  ACTIVATION_NAMES,
  type ActivationName,
  type InitName,
  OPTIMIZER_NAMES,
  type OptimizerName,
  type OptimizerSettings,
} from "../model-spec.js";
import { boundedNumber, choice, fraction, nonNegative, positiveInt, seed, sizeList } from "../options.js";
import type { Io } from "../program.js";
import type { ReportMode } from "../progress.js";
import type { TrainConfig } from "../training.js";
import { trainInWorker } from "../training-thread.js";

interface TrainFlags {
  hidden?: number[];
  activation?: ActivationName;
  task?: Task;
  init?: InitName;
  optimizer?: OptimizerName;
  lr?: number;
  decay?: number;
  momentum?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  rho?: number;
  l1?: number;
  l2?: number;
  dropout?: number;
  epochs?: number;
  batchSize?: number;
  shuffle?: boolean;
  seed: number;
  validationSplit?: number;
  standardize?: boolean;
  samples?: number;
  classes?: number;
  noise?: number;
  dataDir?: string;
  save?: string;
  log?: boolean;
  json?: boolean;
  printEvery: number;
}

interface Preset {
  hidden: number[];
  init: InitName;
  optimizer: OptimizerSettings;
  epochs: number;
  batchSize?: number;
}

/** The book's chapter 11 model: 64 ReLU units, Adam (lr 0.05, decay 5e-7), 10,000 full-batch epochs. */
const CHAPTER_11: Preset = {
  hidden: [64],
  init: "nnfs",
  optimizer: { name: "adam", learningRate: 0.05, decay: 5e-7 },
  epochs: 10_000,
};

/** Where the book trains a dataset with other settings, they are that dataset's defaults. */
const PRESETS: Record<string, Preset> = {
  // Chapter 17: 64-64 ReLU, weights 0.1·randn, Adam (lr 0.005, decay 1e-3).
  sine: { hidden: [64, 64], init: 0.1, optimizer: { name: "adam", learningRate: 0.005, decay: 1e-3 }, epochs: 10_000 },
  // Chapter 19: 128-128 ReLU, Adam (lr 0.001, decay 1e-3), 10 epochs of batches of 128.
  "fashion-mnist": {
    hidden: [128, 128],
    init: "nnfs",
    optimizer: { name: "adam", learningRate: 0.001, decay: 1e-3 },
    epochs: 10,
    batchSize: 128,
  },
};

/** Which optimizers take which hyper-parameter flags. */
const HYPER: Record<"momentum" | "beta1" | "beta2" | "epsilon" | "rho", readonly OptimizerName[]> = {
  momentum: ["sgd"],
  beta1: ["adam"],
  beta2: ["adam"],
  epsilon: ["adam", "adagrad", "rmsprop"],
  rho: ["rmsprop"],
};

function initParser(raw: string): InitName {
  if (raw === "nnfs" || raw === "he" || raw === "glorot") return raw;
  const scale = Number(raw);
  if (raw.trim() !== "" && Number.isFinite(scale) && scale > 0) return scale;
  throw new UsageError(`--init must be nnfs, he, glorot or a scale > 0 for scale·randn, got ${JSON.stringify(raw)}`);
}

/** Flags over the dataset's preset; another optimizer starts from its own book defaults. */
export function trainConfig(dataset: string, flags: TrainFlags): TrainConfig {
  const preset = (Object.hasOwn(PRESETS, dataset) ? PRESETS[dataset] : undefined) ?? CHAPTER_11;
  const name = flags.optimizer ?? preset.optimizer.name;
  const base: OptimizerSettings = name === preset.optimizer.name ? preset.optimizer : { name };
  for (const [flag, takers] of Object.entries(HYPER)) {
    if (flags[flag as keyof typeof HYPER] !== undefined && !takers.includes(name))
      throw new UsageError(`--${flag} applies to ${takers.join(", ")}, not to ${name}`);
  }
  const defined = <T extends object>(o: T) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  const optimizer: OptimizerSettings = {
    ...base,
    ...defined({
      learningRate: flags.lr,
      decay: flags.decay,
      momentum: flags.momentum,
      beta1: flags.beta1,
      beta2: flags.beta2,
      epsilon: flags.epsilon,
      rho: flags.rho,
    }),
    name,
  };
  if (flags.json && flags.log) throw new UsageError("--json and --log cannot be used together");
  return {
    dataset,
    datasetOptions: {
      samples: flags.samples,
      classes: flags.classes,
      noise: flags.noise,
      // Absolute, because the model file remembers it for evaluate.
      dataDir: flags.dataDir === undefined ? undefined : resolve(flags.dataDir),
    },
    task: flags.task,
    architecture: {
      hidden: flags.hidden ?? preset.hidden,
      activation: flags.activation ?? "relu",
      init: flags.init ?? preset.init,
      dropout: flags.dropout ?? 0,
      l1: flags.l1 ?? 0,
      l2: flags.l2 ?? 0,
    },
    optimizer,
    epochs: flags.epochs ?? preset.epochs,
    batchSize: flags.batchSize ?? preset.batchSize,
    shuffle: flags.shuffle ?? false,
    seed: flags.seed,
    validationSplit: flags.validationSplit,
    standardize: flags.standardize ?? false,
  };
}

/** Fails early, before any training, when `--save` could not be written. */
function checkSavePath(path: string): void {
  const folder = dirname(resolve(path));
  const stats = statSync(folder, { throwIfNoEntry: false });
  if (!stats) throw new CliError(`--save ${path}: the folder ${folder} does not exist`);
  if (!stats.isDirectory()) throw new CliError(`--save ${path}: ${folder} is not a folder`);
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw new CliError(`--save ${path}: is a directory`);
}

async function train(dataset: string, flags: TrainFlags, io: Io): Promise<void> {
  const config = trainConfig(dataset, flags);
  checkDataset(dataset, config.datasetOptions);
  if (flags.save) checkSavePath(flags.save);
  const mode: ReportMode = flags.json ? "json" : flags.log || !io.interactive ? "log" : "bar";
  const outcome = await trainInWorker(config, mode, flags.printEvery, io);
  if (flags.save && outcome.bytes) await writeFileAtomic(flags.save, outcome.bytes, { op: "--save" });
  if (outcome.bytes === null) {
    io.err.write("sinapse: interrupted before training started; nothing saved\n");
    process.exitCode = EXIT.interrupted;
  } else if (outcome.stopped) {
    const saved = flags.save ? `; saved the model trained so far to ${flags.save}` : "; nothing saved (no --save)";
    io.err.write(
      `sinapse: interrupted: stopped after ${outcome.epochs} complete epoch${outcome.epochs === 1 ? "" : "s"}${saved}\n`,
    );
    process.exitCode = EXIT.interrupted;
  } else if (flags.save) io.err.write(`saved model to ${flags.save}\n`); // stdout holds only the log
}

export function registerTrain(program: Command, io: Io): void {
  program
    .command("train")
    .description("train a model on a dataset and optionally save it")
    .argument("<dataset>", "a dataset name (see below) or a CSV file")
    .option(
      "-H, --hidden <sizes>",
      "hidden layer sizes, comma-separated (default: 64; see below)",
      sizeList("--hidden"),
    )
    .option(
      "-a, --activation <name>",
      `hidden activation: ${ACTIVATION_NAMES.join(", ")} (default: relu)`,
      choice("--activation", ACTIVATION_NAMES),
    )
    .option(
      "--task <task>",
      `${TASKS.join(", ")} (default: classification for whole-number or word labels, else regression); binary uses a sigmoid output and binary cross-entropy`,
      choice("--task", TASKS),
    )
    .option(
      "--init <how>",
      "initial weights: nnfs (0.01·randn), he, glorot, or a scale s for s·randn (default: nnfs)",
      initParser,
    )
    .option(
      "-O, --optimizer <name>",
      `${OPTIMIZER_NAMES.join(", ")} (default: adam)`,
      choice("--optimizer", OPTIMIZER_NAMES),
    )
    .option(
      "--lr <rate>",
      "learning rate (default: 0.05 for the default adam; another optimizer starts from its book default)",
      nonNegative("--lr", { positive: true }),
    )
    .option(
      "--decay <rate>",
      "learning-rate decay, lr / (1 + decay·step) (default: 5e-7 for adam, else 0)",
      nonNegative("--decay"),
    )
    .option("--momentum <m>", "sgd momentum (default: 0)", fraction("--momentum"))
    .option("--beta1 <b>", "adam β1 (default: 0.9)", fraction("--beta1"))
    .option("--beta2 <b>", "adam β2 (default: 0.999)", fraction("--beta2"))
    .option("--epsilon <e>", "adam, adagrad, rmsprop ε (default: 1e-7)", nonNegative("--epsilon", { positive: true }))
    .option("--rho <r>", "rmsprop cache decay ρ (default: 0.9)", fraction("--rho"))
    .option("--l1 <lambda>", "L1 penalty on the hidden layers' weights and biases (default: 0)", nonNegative("--l1"))
    .option("--l2 <lambda>", "L2 penalty on the hidden layers' weights and biases (default: 0)", nonNegative("--l2"))
    .option("--dropout <rate>", "fraction dropped after each hidden activation (default: 0)", fraction("--dropout"))
    .option("-e, --epochs <n>", "passes over the data (default: 10000; see below)", positiveInt("--epochs"))
    .option("-b, --batch-size <n>", "samples per step (default: all at once)", positiveInt("--batch-size"))
    .option("--shuffle", "reshuffle the samples every epoch")
    .option("--seed <n>", "random seed for data, weights and dropout", seed("--seed"), 0)
    .option(
      "--validation-split <fraction>",
      "hold out this fraction of the samples and report on it every epoch",
      fraction("--validation-split", { open: true }),
    )
    .option("--standardize", "scale each feature to mean 0, std 1 (stored in the model for evaluate and predict)")
    .option(
      "--samples <n>",
      "samples to draw (per class for spiral and vertical; a subset for fashion-mnist)",
      positiveInt("--samples", MAX_POINTS),
    )
    .option("--classes <n>", "classes of spiral and vertical (default: 3)", positiveInt("--classes", MAX_CLASSES))
    .option("--noise <amount>", "noise of the Playground sets (default: 0)", boundedNumber("--noise", MAX_NOISE))
    .option("--data-dir <folder>", "where the Fashion-MNIST IDX files are (default: /usr/share/datasets/fashion-mnist)")
    .option("-s, --save <file>", "write the trained model here (atomically), e.g. model.safetensors")
    .addOption(new Option("--log", "plain log lines even on a terminal"))
    .addOption(new Option("--json", "one JSON object per epoch on stdout, for scripts"))
    .option(
      "--print-every <n>",
      "log every n epochs (full batch) or steps (batches)",
      positiveInt("--print-every"),
      100,
    )
    .addHelpText(
      "after",
      `
Datasets:
${datasetHelp()}

Defaults reproduce the book's chapter 11 model: 64 ReLU units, softmax output, Adam
(lr 0.05, decay 5e-7), 10000 full-batch epochs, seed 0. Two datasets start from the
book's own settings for them: sine (chapter 17: --hidden 64,64 --init 0.1, Adam lr 0.005,
decay 1e-3) and fashion-mnist (chapter 19: --hidden 128,128, Adam lr 0.001, decay 1e-3,
--epochs 10 --batch-size 128); flags override any of them.

Output: a progress bar on a terminal, the book's log lines otherwise or with --log, one
JSON object per epoch with --json. Ctrl-C stops after the current batch, saves with
--save, and exits 130; a second Ctrl-C quits at once without saving.

Examples:
  $ sinapse train spiral --save spiral.safetensors
  $ sinapse train spiral --hidden 64,64 --dropout 0.1 --l2 5e-4 --epochs 2000 --log
  $ sinapse train circle --task binary --noise 0.1 --validation-split 0.2
  $ sinapse train sine --json > history.jsonl
  $ sinapse train fashion-mnist --epochs 2 --save fashion.safetensors
  $ sinapse train data.csv --standardize --batch-size 32 --save data.safetensors`,
    )
    .action((dataset: string, flags: TrainFlags) => train(dataset, flags, io));
}
