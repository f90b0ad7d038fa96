/**
 * The graph explorer page (issue 8): an expression — or the playground's current network
 * on one training sample — drawn as its computation graph, and backward stepped through
 * node by node with each op's local rule, the numbers it multiplies and the gradients
 * accumulated so far. In network mode, the first Dense layer's gradient is checked
 * against the nnfs book's hand-derived formula.
 */
import { GraphView, type GraphViewLabels } from "@sinapse/viz";
import { type KeyboardEvent, type ReactElement, type ReactNode, useEffect, useMemo, useRef, useState } from "react";
import { fromQuery } from "../engine/experiment.js";
import { type MessageKey, useI18n } from "../i18n.js";
import { problemMessage } from "../playground/problems.js";
import { useExperiment } from "../playground/TrainingContext.js";
import { traceAtStep, type Walkthrough, walkBackward } from "./backprop.js";
import {
  type Expected,
  ExpressionError,
  type ExpressionProblem,
  evaluateExpression,
  FUNCTIONS,
  formatValue,
  parseExpression,
  parseValue,
  type VariableValue,
  variablesOf,
} from "./expression.js";
import { formatArray, formatScalar } from "./format.js";
import { localRule } from "./localRules.js";
import { buildNetworkSample, type NetworkSample } from "./network.js";
import "./graph.css";

type T = ReturnType<typeof useI18n>["t"];

export interface Example {
  source: string;
  values: Record<string, VariableValue>;
}

export const EXAMPLES: readonly Example[] = [
  { source: "relu(w * x + b)", values: { w: 3, x: 2, b: -1 } },
  { source: "sigmoid(w1 * x1 + w2 * x2 + b)", values: { w1: 0.5, x1: 1.5, w2: -1, x2: 0.25, b: 0.1 } },
  { source: "(a + b) * (a - b)", values: { a: 3, b: 2 } },
  { source: "mean(square(w * x - y))", values: { w: 0.5, x: [1, 2, 3], y: [2, 4, 6] } },
  { source: "x ^ 3 - 2 * x", values: { x: 1.5 } },
];

const FIRST = EXAMPLES[0] as Example;

/** A starting value for a variable the user has not set: the examples' values, else 1. */
function defaultValue(name: string): string {
  for (const e of EXAMPLES) {
    const v = e.values[name];
    if (v !== undefined) return formatValue(v);
  }
  return "1";
}

const KEYWORDS: readonly Expected[] = ["expression", "number", "end", "operator"];

/** A parse or evaluation problem in the page's language. */
export function problemText(p: ExpressionProblem, t: T): string {
  switch (p.kind) {
    case "unexpected": {
      const expected = p.expected
        .map((e) => (KEYWORDS.includes(e) ? t(`graph.expected.${e}` as MessageKey) : `'${e}'`))
        .join(t("graph.expected.or"));
      const found = p.found === null ? t("graph.found.end") : `'${p.found}'`;
      return t("graph.error.unexpected", { expected, column: p.column, found });
    }
    case "badCharacter":
      return t("graph.error.badCharacter", { found: p.found, column: p.column });
    case "arity":
      return t("graph.error.arity", { name: p.name, expected: p.expected.join("/"), got: p.got, column: p.column });
    case "unknownFunction":
      return t("graph.error.unknownFunction", {
        name: p.name,
        column: p.column,
        known: Object.keys(FUNCTIONS).join(", "),
      });
    case "shapes":
      return t("graph.error.shapes", { column: p.column, detail: p.detail });
    case "evaluation":
      return t("graph.error.evaluation", { column: p.column, detail: p.detail });
  }
}

function viewLabels(t: T): Partial<GraphViewLabels> {
  return {
    title: (nodes, edges) => t("graph.view.title", { nodes, edges }),
    value: t("graph.view.value"),
    gradient: t("graph.view.gradient"),
    operand: t("graph.view.operand"),
    states: {
      done: t("graph.view.done"),
      current: t("graph.view.current"),
      received: t("graph.view.received"),
      waiting: t("graph.view.waiting"),
      none: t("graph.view.none"),
    },
    cannotDraw: t("graph.view.cannotDraw"),
    hint: t("graph.view.hint"),
  };
}

