/** Lesson 2 — weights and biases: the seed's example network and where 224 and 26 come from. */
import { Dense } from "@sinapse/layers";
import { Random } from "@sinapse/tensor";
import { NetworkDiagram } from "@sinapse/viz";
import { type ReactElement, useMemo, useState } from "react";
import { useI18n } from "../i18n.js";
import { fmt, LessonLayout, Slider, useNetworkLabels } from "./LessonLayout.js";
import { layerCounts, SEED_NETWORK } from "./math.js";

/** Real Dense layers for `sizes` (nnfs initialisation from `seed`), as plain numbers. */
function buildNetwork(sizes: readonly number[], seed: number): { weights: number[][][]; biases: number[][] } {
  const rng = new Random(seed);
  const layers = sizes.slice(1).map((n, l) => new Dense(sizes[l] as number, n, { rng, init: "he" }));
  return {
    weights: layers.map((d) => d.weights.toArray() as number[][]),
    biases: layers.map((d) => (d.biases.toArray() as number[][])[0] as number[]),
  };
}

export function WeightsBiasesLesson(): ReactElement {
  const { t } = useI18n();
  const networkLabels = useNetworkLabels();
  const [sizes, setSizes] = useState<number[]>([...SEED_NETWORK]);
  const [seed, setSeed] = useState(0);
  const net = useMemo(() => buildNetwork(sizes, seed), [sizes, seed]);
  const counts = layerCounts(sizes);
  const isSeed = sizes.join() === SEED_NETWORK.join();
  const setSize = (l: number, n: number) => setSizes((s) => s.map((v, i) => (i === l ? n : v)));
  return (
    <LessonLayout
      id="weights-biases"
      title="lessons.weightsBiases.title"
      paragraphs={[
        "lessons.weightsBiases.p1",
        "lessons.weightsBiases.weights",
        "lessons.weightsBiases.biases",
        "lessons.weightsBiases.p2",
        "lessons.weightsBiases.p3",
      ]}
    >
      <div className="lesson-figure lesson-wide">
        <NetworkDiagram
          sizes={sizes}
          weights={net.weights}
          biases={net.biases}
          width={560}
          height={300}
          labels={networkLabels}
        />
      </div>
      <div className="lesson-row">
        <div className="lesson-controls">
          {sizes.map((n, l) => (
            <Slider
              // biome-ignore lint/suspicious/noArrayIndexKey: one slider per layer position
              key={l}
              label={t("lessons.weightsBiases.layerSize", { layer: l + 1 })}
              value={n}
              min={1}
              max={12}
              step={1}
              digits={0}
              onChange={(v) => setSize(l, v)}
            />
          ))}
          <div className="lesson-buttons">
            <button type="button" onClick={() => setSizes([...SEED_NETWORK])} disabled={isSeed}>
              {t("lessons.weightsBiases.reset")}
            </button>
            <button type="button" onClick={() => setSeed((s) => s + 1)}>
              {t("lessons.weightsBiases.reroll")}
            </button>
          </div>
        </div>
        <table className="lesson-table" data-role="layer-counts">
          <caption>{t("lessons.weightsBiases.tableCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("lessons.weightsBiases.colLayer")}</th>
              <th scope="col">{t("lessons.weightsBiases.colWeights")}</th>
              <th scope="col">{t("lessons.weightsBiases.colBiases")}</th>
            </tr>
          </thead>
          <tbody>
            {counts.layers.map((c, l) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: one row per pair of neighbouring layers
              <tr key={l}>
                <th scope="row">
                  {l + 1}→{l + 2}
                </th>
                <td>
                  {c.nInputs} × {c.nNeurons} = {c.weights}
                </td>
                <td>{c.biases}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("lessons.weightsBiases.total")}</th>
              <td data-role="total-weights">{counts.weights}</td>
              <td data-role="total-biases">{counts.biases}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <Threshold />
    </LessonLayout>
  );
}

/**
 * The seed's pixel example: a neuron that fires (step activation) when a pixel's brightness
 * times its weight plus the bias is above 0. Without a bias it fires only above the fixed
 * limit the weight sets; the bias moves the limit, so it can fire a little below or above.
 */
function Threshold(): ReactElement {
  const { t } = useI18n();
  const [brightness, setBrightness] = useState(0.45);
  const [bias, setBias] = useState(0);
  const weight = 1;
  const limit = 0.5;
  // The neuron compares brightness · weight − limit + bias with 0.
  const sum = brightness * weight - limit + bias;
  const fires = sum > 0;
  return (
    <section className="lesson-threshold" aria-labelledby="lesson-threshold-heading" data-role="threshold">
      <h3 id="lesson-threshold-heading">{t("lessons.threshold.title")}</h3>
      <p>{t("lessons.threshold.p1")}</p>
      <div className="lesson-row">
        <div className="lesson-controls">
          <Slider
            label={t("lessons.threshold.brightness")}
            value={brightness}
            min={0}
            max={1}
            step={0.05}
            onChange={setBrightness}
          />
          <Slider
            label={t("lessons.threshold.bias")}
            value={bias}
            min={-0.3}
            max={0.3}
            step={0.05}
            onChange={setBias}
          />
        </div>
        <div
          className="lesson-pixel-demo"
          aria-hidden="true"
          style={{
            background: `rgb(${Math.round(brightness * 255)}, ${Math.round(brightness * 255)}, ${Math.round(brightness * 255)})`,
          }}
        />
        <p data-role="threshold-result">
          <code>
            step({fmt(brightness)} × {fmt(weight)} − {fmt(limit)} + {fmt(bias)}) = step({fmt(sum)}) = {fires ? 1 : 0}
          </code>
          <br />
          <strong>
            {t(fires ? "lessons.threshold.fires" : "lessons.threshold.silent", { limit: fmt(limit - bias) })}
          </strong>
        </p>
      </div>
    </section>
  );
}
