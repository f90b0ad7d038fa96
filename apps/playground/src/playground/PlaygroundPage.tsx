/**
 * The playground: one screen read left to right as TensorFlow Playground is — the data,
 * the input features, the network, the output with its learning curves — under a sticky
 * toolbar that trains, pauses and steps. Hovering a neuron shows its output over the
 * plane in the large output picture; clicking an input neuron switches its feature off;
 * clicking a link edits its weight. On a phone the output comes right under the toolbar.
 */
import {
  DecisionBoundary,
  LineChart,
  NetworkDiagram,
  type NetworkDiagramLabels,
  type NeuronRef,
  type NeuronThumbnails,
  TrainingCurves,
  type WeightRef,
} from "@sinapse/viz";
import { type ReactElement, type RefObject, useEffect, useMemo, useRef, useState } from "react";
import { type PreparedData, prepareData } from "../engine/data.js";
import { taskOf } from "../engine/experiment.js";
import type { CurvePoint, Snapshot } from "../engine/trainer.js";
import { useI18n } from "../i18n.js";
import {
  DataControls,
  FEATURE_LABEL,
  NetworkControls,
  RegularizationControls,
  TrainingControls,
  toggleFeature,
} from "./Controls.js";
import { ExportPanel } from "./ExportPanel.js";
import { FeaturePicker } from "./FeaturePicker.js";
import { problemMessage } from "./problems.js";
import { TrainingProvider, useExperiment } from "./TrainingContext.js";

const PLANE = 320;
/** The curves keep at most this many points on screen; longer runs are thinned evenly. */
const CURVE_POINTS = 400;

/** The width of an element, following resizes. */
function useWidth(ref: RefObject<HTMLElement | null>, fallback: number): number {
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/** A loss for the toolbar: three decimals, or powers of ten once it is huge. */
function lossText(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return Math.abs(v) >= 1e4 ? v.toExponential(2) : v.toFixed(3);
}

/** Every k-th point and the last, so a long run draws as fast as a short one. */
function thin(curve: readonly CurvePoint[]): readonly CurvePoint[] {
  if (curve.length <= CURVE_POINTS) return curve;
  const k = Math.ceil(curve.length / CURVE_POINTS);
  const out = curve.filter((_, i) => i % k === 0);
  if (out.at(-1) !== curve.at(-1)) out.push(curve.at(-1) as CurvePoint);
  return out;
}

const finite = (values: ArrayLike<number>) => {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i] as number)) return false;
  return true;
};