function nodeName(walk: Walkthrough, id: number): string {
  const n = walk.trace.nodes[id];
  return n ? `${n.op === "input" ? "" : n.op}${n.name ? `${n.op === "input" ? "" : " "}${n.name}` : ""}` : "";
}

/** What the current step did: the node, its gradient, and per operand the rule and the numbers. */
function StepInfo({ walk, step }: { walk: Walkthrough; step: number }): ReactElement {
  const { t } = useI18n();
  const total = walk.steps.length;
  if (step === 0) {
    return (
      <div data-role="step-info">
        <p data-role="step-title" className="graph-step-title">
          {t("graph.step", { step: 0, total })}
        </p>
        <p>{t("graph.step.start")}</p>
      </div>
    );
  }
  const s = walk.steps[step - 1];
  if (!s) return <div data-role="step-info" />;
  const node = walk.trace.nodes[s.id];
  const isLeaf = s.op === "input";
  return (
    <div data-role="step-info" data-op={s.op}>
      <p data-role="step-title" className="graph-step-title">
        {t("graph.step", { step, total })} · {t("graph.step.node", { id: s.id, op: nodeName(walk, s.id) })}
      </p>
      <p className="graph-formula" data-role="step-grad">
        {t("graph.step.grad", { id: s.id, value: formatArray(s.grad) })}
      </p>
      {isLeaf ? (
        <p>{node?.requiresGrad ? t("graph.step.leaf") : t("graph.step.constant")}</p>
      ) : s.operands.length === 0 ? (
        <p>{t("graph.step.noOperands")}</p>
      ) : (
        s.operands.map((o) => (
          <section key={o.operand} className="graph-operand" data-role="operand">
            <h4>{t("graph.step.to", { operand: o.operand, from: o.from, name: nodeName(walk, o.from) })}</h4>
            <dl>
              <dt>{t("graph.step.rule")}</dt>
              <dd className="graph-formula" data-role="rule">
                {localRule(s.op, o.operand)}
              </dd>
              {o.local ? (
                <>
                  <dt>{t("graph.step.local")}</dt>
                  <dd className="graph-formula">{formatArray(o.local)}</dd>
                </>
              ) : null}
              <dt>{t("graph.step.upstream")}</dt>
              <dd className="graph-formula">{formatArray(s.grad)}</dd>
              <dt>{o.local ? t("graph.step.contribution") : t("graph.step.contributionMatrix")}</dt>
              <dd className="graph-formula">
                {formatArray(o.contribution)} {o.reduced ? t("graph.step.reduced") : null}
              </dd>
              <dt>{t("graph.step.total", { from: o.from })}</dt>
              <dd className="graph-formula" data-role="accumulated">
                {formatArray(o.total)}
              </dd>
            </dl>
          </section>
        ))
      )}
      {step === total ? (
        <p data-role="step-done" className="graph-done">
          {t("graph.step.done")}
        </p>
      ) : null}
    </div>
  );
}

interface ExplorerProps {
  walk: Walkthrough;
  step: number | null;
  onStep: (step: number | null) => void;
  /** Shown in the side panel below the step (e.g. the book comparison). */
  children?: ReactNode;
}

