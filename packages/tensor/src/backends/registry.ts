/**
 * Which backend runs the kernels: `setBackend(name)`, or the `SINAPSE_BACKEND`
 * environment variable at start-up. Only `js` exists in this release.
 */
import { ValueError } from "../errors.js";
import type { Backend, BackendName } from "./backend.js";
import { jsBackend } from "./js/index.js";

const backends: Record<BackendName, Backend> = { js: jsBackend };

function initial(): Backend {
  const requested = typeof process !== "undefined" ? process.env?.SINAPSE_BACKEND : undefined;
  if (requested && requested in backends) return backends[requested as BackendName];
  return jsBackend;
}

let active: Backend = initial();

/** The backend that runs kernels now. */
export function getBackend(): Backend {
  return active;
}

/** The names of the backends this build can run. */
export function availableBackends(): BackendName[] {
  return Object.keys(backends) as BackendName[];
}

/** Selects a backend by name, or throws `ValueError` listing the available ones. */
export function setBackend(name: BackendName): void {
  const next = backends[name];
  if (!next) {
    throw new ValueError(
      "setBackend",
      `unknown backend "${String(name)}", available: ${availableBackends().join(", ")}`,
    );
  }
  active = next;
}