function Output(props: {
  snapshot: Snapshot;
  data: PreparedData;
  hovered: NeuronRef | null;
  showTest: boolean;
  discretize: boolean;
  onAdd: (x: number, y: number) => void;
}): ReactElement {
  const { t } = useI18n();
  const { snapshot: s, data, hovered, showTest, discretize, onAdd } = props;
  const { extent } = data;
  const regression = data.task === "regression";
  const points = useMemo(() => {
    const out: { x: number; y: number; label: number; test?: boolean }[] = [];
    for (const [set, test] of [
      [data.train, false],
      [data.test, true],
    ] as const) {
      if (test && !showTest) continue;
      for (let i = 0; i < set.x.length; i++)
        out.push({ x: set.x[i] as number, y: set.y[i] as number, label: set.label[i] as number, test });
    }
    return out;
  }, [data, showTest]);
  const last = s.sizes.length - 1;
  const neuron = hovered && hovered.layer < last ? hovered : null;
  const neuronValues = neuron ? s.thumbnails[neuron.layer]?.[neuron.index] : undefined;
  const neuronTitle = neuron
    ? t("pg.neuronOutput", {
        layer: neuron.layer === 0 ? t("pg.inputLayer") : t("pg.layer", { index: neuron.layer }),
        index: neuron.index,
      })
    : null;

  if (data.inputs === 1) {
    const order = Array.from(data.train.x.keys()).sort(
      (a, b) => (data.train.x[a] as number) - (data.train.x[b] as number),
    );
    const grid = neuronValues ? s.thumbnailGrid : s.grid;
    const values = neuronValues ?? s.surface;
    const gx = Array.from({ length: grid }, (_, c) => extent.x[0] + ((c + 0.5) / grid) * (extent.x[1] - extent.x[0]));
    if (!finite(values)) return <p className="hint">{t("pg.cannotDrawDiverged")}</p>;
    return (
      <LineChart
        title={neuronTitle ?? t("pg.regressionSurface")}
        xLabel="x₁"
        series={[
          ...(neuronValues
            ? []
            : [
                {
                  name: t("pg.target"),
                  x: order.map((i) => data.train.x[i] as number),
                  values: order.map((i) => data.train.label[i] as number),
                },
              ]),
          { name: neuronTitle ?? t("pg.prediction"), x: gx, values: Array.from(values) },
        ]}
        width={PLANE}
        height={PLANE - 20}
      />
    );
  }
  const classes = s.sizes.at(-1) === 1 ? 1 : data.classes;
  const grid = neuronValues
    ? { cols: s.thumbnailGrid, rows: s.thumbnailGrid, values: neuronValues }
    : { cols: s.grid, rows: s.grid, values: s.surface };
  if (!finite(grid.values)) return <p className="hint">{t("pg.cannotDrawDiverged")}</p>;
  const useValues = neuronValues !== undefined || regression;
  return (
    <DecisionBoundary
      grid={useValues ? undefined : { ...grid, classes }}
      values={useValues ? grid : undefined}
      discrete={discretize}
      xDomain={extent.x}
      yDomain={extent.y}
      points={points}
      pointsByClass={useValues && !regression}
      onPlaneClick={neuronValues ? undefined : onAdd}
      labels={{
        title: neuronTitle ?? t(regression ? "pg.regressionSurface" : "pg.surface"),
        x: "x₁",
        y: "x₂",
        classes: Array.from({ length: data.classes }, (_, k) => t("pg.class", { index: k })),
        cannotDraw: t("pg.cannotDraw"),
      }}
      width={PLANE}
      height={PLANE}
    />
  );
}

/** The editor a click on a link opens: the weight's value, to change by hand. */
function WeightEditor(props: { weight: WeightRef; onSet: (value: number) => void; onClose: () => void }): ReactElement {
  const { t } = useI18n();
  const { weight: w } = props;
  const [text, setText] = useState(w.value.toPrecision(4));
  const value = Number(text);
  const ok = text.trim() !== "" && Number.isFinite(value);
  return (
    <form
      className="weight-editor"
      data-role="weight-editor"
      onSubmit={(ev) => {
        ev.preventDefault();
        if (ok) props.onSet(value);
      }}
    >
      <label>
        {t("pg.editWeight", { layer: w.layer, from: w.from, to: w.to })}{" "}
        <input
          type="number"
          step="any"
          value={text}
          aria-invalid={!ok || undefined}
          onChange={(ev) => setText(ev.currentTarget.value)}
          // biome-ignore lint/a11y/noAutofocus: the editor opens on purpose, from a click on a link
          autoFocus
        />
      </label>
      <button type="submit" disabled={!ok}>
        {t("pg.setWeight")}
      </button>
      <button type="button" onClick={props.onClose}>
        {t("pg.close")}
      </button>
    </form>
  );
}

