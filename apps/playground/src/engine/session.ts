/**
 * The training loop behind the page, independent of where it runs: it trains in slices
 * of a few milliseconds, yields between slices so commands (pause, step, a new
 * experiment) are handled at once, and reports a snapshot at most ~30 times a second.
 * Each snapshot carries only the curve points the page has not had yet. "One batch"
 * measures the loss at once (a point between epochs), so the page never waits for an
 * epoch's end to see what a step did. A loss that stops being finite pauses training
 * and is reported as a divergence, with the epoch and batch where it happened.
 * The worker wraps it; tests and browsers without module workers run it in-thread.
 */
import { ValueError } from "@sinapse/tensor";
import type { Command, Divergence, Report } from "./protocol.js";
import { type CurvePoint, type Snapshot, Trainer } from "./trainer.js";

const SLICE_MS = 12;
const FRAME_MS = 33;

export class Session {
  private trainer: Trainer | null = null;
  private playing = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastReport = 0;
  private window = { start: 0, batches: 0, rate: 0 };
  private run = 0;
  /** The curve as the page has it: the trainer's epoch points plus points measured after single steps. */
  private curve: CurvePoint[] = [];
  /** How many of the trainer's epoch points are in `curve`. */
  private epochPoints = 0;
  private sent = 0;
  private diverged: Divergence | null = null;
  /** The newest snapshot sent before a divergence: what the pictures show after one. */
  private lastGood: Omit<Snapshot, "curve"> | null = null;

