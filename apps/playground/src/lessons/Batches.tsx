/**
 * Lesson 7 — batches: the same line fitted twice, side by side, by SGD with batch size 1
 * (every step follows one noisy point and jitters) and 32 (the average settles).
 */
import { CLASS_COLORS, LineChart } from "@sinapse/viz";
import { type ReactElement, type RefObject, useEffect, useMemo, useRef, useState } from "react";
import { useI18n } from "../i18n.js";
import { type LineFit, makePoints, mse, type Point, START_FIT, sgdStep, TRUE_LINE } from "./fit.js";
import { fmt, LessonLayout } from "./LessonLayout.js";

export const BATCH_SIZES = [1, 32] as const;
export const LEARNING_RATE = 0.1;
export const MAX_STEPS = 300;
export const TICK_MS = 60;

const X_RANGE: readonly [number, number] = [-1.2, 1.2];
const Y_RANGE: readonly [number, number] = [-3, 5];
const W = 300;
const H = 220;
const sx = (x: number) => ((x - X_RANGE[0]) / (X_RANGE[1] - X_RANGE[0])) * W;
const sy = (y: number) => H - ((y - Y_RANGE[0]) / (Y_RANGE[1] - Y_RANGE[0])) * H;

function FitPlot({
  points,
  fit,
  color,
  title,
}: {
  points: readonly Point[];
  fit: LineFit;
  color: string;
  title: string;
}) {
  const line = (w: number, b: number) => ({
    x1: sx(X_RANGE[0]),
    y1: sy(w * X_RANGE[0] + b),
    x2: sx(X_RANGE[1]),
    y2: sy(w * X_RANGE[1] + b),
  });
  return (
    <svg role="img" aria-label={title} viewBox={`0 0 ${W} ${H}`} width={W} height={H} className="lesson-fit">
      <title>{title}</title>
      <rect x={0} y={0} width={W} height={H} fill="#ffffff" stroke="#e2e8f0" />
      {points.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the points never change order
        <circle key={i} cx={sx(p.x)} cy={sy(p.y)} r={2.5} fill="#a0aec0" />
      ))}
      <line {...line(TRUE_LINE.w, TRUE_LINE.b)} stroke="#4a5568" strokeDasharray="5 4" strokeWidth={1.5} />
      <line {...line(fit.w, fit.b)} stroke={color} strokeWidth={3} data-role="fit-line" />
    </svg>
  );
}

/** True while `ref`'s element is on screen (always true where IntersectionObserver is missing). */
function useVisible(ref: RefObject<HTMLElement | null>): boolean {
  const [visible, setVisible] = useState(true);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((entries) => {
      for (const e of entries) setVisible(e.isIntersecting);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return visible;
}

interface Runs {
  fits: LineFit[];
  losses: number[][];
}

export function BatchesLesson(): ReactElement {
  const { t } = useI18n();
  const points = useMemo(() => makePoints(128, 0), []);
  const start = useMemo(
    (): Runs => ({
      fits: BATCH_SIZES.map(() => START_FIT),
      losses: BATCH_SIZES.map(() => [mse(points, START_FIT.w, START_FIT.b)]),
    }),
    [points],
  );
  const [runs, setRuns] = useState<Runs>(start);
  const [playing, setPlaying] = useState(true);
  const ref = useRef<HTMLDivElement>(null);
  const visible = useVisible(ref);
  const step = runs.fits[0]?.step ?? 0;
  const done = step >= MAX_STEPS;
  const active = playing && visible && !done;

  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => {
      if (typeof document !== "undefined" && document.hidden) return;
      setRuns((r) => {
        if ((r.fits[0]?.step ?? 0) >= MAX_STEPS) return r;
        const fits = r.fits.map((f, k) => sgdStep(f, points, BATCH_SIZES[k] as number, LEARNING_RATE));
        return { fits, losses: r.losses.map((l, k) => [...l, mse(points, fits[k]?.w ?? 0, fits[k]?.b ?? 0)]) };
      });
    }, TICK_MS);
    return () => clearInterval(id);
  }, [active, points]);

  return (
    <LessonLayout
      id="batches"
      title="lessons.batches.title"
      paragraphs={["lessons.batches.p1", "lessons.batches.p2", "lessons.batches.p3"]}
    >
      <div className="lesson-buttons">
        <button type="button" aria-pressed={!playing} onClick={() => setPlaying((p) => !p)} disabled={done}>
          {playing ? t("lessons.batches.pause") : t("lessons.batches.play")}
        </button>
        <button
          type="button"
          onClick={() => {
            setRuns(start);
            setPlaying(true);
          }}
        >
          {t("lessons.batches.restart")}
        </button>
        <span data-role="batches-step" aria-live="off">
          {t("lessons.batches.step", { step, max: MAX_STEPS })}
        </span>
      </div>
      <div className="lesson-row" ref={ref}>
        {BATCH_SIZES.map((size, k) => {
          const fit = runs.fits[k] ?? START_FIT;
          const title = t("lessons.batches.panel", { size });
          return (
            <figure key={size} className="lesson-figure" data-role={`batch-${size}`}>
              <FitPlot points={points} fit={fit} color={CLASS_COLORS[k] ?? "#2b6cb0"} title={title} />
              <figcaption>
                <strong>{title}</strong>
                <br />
                <span data-role="fit-values">
                  w = {fmt(fit.w, 3)} · b = {fmt(fit.b, 3)}
                </span>
              </figcaption>
            </figure>
          );
        })}
      </div>
      <p className="lesson-hint">{t("lessons.batches.truth", { w: TRUE_LINE.w, b: TRUE_LINE.b })}</p>
      {step >= 1 && (
        <div className="lesson-figure">
          <LineChart
            title={t("lessons.batches.chart")}
            series={BATCH_SIZES.map((size, k) => ({
              name: t("lessons.batches.panel", { size }),
              values: runs.losses[k] ?? [],
              x: (runs.losses[k] ?? []).map((_, i) => i),
              color: CLASS_COLORS[k],
              dashed: k === 1,
            }))}
            xLabel={t("lessons.batches.stepAxis")}
            yScale="log"
            width={420}
            height={220}
          />
        </div>
      )}
    </LessonLayout>
  );
}