/** The graph and the backward controls with the current step's rule. */
function Explorer({ walk, step, onStep, children }: ExplorerProps): ReactElement {
  const { t } = useI18n();
  const total = walk.steps.length;
  const trace = useMemo(() => traceAtStep(walk, step), [walk, step]);
  const labels = useMemo(() => viewLabels(t), [t]);
  const clamp = (k: number) => Math.max(0, Math.min(total, k));
  const onKeyDown = (e: KeyboardEvent) => {
    if (step === null) return;
    const next =
      e.key === "ArrowRight"
        ? step + 1
        : e.key === "ArrowLeft"
          ? step - 1
          : e.key === "Home"
            ? 0
            : e.key === "End"
              ? total
              : null;
    if (next === null) return;
    e.preventDefault();
    onStep(clamp(next));
  };
  return (
    <div className="graph-layout">
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
      <section className="graph-canvas" aria-label={t("graph.graphLabel")} tabIndex={0}>
        <GraphView trace={trace} backwardStep={step ?? undefined} labels={labels} />
      </section>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the panel takes arrow keys to step */}
      <aside className="graph-panel" aria-label={t("graph.backward")} onKeyDown={onKeyDown} tabIndex={0}>
        {total === 0 ? (
          <p>{t("graph.noBackward")}</p>
        ) : (
          <>
            <div className="graph-controls">
              {step === null ? (
                <button type="button" onClick={() => onStep(0)} data-role="backward">
                  {t("graph.backward")}
                </button>
              ) : (
                <>
                  <button type="button" onClick={() => onStep(clamp(step - 1))} disabled={step === 0}>
                    {t("graph.previous")}
                  </button>
                  <button type="button" onClick={() => onStep(clamp(step + 1))} disabled={step === total}>
                    {t("graph.next")}
                  </button>
                  <button type="button" onClick={() => onStep(total)} disabled={step === total}>
                    {t("graph.toEnd")}
                  </button>
                  <button type="button" onClick={() => onStep(null)}>
                    {t("graph.reset")}
                  </button>
                </>
              )}
            </div>
            {step !== null ? (
              <>
                <p className="graph-keys">{t("graph.keys")}</p>
                <div aria-live="polite">
                  <StepInfo walk={walk} step={step} />
                </div>
              </>
            ) : null}
          </>
        )}
        {children}
      </aside>
    </div>
  );
}

type Evaluation =
  | { ok: true; walk: Walkthrough; names: string[]; output: string; vector: boolean }
  | { ok: false; message: string; names: string[]; badValue: string | null };