  constructor(
    private readonly report: (r: Report) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  handle(command: Command): void {
    try {
      switch (command.type) {
        case "load":
          this.playing = false;
          this.trainer = null;
          this.run++;
          this.curve = [];
          this.epochPoints = 0;
          this.sent = 0;
          this.diverged = null;
          this.lastGood = null;
          this.trainer = new Trainer(command.experiment);
          this.window = { start: this.now(), batches: 0, rate: 0 };
          this.send();
          break;
        case "play":
          if (!this.playing && this.trainer && !this.diverged) {
            this.playing = true;
            this.window = { start: this.now(), batches: 0, rate: this.window.rate };
            this.schedule();
          }
          break;
        case "pause":
          this.playing = false;
          this.send();
          break;
        case "step":
          this.playing = false;
          if (this.trainer && !this.diverged) {
            this.guard(() => (this.trainer as Trainer).step());
            if (!this.diverged) this.measureNow();
          }
          this.send();
          break;
        case "setWeight":
          this.setWeight(command);
          break;
        case "export":
          if (this.trainer) this.report({ type: "model", bytes: this.trainer.model.toBytes() });
          break;
      }
    } catch (error) {
      this.fail(error);
    }
  }

  private setWeight(c: Extract<Command, { type: "setWeight" }>): void {
    const dense = this.trainer?.dense[c.layer];
    const [rows, cols] = dense?.weights.shape ?? [0, 0];
    if (!dense || !Number.isInteger(c.from) || !Number.isInteger(c.to) || c.from < 0 || c.to < 0) {
      throw new ValueError("setWeight", `no weight w[${c.layer}][${c.from}][${c.to}] in this network`);
    }
    if (c.from >= (rows as number) || c.to >= (cols as number)) {
      throw new ValueError("setWeight", `no weight w[${c.layer}][${c.from}][${c.to}], the layer is [${rows}, ${cols}]`);
    }
    if (!Number.isFinite(c.value)) throw new ValueError("setWeight", `a weight must be finite, got ${c.value}`);
    dense.weights.value.set([c.from, c.to], c.value);
    this.measureNow();
    this.send();
  }

  /**
   * Runs `train`, then looks for a divergence: weights or the newest loss that are no longer
   * finite (training steps do not read the loss back, so the check happens here, once per
   * slice). A divergence pauses and marks the run instead of failing.
   */
  private guard(train: () => void): void {
    const trainer = this.trainer as Trainer;
    let loss: string | undefined;
    try {
      train();
    } catch (error) {
      loss = error instanceof ValueError ? /the loss became (\S+?) at/.exec(error.message)?.[1] : undefined;
      if (loss === undefined) throw error;
    }
    loss ??= this.nonFiniteLoss(trainer);
    if (loss === undefined) return;
    this.playing = false;
    this.diverged = { epoch: trainer.epoch, batches: trainer.batches, loss, shownEpoch: this.lastGood?.epoch ?? 0 };
  }

  /** The loss as text when the network has diverged (a weight or the newest loss not finite), else undefined. */
  private nonFiniteLoss(trainer: Trainer): string | undefined {
    const last = trainer.curve.at(-1);
    if (last && !Number.isFinite(last.trainLoss)) return String(last.trainLoss);
    const finiteWeights = trainer.dense.every((d) => {
      const w = d.weights.value.dataSync();
      for (let i = 0; i < w.length; i++) if (!Number.isFinite(w[i] as number)) return false;
      return true;
    });
    if (finiteWeights) return undefined;
    const now = trainer.measure().trainLoss;
    return String(Number.isFinite(now) ? Number.NaN : now);
  }

  /** A curve point measured now, between epochs (its epoch is fractional). */
  private measureNow(): void {
    const trainer = this.trainer as Trainer;
    this.syncCurve();
    const n = trainer.data.trainX.shape[0] as number;
    const perEpoch = Math.max(1, Math.ceil(n / trainer.experiment.batchSize));
    const last = this.curve.at(-1);
    const point = trainer.measure();
    // Batches since the last epoch point, as a fraction of an epoch.
    const intoEpoch = (trainer.batches % perEpoch) / perEpoch;
    point.epoch = trainer.epoch + intoEpoch;
    if (last && point.epoch <= last.epoch) point.epoch = last.epoch + 1e-6;
    this.curve.push(point);
  }

  /** Appends the trainer's new epoch points. */
  private syncCurve(): void {
    const epochs = (this.trainer as Trainer).curve;
    while (this.epochPoints < epochs.length) this.curve.push(epochs[this.epochPoints++] as CurvePoint);
  }

  private schedule(): void {
    if (this.timer === null) this.timer = setTimeout(() => this.tick(), 0);
  }

  private tick(): void {
    this.timer = null;
    if (!this.playing || !this.trainer) return;
    try {
      const trainer = this.trainer;
      this.guard(() => {
        this.window.batches += trainer.run(SLICE_MS, Infinity, this.now);
      });
      const now = this.now();
      if (this.diverged || now - this.lastReport >= FRAME_MS) {
        const seconds = (now - this.window.start) / 1000;
        if (seconds > 0.5) this.window = { start: now, batches: 0, rate: this.window.batches / seconds };
        this.send();
      }
      if (this.playing) this.schedule();
    } catch (error) {
      this.fail(error);
    }
  }

  private send(): void {
    if (!this.trainer) return;
    this.lastReport = this.now();
    this.syncCurve();
    const { curve: _whole, ...now } = this.trainer.snapshot();
    // After a divergence the weights are no longer numbers: the pictures stay at the last
    // finite state, the counters move on.
    if (!this.diverged) this.lastGood = now;
    const snapshot =
      this.diverged && this.lastGood ? { ...this.lastGood, epoch: now.epoch, batches: now.batches } : now;
    const start = this.sent;
    this.sent = this.curve.length;
    this.report({
      type: "snapshot",
      run: this.run,
      snapshot,
      curveStart: start,
      curve: this.curve.slice(start),
      playing: this.playing,
      batchesPerSecond: this.window.rate,
      diverged: this.diverged,
    });
  }

  private fail(error: unknown): void {
    this.playing = false;
    this.report({ type: "error", message: error instanceof Error ? error.message : String(error) });
  }
}
