/** Errors specific to differentiation. */
import { SinapseError } from "@sinapse/tensor";

/** `detectAnomaly`: an op's forward or backward produced NaN or Infinity from finite inputs. */
export class AnomalyError extends SinapseError {}
