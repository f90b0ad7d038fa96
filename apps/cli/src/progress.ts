/**
 * How training reports itself: a live progress bar on a terminal (cli-progress, on stderr),
 * the book's log lines otherwise (`epoch: 100, acc: 0.553, loss: 0.936, lr: 0.0499…`), or
 * one JSON object per epoch for scripts. Log lines number as the book prints them: with one
 * batch per epoch, iterations from 0 (every `printEvery`, and the last), each with the loss of
 * its forward pass and the learning rate before its update (the book's chapters 11-17);
 * with batches, epochs from 1 with a step line every `printEvery` steps (the book's `Model`).
 */
import type { BatchInfo, EpochInfo } from "@sinapse/layers";
import { Presets, SingleBar } from "cli-progress";

export type ReportMode = "bar" | "log" | "json";

export interface Plan {
  epochs: number;
  /** Batches per epoch. */
  steps: number;
  /** Show `(data_loss: …, reg_loss: …)` as the book does once regularization is on. */
  regularized: boolean;
}

export interface Reporter {
  start(plan: Plan): void;
  batch(info: BatchInfo): void;
  epoch(info: EpochInfo): void;
  /** Ends the bar (if any) and prints the last epoch when the bar hid the log. */
  finish(last: EpochInfo | null): void;
}

export interface Streams {
  out: (text: string) => void;
  err: NodeJS.WritableStream;
}

const fmt3 = (v: number) => v.toFixed(3);

/**
 * The book's epoch line, with validation when there is some; `label` and `rate` replace the
 * epoch number and the learning rate (the book's full-batch numbering, see the header).
 */
export function epochLine(
  info: EpochInfo,
  regularized: boolean,
  label: number = info.epoch,
  rate: number = info.learningRate,
): string {
  const loss = regularized
    ? `${fmt3(info.loss)} (data_loss: ${fmt3(info.dataLoss)}, reg_loss: ${fmt3(info.regularizationLoss)})`
    : fmt3(info.loss);
  const validation =
    info.validationLoss !== undefined
      ? `, validation acc: ${fmt3(info.validationAccuracy as number)}, loss: ${fmt3(info.validationLoss)}`
      : "";
  return `epoch: ${label}, acc: ${fmt3(info.accuracy)}, loss: ${loss}, lr: ${rate}${validation}`;
}

/** The book's step line inside a batched epoch. */
export function stepLine(info: BatchInfo): string {
  return `step: ${info.step}, acc: ${fmt3(info.accuracy)}, loss: ${fmt3(info.loss)}, lr: ${info.learningRate}`;
}

class LogReporter implements Reporter {
  private plan: Plan = { epochs: 1, steps: 1, regularized: false };
  constructor(
    private readonly streams: Streams,
    private readonly printEvery: number,
  ) {}
  start(plan: Plan): void {
    this.plan = plan;
  }
  batch(info: BatchInfo): void {
    if (this.plan.steps > 1 && (info.step % this.printEvery === 0 || info.step === this.plan.steps - 1))
      this.streams.out(`${stepLine(info)}\n`);
  }
  /** The rate after the previous epoch: the one the book prints on this iteration's line. */
  private previousRate: number | null = null;
  epoch(info: EpochInfo): void {
    const { steps, epochs, regularized } = this.plan;
    const rate = this.previousRate ?? info.learningRate;
    this.previousRate = info.learningRate;
    if (steps > 1) this.streams.out(`${epochLine(info, regularized)}\n`);
    else if ((info.epoch - 1) % this.printEvery === 0 || info.epoch === epochs)
      this.streams.out(`${epochLine(info, regularized, info.epoch - 1, rate)}\n`);
  }
  finish(): void {}
}

class JsonReporter implements Reporter {
  constructor(private readonly streams: Streams) {}
  start(): void {}
  batch(): void {}
  epoch(info: EpochInfo): void {
    this.streams.out(`${JSON.stringify(info)}\n`);
  }
  finish(): void {}
}

class BarReporter implements Reporter {
  private readonly bar: SingleBar;
  private plan: Plan = { epochs: 1, steps: 1, regularized: false };
  private started = 0;

  constructor(private readonly streams: Streams) {
    this.bar = new SingleBar(
      {
        stream: streams.err,
        format:
          "epoch {epoch}/{epochs} {bar} batch {batch}/{steps} | loss {loss} | acc {acc} | {rate} | ETA {eta_formatted}",
        barsize: 24,
        hideCursor: true,
        gracefulExit: false,
        etaBuffer: 50,
        linewrap: false,
      },
      Presets.shades_classic,
    );
  }

  start(plan: Plan): void {
    this.plan = plan;
    this.started = performance.now();
    this.bar.start(plan.epochs * plan.steps, 0, this.payload(1, 0, Number.NaN, Number.NaN));
  }

  private payload(epoch: number, batch: number, loss: number, acc: number): object {
    const done = (epoch - 1) * this.plan.steps + batch;
    const seconds = (performance.now() - this.started) / 1000;
    const perSecond = seconds > 0 ? done / seconds : 0;
    const rate =
      this.plan.steps === 1
        ? `${perSecond.toFixed(0)} epochs/s`
        : `${perSecond.toFixed(perSecond < 10 ? 1 : 0)} batches/s`;
    const show = (v: number) => (Number.isNaN(v) ? "-" : fmt3(v));
    return { epoch, epochs: this.plan.epochs, batch, steps: this.plan.steps, loss: show(loss), acc: show(acc), rate };
  }

  batch(info: BatchInfo): void {
    this.bar.update(
      (info.epoch - 1) * this.plan.steps + info.step + 1,
      this.payload(info.epoch, info.step + 1, info.loss, info.accuracy),
    );
  }

  epoch(info: EpochInfo): void {
    this.bar.update(info.epoch * this.plan.steps, this.payload(info.epoch, this.plan.steps, info.loss, info.accuracy));
  }

  finish(last: EpochInfo | null): void {
    this.bar.stop();
    if (last) this.streams.out(`${epochLine(last, this.plan.regularized)}\n`);
  }
}

export function createReporter(mode: ReportMode, streams: Streams, printEvery: number): Reporter {
  switch (mode) {
    case "bar":
      return new BarReporter(streams);
    case "log":
      return new LogReporter(streams, printEvery);
    case "json":
      return new JsonReporter(streams);
  }
}
