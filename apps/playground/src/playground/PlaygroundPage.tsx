/**
 * The playground: edit an experiment, watch the network train in a worker, see the
 * diagram, the decision boundary (or regression surface) and the learning curves move.
 */
import {
  CannotDraw,
  DecisionBoundary,
  LineChart,
  NetworkDiagram,
  type NetworkDiagramLabels,
  type NeuronThumbnails,
  PixelCanvas,
  TrainingCurves,
  validateGrid,
  valuePixels,
} from "@sinapse/viz";
import { type MouseEvent, type ReactElement, useCallback, useEffect, useMemo, useState } from "react";
import type { PreparedData } from "../engine/data.js";
import { prepareData } from "../engine/data.js";
import { type Experiment, fromQuery, normalize, taskOf, toQuery } from "../engine/experiment.js";
import type { Snapshot } from "../engine/trainer.js";
import { useI18n } from "../i18n.js";
import { Controls } from "./Controls.js";
import { ExportPanel } from "./ExportPanel.js";
import { useTraining } from "./useTraining.js";

const PLANE = 320;
/** DecisionBoundary's plot margins (left, top, right, bottom), to turn clicks into coordinates. */
const MARGIN = { left: 36, top: 8, right: 8, bottom: 36 };

function readUrl(): { experiment: Experiment; problems: string[] } {
  return fromQuery(typeof window === "undefined" ? "" : window.location.search);
}

function writeUrl(e: Experiment): void {
  const query = toQuery(e);
  const url = `${window.location.pathname}${query ? `?${query}` : ""}${window.location.hash}`;
  window.history.replaceState(null, "", url);
}

function Surface(props: {
  snapshot: Snapshot;
  data: PreparedData;
  onAdd: (x: number, y: number) => void;
}): ReactElement {
  const { t } = useI18n();
  const { snapshot: s, data, onAdd } = props;
  const { extent } = data;
  // Training points filled, test points as rings (DecisionBoundary's `test` flag).
  const points = useMemo(() => {
    const out: { x: number; y: number; label: number; test?: boolean }[] = [];
    for (const [set, test] of [
      [data.train, false],
      [data.test, true],
    ] as const) {
      for (let i = 0; i < set.x.length; i++)
        out.push({ x: set.x[i] as number, y: set.y[i] as number, label: set.label[i] as number, test });
    }
    return out;
  }, [data]);
  const onClick = (ev: MouseEvent<HTMLDivElement>) => {
    const box = ev.currentTarget.getBoundingClientRect();
    const px = ev.clientX - box.left - MARGIN.left;
    const py = ev.clientY - box.top - MARGIN.top;
    const w = PLANE - MARGIN.left - MARGIN.right;
    const h = PLANE - MARGIN.top - MARGIN.bottom;
    if (px < 0 || py < 0 || px > w || py > h) return;
    onAdd(extent.x[0] + (px / w) * (extent.x[1] - extent.x[0]), extent.y[1] - (py / h) * (extent.y[1] - extent.y[0]));
  };

  if (data.task === "regression" && data.inputs === 1) {
    const order = Array.from(data.train.x.keys()).sort(
      (a, b) => (data.train.x[a] as number) - (data.train.x[b] as number),
    );
    const gx = Array.from(
      { length: s.grid },
      (_, c) => extent.x[0] + ((c + 0.5) / s.grid) * (extent.x[1] - extent.x[0]),
    );
    return (
      <LineChart
        title={t("pg.regressionSurface")}
        xLabel={t("pg.input")}
        series={[
          {
            name: t("pg.target"),
            x: order.map((i) => data.train.x[i] as number),
            values: order.map((i) => data.train.label[i] as number),
          },
          { name: t("pg.prediction"), x: gx, values: Array.from(s.surface) },
        ]}
        width={PLANE}
        height={PLANE}
      />
    );
  }
  if (data.task === "regression") {
    const grid = { cols: s.grid, rows: s.grid, values: s.surface };
    const reason = validateGrid(grid, t("pg.regressionSurface"));
    if (reason) return <CannotDraw reason={reason} label={t("pg.cannotDraw")} />;
    const pixels = valuePixels(grid);
    return (
      // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: adding points by clicking is a pointer-only extra; the data and seed stay editable from the keyboard controls
      <div className="plane" style={{ position: "relative", width: PLANE, height: PLANE }} onClick={onClick}>
        <PixelCanvas
          cols={s.grid}
          rows={s.grid}
          pixels={pixels}
          width={PLANE - MARGIN.left - MARGIN.right}
          height={PLANE - MARGIN.top - MARGIN.bottom}
          label={t("pg.regressionSurface")}
          style={{ position: "absolute", left: MARGIN.left, top: MARGIN.top }}
        />
      </div>
    );
  }
  const classes = s.sizes.at(-1) === 1 ? 1 : data.classes;
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: adding points by clicking is a pointer-only extra; the data and seed stay editable from the keyboard controls
    <div className="plane" onClick={onClick}>
      <DecisionBoundary
        grid={{ cols: s.grid, rows: s.grid, classes, values: s.surface }}
        xDomain={extent.x}
        yDomain={extent.y}
        points={points}
        labels={{
          title: t("pg.surface"),
          x: "x₁",
          y: "x₂",
          classes: Array.from({ length: data.classes }, (_, k) => t("pg.class", { index: k })),
          cannotDraw: t("pg.cannotDraw"),
        }}
        width={PLANE}
        height={PLANE}
      />
    </div>
  );
}