function ExpressionMode(): ReactElement {
  const { t } = useI18n();
  const [source, setSource] = useState(() => {
    const fromLink = typeof window === "undefined" ? null : new URLSearchParams(window.location.search).get("expr");
    return fromLink ?? FIRST.source;
  });
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(FIRST.values).map(([k, v]) => [k, formatValue(v)])),
  );
  const [step, setStep] = useState<number | null>(null);

  const result = useMemo<Evaluation>(() => {
    let names: string[] = [];
    try {
      const ast = parseExpression(source);
      names = variablesOf(ast);
      const parsed: Record<string, VariableValue> = {};
      for (const name of names) {
        const v = parseValue(values[name] ?? defaultValue(name));
        if (v === null) return { ok: false, message: t("graph.badValue", { name }), names, badValue: name };
        parsed[name] = v;
      }
      const { output } = evaluateExpression(ast, parsed);
      return {
        ok: true,
        walk: walkBackward(output),
        names,
        output: formatArray(output.value),
        vector: output.size !== 1,
      };
    } catch (err) {
      if (err instanceof ExpressionError)
        return { ok: false, message: problemText(err.problem, t), names, badValue: null };
      return { ok: false, message: err instanceof Error ? err.message : String(err), names, badValue: null };
    }
  }, [source, values, t]);

  // The expression lives in the link (?expr=…) beside the playground's experiment.
  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    if (source === FIRST.source) params.delete("expr");
    else params.set("expr", source);
    const query = params.toString();
    window.history.replaceState(
      null,
      "",
      `${window.location.pathname}${query ? `?${query}` : ""}${window.location.hash}`,
    );
  }, [source]);
  // While the expression is being edited into something unreadable, the last graph stays.
  const lastGood = useRef<Extract<Evaluation, { ok: true }> | null>(null);
  if (result.ok) lastGood.current = result;
  const shown = result.ok ? result : lastGood.current;

  const change = (next: string) => {
    setSource(next);
    setStep(null);
  };
  const pick = (index: string) => {
    const example = EXAMPLES[Number(index)];
    if (!example) return;
    setSource(example.source);
    setValues((old) => ({
      ...old,
      ...Object.fromEntries(Object.entries(example.values).map(([k, v]) => [k, formatValue(v)])),
    }));
    setStep(null);
  };

  const gradientOf = (name: string): string => {
    if (!result.ok || step === null) return t("graph.pending");
    const w = result.walk;
    const id = w.trace.nodes.findIndex((n) => n.op === "input" && n.name === name && n.requiresGrad);
    const at = w.order.indexOf(id);
    if (id < 0 || at < 0 || at >= step) return t("graph.pending");
    const g = w.gradients[step]?.get(id);
    return g ? formatArray(g) : t("graph.pending");
  };

  const error = result.ok ? null : result.message;
  return (
    <>
      <div className="graph-inputs">
        <div className="graph-field">
          <label htmlFor="graph-expression">{t("graph.expression")}</label>
          <input
            id="graph-expression"
            type="text"
            value={source}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={!result.ok && result.badValue === null}
            aria-describedby="graph-expression-help graph-expression-error"
            onChange={(e) => change(e.currentTarget.value)}
          />
          <p id="graph-expression-help" className="graph-help">
            {t("graph.expression.help")}
          </p>
        </div>
        <div className="graph-field">
          <label htmlFor="graph-examples">{t("graph.examples")}</label>
          <select id="graph-examples" value="" onChange={(e) => pick(e.currentTarget.value)}>
            <option value="">{t("graph.examples.pick")}</option>
            {EXAMPLES.map((e, i) => (
              <option key={e.source} value={i}>
                {e.source}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p id="graph-expression-error" role="alert" className="graph-error" data-role="error">
        {error}
      </p>
      {result.names.length ? (
        <table className="graph-variables">
          <caption>{t("graph.variables")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("graph.variable")}</th>
              <th scope="col">{t("graph.value")}</th>
              <th scope="col">{t("graph.gradient")}</th>
            </tr>
          </thead>
          <tbody>
            {result.names.map((name) => (
              <tr key={name}>
                <th scope="row">
                  <label htmlFor={`graph-var-${name}`}>{name}</label>
                </th>
                <td>
                  <input
                    id={`graph-var-${name}`}
                    type="text"
                    inputMode="decimal"
                    value={values[name] ?? defaultValue(name)}
                    aria-invalid={!result.ok && result.badValue === name}
                    onChange={(e) => {
                      const text = e.currentTarget.value;
                      setValues((old) => ({ ...old, [name]: text }));
                      setStep(null);
                    }}
                  />
                </td>
                <td className="graph-formula" data-role="gradient" data-name={name}>
                  {gradientOf(name)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : result.ok ? (
        <p>{t("graph.noVariables")}</p>
      ) : null}
      {shown ? (
        <div className={result.ok ? undefined : "graph-stale"} data-role={result.ok ? undefined : "stale"}>
          {result.ok ? null : <p className="graph-help">{t("graph.stale")}</p>}
          <p className="graph-formula" data-role="output">
            {t("graph.output", { value: shown.output })}
          </p>
          {shown.vector ? <p>{t("graph.output.vector")}</p> : null}
          <Explorer walk={shown.walk} step={result.ok ? step : null} onStep={setStep} />
        </div>
      ) : null}
    </>
  );
}

function BookCheck({ sample, finished }: { sample: NetworkSample; finished: boolean }): ReactElement {
  const { t } = useI18n();
  const c = sample.check;
  const agree = c.maxDifference < 1e-5;
  const difference = formatScalar(c.maxDifference);
  return (
    <section className="graph-book" aria-labelledby="graph-book-heading" data-role="book">
      <h3 id="graph-book-heading">{t("graph.book.title")}</h3>
      <p>{t("graph.book.intro")}</p>
      {finished ? (
        <>
          <p className={agree ? "graph-badge graph-badge-ok" : "graph-badge graph-badge-bad"} data-role="agree">
            {agree ? t("graph.book.agree", { difference }) : t("graph.book.disagree", { difference })}
          </p>
          <dl className="graph-book-values">
            <dt>{t("graph.book.inputs")}</dt>
            <dd className="graph-matrix">{formatArray(c.inputs)}</dd>
            <dt>{t("graph.book.dvalues")}</dt>
            <dd className="graph-matrix">{formatArray(c.dvalues)}</dd>
            <dt>{t("graph.book.formula")}</dt>
            <dd className="graph-matrix" data-role="book-weights">
              {formatArray(c.bookWeights)}
            </dd>
            <dt>{t("graph.book.autograd")}</dt>
            <dd className="graph-matrix" data-role="autograd-weights">
              {formatArray(c.autogradWeights)}
            </dd>
            <dt>{t("graph.book.biasFormula")}</dt>
            <dd className="graph-matrix">{formatArray(c.bookBiases)}</dd>
            <dt>{t("graph.book.biasAutograd")}</dt>
            <dd className="graph-matrix">{formatArray(c.autogradBiases)}</dd>
          </dl>
        </>
      ) : (
        <p>{t("graph.book.pending")}</p>
      )}
    </section>
  );
}

function NetworkMode(): ReactElement {
  const { t } = useI18n();
  const app = useExperiment();
  const appExperiment = app?.experiment;
  const { experiment, problems } = useMemo(
    () =>
      appExperiment
        ? { experiment: appExperiment, problems: [] }
        : fromQuery(typeof window === "undefined" ? "" : window.location.search),
    [appExperiment],
  );

  // The playground's weights as they are when the explorer opens (or on "take the newest").
  const [trained, setTrained] = useState(() => app?.latest() ?? null);
  const [index, setIndex] = useState(0);
  const [step, setStep] = useState<number | null>(null);
  const built = useMemo<{ sample: NetworkSample } | { error: string }>(() => {
    try {
      const weights = trained && trained.batches > 0 ? trained : undefined;
      return { sample: buildNetworkSample(experiment, index, weights) };
    } catch (err) {
      return { error: err instanceof Error ? err.message : String(err) };
    }
  }, [experiment, index, trained]);

  if ("error" in built) {
    return (
      <p role="alert" className="graph-error">
        {t("graph.network.error", { detail: built.error })}
      </p>
    );
  }
  const s = built.sample;
  return (
    <>
      {problems.length ? (
        <p className="graph-help">
          {t("graph.network.problems", { problems: problems.map((p) => problemMessage(t, p)).join("; ") })}
        </p>
      ) : null}
      <p data-role="network-weights" className="graph-help">
        {trained && trained.batches > 0
          ? t("graph.network.trained", { epoch: trained.epoch, batches: trained.batches })
          : t("graph.network.initial")}{" "}
        {app && (
          <button type="button" onClick={() => setTrained(app.latest())}>
            {t("graph.network.refresh")}
          </button>
        )}
      </p>
      <div className="graph-field graph-field-narrow">
        <label htmlFor="graph-sample">{t("graph.network.sample")}</label>
        <input
          id="graph-sample"
          type="number"
          min={0}
          max={s.count - 1}
          step={1}
          value={index}
          onChange={(e) => {
            const v = Number(e.currentTarget.value);
            if (Number.isFinite(v)) {
              setIndex(Math.max(0, Math.min(s.count - 1, Math.floor(v))));
              setStep(null);
            }
          }}
        />
      </div>
      <p data-role="network-about">
        {t("graph.network.about", {
          dataset: t(`pg.dataset.${experiment.dataset}` as MessageKey),
          sizes: s.sizes.join("-"),
          loss: t(`pg.loss.${experiment.loss}` as MessageKey),
          index: s.index,
          count: s.count,
          features: `[${s.features.map(formatScalar).join(", ")}]`,
          target: formatScalar(s.target),
          lossValue: formatScalar(s.loss),
        })}
      </p>
      <Explorer walk={s.walk} step={step} onStep={setStep}>
        <BookCheck sample={s} finished={step === s.walk.steps.length} />
      </Explorer>
    </>
  );
}

export function GraphPage(): ReactElement {
  const { t } = useI18n();
  const [mode, setMode] = useState<"expression" | "network">("expression");
  return (
    <section aria-labelledby="graph-heading" className="graph-page">
      <h2 id="graph-heading">{t("graph.title")}</h2>
      <p>{t("graph.intro")}</p>
      <fieldset className="graph-mode">
        <legend>{t("graph.mode")}</legend>
        {(["expression", "network"] as const).map((m) => (
          <label key={m}>
            <input type="radio" name="graph-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
            {t(`graph.mode.${m}`)}
          </label>
        ))}
      </fieldset>
      {mode === "expression" ? <ExpressionMode /> : <NetworkMode />}
    </section>
  );
}
