/**
 * The experiment and its training for the whole app: it lives above the pages, so leaving
 * the playground for the graph explorer or a lesson and coming back finds the run where it
 * was, and the explorer's "current network" can start from the trained weights.
 */
import {
  createContext,
  type ReactElement,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
} from "react";
import { type Experiment, fromQuery, type LinkProblem, normalize, toQuery } from "../engine/experiment.js";
import type { Snapshot } from "../engine/trainer.js";
import { type Training, useTraining } from "./useTraining.js";

function readUrl(): { experiment: Experiment; problems: LinkProblem[] } {
  return fromQuery(typeof window === "undefined" ? "" : window.location.search);
}

function writeUrl(e: Experiment): void {
  const query = toQuery(e);
  const params = new URLSearchParams(window.location.search);
  // Keys of other pages (the explorer's expression) stay in the link.
  const kept = [...params].filter(([k]) => k === "expr" || k === "page");
  const other = new URLSearchParams(kept).toString();
  const all = [query, other].filter((q) => q !== "").join("&");
  window.history.replaceState(null, "", `${window.location.pathname}${all ? `?${all}` : ""}${window.location.hash}`);
}

export interface ExperimentState {
  experiment: Experiment;
  problems: LinkProblem[];
  change: (next: Experiment) => void;
  training: Training;
  /** The newest snapshot, read without re-rendering on every frame. */
  latest: () => Snapshot | null;
}

const Context = createContext<ExperimentState | null>(null);

export function TrainingProvider({ children, worker }: { children: ReactNode; worker?: boolean }): ReactElement {
  const [{ experiment, problems }, setState] = useState(readUrl);
  const training = useTraining(experiment, worker === undefined ? {} : { worker });
  const latestRef = useRef<Snapshot | null>(null);
  latestRef.current = training.snapshot;
  const change = useCallback((next: Experiment) => {
    const e = normalize(next);
    setState({ experiment: e, problems: [] });
    writeUrl(e);
  }, []);
  useEffect(() => {
    // A click on a page link (#/graph) fires popstate too: only a different experiment reloads.
    const onPop = () => {
      const next = readUrl();
      setState((old) => (toQuery(old.experiment) === toQuery(next.experiment) ? old : next));
    };
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
  const latest = useCallback(() => latestRef.current, []);
  return <Context.Provider value={{ experiment, problems, change, training, latest }}>{children}</Context.Provider>;
}

/** The app's experiment and training; null outside a {@link TrainingProvider} (a page tested alone). */
export function useExperiment(): ExperimentState | null {
  return useContext(Context);
}
