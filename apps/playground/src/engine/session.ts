/**
 * The training loop behind the page, independent of where it runs: it trains in slices
 * of a few milliseconds, yields between slices so commands (pause, step, a new
 * experiment) are handled at once, and reports a snapshot at most ~30 times a second.
 * The worker wraps it; tests and browsers without module workers run it in-thread.
 */
import type { Command, Report } from "./protocol.js";
import { Trainer } from "./trainer.js";

const SLICE_MS = 12;
const FRAME_MS = 33;

export class Session {
  private trainer: Trainer | null = null;
  private playing = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastReport = 0;
  private window = { start: 0, batches: 0, rate: 0 };

  constructor(
    private readonly report: (r: Report) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  handle(command: Command): void {
    try {
      switch (command.type) {
        case "load":
          this.trainer = new Trainer(command.experiment);
          this.window = { start: this.now(), batches: 0, rate: 0 };
          this.send();
          break;
        case "play":
          if (!this.playing && this.trainer) {
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
          this.trainer?.step();
          this.send();
          break;
        case "export":
          if (this.trainer) this.report({ type: "model", bytes: this.trainer.model.toBytes() });
          break;
      }
    } catch (error) {
      this.fail(error);
    }
  }

  private schedule(): void {
    if (this.timer === null) this.timer = setTimeout(() => this.tick(), 0);
  }

  private tick(): void {
    this.timer = null;
    if (!this.playing || !this.trainer) return;
    try {
      this.window.batches += this.trainer.run(SLICE_MS, Infinity, this.now);
      const now = this.now();
      if (now - this.lastReport >= FRAME_MS) {
        const seconds = (now - this.window.start) / 1000;
        if (seconds > 0.5) this.window = { start: now, batches: 0, rate: this.window.batches / seconds };
        this.send();
      }
      this.schedule();
    } catch (error) {
      this.fail(error);
    }
  }

  private send(): void {
    if (!this.trainer) return;
    this.lastReport = this.now();
    this.report({
      type: "snapshot",
      snapshot: this.trainer.snapshot(),
      playing: this.playing,
      batchesPerSecond: this.window.rate,
    });
  }

  private fail(error: unknown): void {
    this.playing = false;
    this.report({ type: "error", message: error instanceof Error ? error.message : String(error) });
  }
}