function Playground(): ReactElement {
  const { t } = useI18n();
  const app = useExperiment();
  if (!app) throw new Error("PlaygroundPage: no TrainingProvider above it");
  const { experiment, problems, change, training } = app;
  const [pointLabel, setPointLabel] = useState(0);
  const [logScale, setLogScale] = useState(false);
  const [showTest, setShowTest] = useState(true);
  const [discretize, setDiscretize] = useState(false);
  const [hovered, setHovered] = useState<NeuronRef | null>(null);
  const [editing, setEditing] = useState<WeightRef | null>(null);
  const data = useMemo(() => prepareData(experiment), [experiment]);
  const diagramBox = useRef<HTMLDivElement>(null);
  const diagramWidth = useWidth(diagramBox, 560);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new experiment is a new network, whose weights the editor no longer shows
  useEffect(() => setEditing(null), [experiment]);

  const s = training.snapshot;
  const classification = taskOf(experiment.dataset) === "classification";
  const labels = useMemo<Partial<NetworkDiagramLabels>>(
    () => ({
      input: t("pg.inputLayer"),
      hidden: t("pg.hiddenLayer"),
      output: t("pg.outputLayer"),
      column: (kind, layer) =>
        kind === "input"
          ? t("pg.inputLayer")
          : kind === "output"
            ? t("pg.outputLayer")
            : t("pg.layerShort", { index: layer }),
      counts: (c) => t("pg.counts", { weights: c.weights, biases: c.biases, parameters: c.parameters }),
      collapsed: (size) => t("pg.collapsed", { size }),
      neuron: t("pg.neuron"),
      bias: t("pg.bias"),
      gradient: t("pg.gradient"),
      mean: t("pg.mean"),
      cannotDraw: t("pg.cannotDraw"),
      hint: t("pg.diagramHint"),
    }),
    [t],
  );
  // A neuron whose output overflowed is drawn as a plain circle, not as a broken picture.
  const thumbnails: NeuronThumbnails | undefined = s?.thumbnails.map((layer) =>
    layer.map((values) =>
      finite(values) ? { cols: s.thumbnailGrid, rows: data.inputs === 1 ? 1 : s.thumbnailGrid, values } : null,
    ),
  );
  const curve = s?.curve;
  const history = useMemo(
    () =>
      curve &&
      // A diverged run's last points are not numbers; the curves end where they were.
      thin(curve.filter((c) => Number.isFinite(c.trainLoss) && Number.isFinite(c.testLoss))).map((c) => ({
        epoch: c.epoch,
        loss: c.trainLoss,
        accuracy: classification ? c.trainAccuracy : undefined,
        validationLoss: c.testLoss,
        validationAccuracy: classification ? c.testAccuracy : undefined,
      })),
    [curve, classification],
  );
  const last = curve?.at(-1);
  const first = curve?.[0];
  const growing =
    !training.diverged && last && first && last.trainLoss > Math.max(1, 4 * first.trainLoss) ? last.trainLoss : null;
  const inputNames = experiment.features.map((f) => FEATURE_LABEL[f]);
  const setWeight = training.setWeight;

  return (
    <div className="playground">
      <h2 className="visually-hidden">{t("pg.heading")}</h2>
      <div className="toolbar" role="toolbar" aria-label={t("pg.training")}>
        {training.playing ? (
          <button type="button" onClick={training.pause} className="primary">
            {t("pg.pause")}
          </button>
        ) : (
          <button type="button" onClick={training.play} className="primary" disabled={training.diverged !== null}>
            {t("pg.play")}
          </button>
        )}
        <button type="button" onClick={training.step} disabled={training.diverged !== null}>
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
          <span className={`metrics${training.diverged || growing ? " bad" : ""}`} data-role="metrics">
            {t("pg.trainLoss")} {training.diverged ? training.diverged.loss : lossText(last.trainLoss)} ·{" "}
            {t("pg.testLoss")} {training.diverged ? training.diverged.loss : lossText(last.testLoss)}
            {classification &&
              !training.diverged &&
              ` · ${t("pg.testAccuracy")} ${(last.testAccuracy * 100).toFixed(1)}%`}
          </span>
        )}
      </div>
      {problems.length > 0 && (
        <p role="status" className="notice" data-role="link-problems">
          {t("pg.linkProblems", { problems: problems.map((p) => problemMessage(t, p)).join("; ") })}
        </p>
      )}
      {training.diverged && (
        <div role="alert" className="error" data-role="diverged">
          {t("pg.diverged", {
            loss: training.diverged.loss,
            epoch: training.diverged.epoch,
            batches: training.diverged.batches,
            lr: experiment.learningRate,
          })}{" "}
          {t("pg.divergedShown", { epoch: training.diverged.shownEpoch })}{" "}
          <button type="button" onClick={() => change({ ...experiment, learningRate: experiment.learningRate / 10 })}>
            {t("pg.lowerRate", { lr: experiment.learningRate / 10 })}
          </button>
        </div>
      )}
      {growing !== null && first && (
        <p role="status" className="notice" data-role="growing">
          {t("pg.growing", { from: lossText(first.trainLoss), to: lossText(growing) })}
        </p>
      )}
      {training.error && (
        <p role="alert" className="error">
          {t("pg.error", { message: training.error })}
        </p>
      )}
      <div className="workspace">
        <section className="col-data" aria-label={t("pg.data")}>
          <DataControls
            experiment={experiment}
            onChange={change}
            pointLabel={pointLabel}
            onPointLabel={setPointLabel}
          />
        </section>
        <section className="col-features" aria-label={t("pg.features")}>
          <FeaturePicker experiment={experiment} extent={data.extent} inputs={data.inputs} onChange={change} />
        </section>
        <section className="col-network card" aria-label={t("pg.network")}>
          <NetworkControls experiment={experiment} onChange={change} />
          <div ref={diagramBox} className="diagram-box">
            {s && (
              <NetworkDiagram
                sizes={s.sizes}
                weights={s.weights}
                biases={s.biases}
                thumbnails={thumbnails}
                labels={labels}
                inputLabels={inputNames}
                onActiveNeuron={setHovered}
                onInputClick={(i) => {
                  const f = experiment.features[i];
                  if (f) change(toggleFeature(experiment, f));
                }}
                onLinkClick={setEditing}
                width={Math.max(280, diagramWidth)}
                height={Math.min(440, Math.max(240, 60 + Math.max(...s.sizes) * 28))}
              />
            )}
          </div>
          {editing && (
            <WeightEditor
              key={`${editing.layer}:${editing.from}:${editing.to}`}
              weight={editing}
              onSet={(v) => {
                setWeight(editing.layer, editing.from, editing.to, v);
                setEditing(null);
              }}
              onClose={() => setEditing(null)}
            />
          )}
          <RegularizationControls experiment={experiment} onChange={change} />
        </section>
        <section className="col-output" aria-label={t("pg.output")}>
          <div className="card output-card">
            <div className="row wrap toggles">
              <label className="check">
                <input type="checkbox" checked={showTest} onChange={(ev) => setShowTest(ev.currentTarget.checked)} />
                {t("pg.showTest")}
              </label>
              <label className="check">
                <input
                  type="checkbox"
                  checked={discretize}
                  onChange={(ev) => setDiscretize(ev.currentTarget.checked)}
                />
                {t("pg.discretize")}
              </label>
            </div>
            {s && (
              <Output
                snapshot={s}
                data={data}
                hovered={hovered}
                showTest={showTest}
                discretize={discretize}
                onAdd={(x, y) => change({ ...experiment, points: [...experiment.points, { x, y, label: pointLabel }] })}
              />
            )}
            {data.inputs === 2 && !hovered && (
              <p className="hint small">{t(classification ? "pg.clickHint" : "pg.clickHintValue")}</p>
            )}
          </div>
          <section className="card curves-card" aria-label={t("pg.curves")}>
            <label className="check">
              <input type="checkbox" checked={logScale} onChange={(ev) => setLogScale(ev.currentTarget.checked)} />
              {t("pg.logScale")}
            </label>
            {history && history.length > 0 && (
              <TrainingCurves
                history={history}
                logScale={logScale}
                width={PLANE}
                height={130}
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
        </section>
        <section className="col-training" aria-label={t("pg.training")}>
          <TrainingControls experiment={experiment} onChange={change} />
        </section>
        <div className="col-export">
          <ExportPanel experiment={experiment} inWorker={training.inWorker} exportModel={training.exportModel} />
        </div>
      </div>
    </div>
  );
}

/** The playground page; inside the app it uses the app's training, alone it brings its own. */
export function PlaygroundPage({ worker }: { worker?: boolean } = {}): ReactElement {
  const app = useExperiment();
  if (app) return <Playground />;
  return (
    <TrainingProvider {...(worker === undefined ? {} : { worker })}>
      <Playground />
    </TrainingProvider>
  );
}
