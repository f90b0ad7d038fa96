/**
 * `<PixelCanvas>`: RGBA pixels (from the pure functions of layout/heatmap.ts) put on a
 * canvas one pixel per cell and stretched by CSS. Where there is no 2-D context (jsdom,
 * a browser out of canvases) it draws nothing and marks itself `data-drawn="false"`.
 */
import { type CSSProperties, memo, type ReactElement, useEffect, useRef } from "react";

export interface PixelCanvasProps {
  cols: number;
  rows: number;
  /** `cols · rows · 4` bytes, row 0 at the top. */
  pixels: Uint8ClampedArray;
  width: number;
  height: number;
  /** Blocky cells instead of smoothed ones. */
  pixelated?: boolean;
  className?: string;
  style?: CSSProperties;
  label?: string;
}

/** Writes `pixels` into `canvas`; false when the canvas has no 2-D context. */
export function paintPixels(canvas: HTMLCanvasElement, cols: number, rows: number, pixels: Uint8ClampedArray): boolean {
  let ctx: CanvasRenderingContext2D | null = null;
  try {
    ctx = typeof canvas.getContext === "function" ? canvas.getContext("2d") : null;
  } catch {
    ctx = null;
  }
  if (!ctx || typeof ctx.createImageData !== "function") return false;
  const image = ctx.createImageData(cols, rows);
  image.data.set(pixels.subarray(0, image.data.length));
  ctx.putImageData(image, 0, 0);
  return true;
}

/** A canvas showing `pixels` (see {@link paintPixels}); redraws only when the pixels change. */
export const PixelCanvas = /* @__PURE__ */ memo(function PixelCanvas(props: PixelCanvasProps): ReactElement {
  const { cols, rows, pixels, width, height, pixelated, className, style, label } = props;
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (canvas) canvas.dataset.drawn = String(paintPixels(canvas, cols, rows, pixels));
  }, [cols, rows, pixels]);
  return (
    <canvas
      ref={ref}
      width={cols}
      height={rows}
      className={className}
      aria-hidden={label ? undefined : true}
      aria-label={label}
      role={label ? "img" : undefined}
      style={{ width, height, display: "block", imageRendering: pixelated ? "pixelated" : "auto", ...style }}
    />
  );
});
