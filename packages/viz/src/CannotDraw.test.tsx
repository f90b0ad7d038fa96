import { cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CannotDraw, DrawingBoundary } from "./CannotDraw.js";
import { paintPixels } from "./PixelCanvas.js";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function Boom({ when }: { when: boolean }): React.ReactElement {
  if (when) throw new Error("layout exploded");
  return <p>drawn</p>;
}

describe("CannotDraw", () => {
  it("is an alert with the reason", () => {
    const { getByRole } = render(<CannotDraw reason="weights[0] is NaN" />);
    expect(getByRole("alert").textContent).toBe("cannot draw: weights[0] is NaN");
  });
});

describe("DrawingBoundary", () => {
  it("turns an exception while drawing into an alert instead of unmounting the app", () => {
    vi.spyOn(console, "error").mockImplementation(() => {}); // React reports caught errors
    const onError = vi.fn();
    const { getByRole, getByText } = render(
      <main>
        <h1>app</h1>
        <DrawingBoundary onError={onError} resetKey={1}>
          <Boom when />
        </DrawingBoundary>
      </main>,
    );
    expect(getByText("app")).toBeTruthy();
    expect(getByRole("alert").textContent).toBe("cannot draw: layout exploded");
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it("tries again when its reset key changes", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const { rerender, queryByRole, getByText } = render(
      <DrawingBoundary resetKey={1}>
        <Boom when />
      </DrawingBoundary>,
    );
    expect(queryByRole("alert")).not.toBeNull();
    rerender(
      <DrawingBoundary resetKey={2}>
        <Boom when={false} />
      </DrawingBoundary>,
    );
    expect(queryByRole("alert")).toBeNull();
    expect(getByText("drawn")).toBeTruthy();
  });
});

describe("paintPixels", () => {
  it("returns false where there is no 2-D context, and when getContext throws", () => {
    const canvas = document.createElement("canvas");
    vi.spyOn(canvas, "getContext").mockReturnValue(null);
    expect(paintPixels(canvas, 1, 1, new Uint8ClampedArray(4))).toBe(false);
    vi.spyOn(canvas, "getContext").mockImplementation(() => {
      throw new Error("no canvas");
    });
    expect(paintPixels(canvas, 1, 1, new Uint8ClampedArray(4))).toBe(false);
  });
});
