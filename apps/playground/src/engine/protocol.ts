/** Messages between the page and the training worker. */
import type { Experiment } from "./experiment.js";
import type { Snapshot } from "./trainer.js";

export type Command =
  | { type: "load"; experiment: Experiment }
  | { type: "play" }
  | { type: "pause" }
  | { type: "step" }
  | { type: "export" };

export type Report =
  | { type: "snapshot"; snapshot: Snapshot; playing: boolean; batchesPerSecond: number }
  | { type: "model"; bytes: Uint8Array }
  | { type: "error"; message: string };
