/**
 * The input features as a column of buttons (TensorFlow Playground's "features"): each
 * shows the feature's value over the plane on the diverging scale and its name, pressed
 * when the network uses it. The last feature in use cannot be switched off.
 */
import { PixelCanvas, valuePixels } from "@sinapse/viz";
import { memo, type ReactElement, useMemo } from "react";
import { type Extent, featureMatrix } from "../engine/data.js";
import { type Experiment, type FeatureName, featuresFor } from "../engine/experiment.js";
import { useI18n } from "../i18n.js";
import { FEATURE_LABEL, toggleFeature } from "./Controls.js";

const GRID = 16;

function featureGrid(f: FeatureName, extent: Extent, inputs: 1 | 2): Float32Array {
  const rows = inputs === 1 ? 1 : GRID;
  const x1 = new Float32Array(rows * GRID);
  const x2 = new Float32Array(rows * GRID);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < GRID; c++) {
      x1[r * GRID + c] = extent.x[0] + ((c + 0.5) / GRID) * (extent.x[1] - extent.x[0]);
      x2[r * GRID + c] = extent.y[1] - ((r + 0.5) / rows) * (extent.y[1] - extent.y[0]);
    }
  }
  return featureMatrix(x1, x2, [f]).dataSync() as Float32Array;
}

export const FeaturePicker = memo(function FeaturePicker(props: {
  experiment: Experiment;
  extent: Extent;
  inputs: 1 | 2;
  onChange: (next: Experiment) => void;
}): ReactElement {
  const { t } = useI18n();
  const { experiment: e, extent, inputs } = props;
  const available = useMemo(() => featuresFor(e.dataset), [e.dataset]);
  const pictures = useMemo(
    () =>
      available.map((f) => {
        const values = featureGrid(f, extent, inputs);
        return valuePixels({ cols: GRID, rows: inputs === 1 ? 1 : GRID, values });
      }),
    [available, extent, inputs],
  );
  return (
    <fieldset className="feature-picker">
      <legend>{t("pg.features")}</legend>
      <p className="hint small">{t("pg.featuresHint")}</p>
      {available.map((f, k) => {
        const on = e.features.includes(f);
        return (
          <button
            key={f}
            type="button"
            className="feature"
            aria-pressed={on}
            data-feature={f}
            disabled={on && e.features.length === 1}
            onClick={() => props.onChange(toggleFeature(e, f))}
          >
            <PixelCanvas
              cols={GRID}
              rows={inputs === 1 ? 1 : GRID}
              pixels={pictures[k] as Uint8ClampedArray}
              width={28}
              height={28}
            />
            <span>{FEATURE_LABEL[f]}</span>
          </button>
        );
      })}
    </fieldset>
  );
});
