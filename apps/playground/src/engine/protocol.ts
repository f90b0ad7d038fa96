/** Messages between the page and the training worker. */
import type { Experiment } from "./experiment.js";
import type { CurvePoint, Snapshot } from "./trainer.js";

export type Command =
  | { type: "load"; experiment: Experiment }
  | { type: "play" }
  | { type: "pause" }
  | { type: "step" }
  | { type: "export" }
  /** Sets weight `w[layer][from][to]` (nnfs layout) of the current network, as a click on a link does. */
  | { type: "setWeight"; layer: number; from: number; to: number; value: number };

/** Where training stopped because the loss stopped being a finite number. */
export interface Divergence {
  epoch: number;
  batches: number;
  /** The loss that was not finite ("Infinity", "NaN"). */
  loss: string;
  /** The epoch of the pictures sent from then on: the network's last finite state. */
  shownEpoch: number;
}

/**
 * A snapshot as sent: the curve points that are new since the previous snapshot of the
 * same run (`curveStart` is the index of the first), not the whole curve every time.
 */
export interface SnapshotReport {
  type: "snapshot";
  /** Which `load` this snapshot belongs to (counts up from 1); a new run restarts the curve. */
  run: number;
  snapshot: Omit<Snapshot, "curve">;
  curveStart: number;
  curve: CurvePoint[];
  playing: boolean;
  batchesPerSecond: number;
  diverged: Divergence | null;
}

export type Report = SnapshotReport | { type: "model"; bytes: Uint8Array } | { type: "error"; message: string };