export function PlaygroundPage({ worker }: { worker?: boolean } = {}): ReactElement {
  const { t } = useI18n();
  const [{ experiment, problems }, setState] = useState(readUrl);
  const [pointLabel, setPointLabel] = useState(0);
  const [logScale, setLogScale] = useState(false);
  const training = useTraining(experiment, worker === undefined ? {} : { worker });
  const data = useMemo(() => prepareData(experiment), [experiment]);

  const change = useCallback((next: Experiment) => {
    const e = normalize(next);
    setState({ experiment: e, problems: [] });
    writeUrl(e);
  }, []);
  useEffect(() => {
    const onPop = () => setState(readUrl());
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);

  const s = training.snapshot;
  const labels = useMemo<Partial<NetworkDiagramLabels>>(
    () => ({
      input: t("pg.inputLayer"),
      hidden: t("pg.hiddenLayer"),
      output: t("pg.outputLayer"),
      counts: (c) => t("pg.counts", { weights: c.weights, biases: c.biases, parameters: c.parameters }),
      collapsed: (size) => t("pg.collapsed", { size }),
      neuron: t("pg.neuron"),
      bias: t("pg.bias"),
      gradient: t("pg.gradient"),
      mean: t("pg.mean"),
      cannotDraw: t("pg.cannotDraw"),
    }),
    [t],
  );
  const thumbnails: NeuronThumbnails | undefined = s?.thumbnails.map((layer) =>
    layer.map((values) => ({ cols: s.thumbnailGrid, rows: data.inputs === 1 ? 1 : s.thumbnailGrid, values })),
  );
  const history = s?.curve.map((c) => ({
    epoch: c.epoch,
    loss: c.trainLoss,
    accuracy: taskOf(experiment.dataset) === "classification" ? c.trainAccuracy : undefined,
    validationLoss: c.testLoss,
    validationAccuracy: taskOf(experiment.dataset) === "classification" ? c.testAccuracy : undefined,
  }));
  const last = s?.curve.at(-1);

  return (
    <div className="playground">
      <h2 className="visually-hidden">{t("pg.heading")}</h2>
      {problems.length > 0 && (
        <p role="status" className="notice">
          {t("pg.linkProblems", { problems: problems.join("; ") })}
        </p>
      )}
      <div className="toolbar" role="toolbar" aria-label={t("pg.training")}>
        {training.playing ? (
          <button type="button" onClick={training.pause} className="primary">
            {t("pg.pause")}
          </button>
        ) : (
          <button type="button" onClick={training.play} className="primary">
            {t("pg.play")}
          </button>
        )}
        <button type="button" onClick={training.step}>
          {t("pg.step")}
        </button>
        <button type="button" onClick={training.reset}>
          {t("pg.reset")}
        </button>
        <span data-role="epoch" className="epoch">
          {t("pg.epoch", { epoch: s?.epoch ?? 0 })}
        </span>
        <span className="rate">
          {t("pg.batches", { batches: s?.batches ?? 0, rate: Math.round(training.batchesPerSecond) })}
        </span>
        {last && (
          <span className="metrics" data-role="metrics">
            {t("pg.trainLoss")} {last.trainLoss.toFixed(3)} · {t("pg.testLoss")} {last.testLoss.toFixed(3)}
            {taskOf(experiment.dataset) === "classification" &&
              ` · ${t("pg.testAccuracy")} ${(last.testAccuracy * 100).toFixed(1)}%`}
          </span>
        )}
      </div>
      {training.error && (
        <p role="alert" className="error">
          {t("pg.error", { message: training.error })}
        </p>
      )}
      <div className="workspace">
        <Controls experiment={experiment} onChange={change} pointLabel={pointLabel} onPointLabel={setPointLabel} />
        <div className="views">
          <section aria-label={t("pg.network")} className="card diagram-card">
            {s && (
              <NetworkDiagram
                sizes={s.sizes}
                weights={s.weights}
                biases={s.biases}
                thumbnails={thumbnails}
                labels={labels}
                width={Math.min(720, 140 + s.sizes.length * 90)}
                height={Math.min(560, 80 + Math.max(...s.sizes) * 26)}
              />
            )}
          </section>
          <div className="row wrap">
            <section aria-label={t("pg.output")} className="card">
              {s && (
                <Surface
                  snapshot={s}
                  data={data}
                  onAdd={(x, y) =>
                    change({ ...experiment, points: [...experiment.points, { x, y, label: pointLabel }] })
                  }
                />
              )}
            </section>
            <section aria-label={t("pg.curves")} className="card">
              <label className="check">
                <input type="checkbox" checked={logScale} onChange={(ev) => setLogScale(ev.currentTarget.checked)} />
                {t("pg.logScale")}
              </label>
              {history && history.length > 0 && (
                <TrainingCurves
                  history={history}
                  logScale={logScale}
                  width={PLANE}
                  height={PLANE}
                  labels={{
                    loss: t("pg.lossAxis"),
                    accuracy: t("pg.accuracyAxis"),
                    train: t("pg.train"),
                    validation: t("pg.test"),
                    epoch: t("pg.epochAxis"),
                    cannotDraw: t("pg.cannotDraw"),
                  }}
                />
              )}
            </section>
          </div>
          <ExportPanel experiment={experiment} inWorker={training.inWorker} exportModel={training.exportModel} />
        </div>
      </div>
    </div>
  );
}
