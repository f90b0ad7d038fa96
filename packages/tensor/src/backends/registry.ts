/** Which backend runs the kernels. Only `js` exists in this release. */
import { ValueError } from "../errors.js";
import type { Backend, BackendName } from "./backend.js";
import { jsBackend } from "./js.js";

const backends: Record<BackendName, Backend> = { js: jsBackend };
let active: Backend = jsBackend;

/** The backend that runs kernels now. */
export function getBackend(): Backend {
  return active;
}

/** Selects a backend by name, or throws `ValueError` listing the available ones. */
export function setBackend(name: BackendName): void {
  const next = backends[name];
  if (!next) {
    throw new ValueError(
      "setBackend",
      `unknown backend "${String(name)}", available: ${Object.keys(backends).join(", ")}`,
    );
  }
  active = next;
}
