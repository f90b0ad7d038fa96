/**
 * The visible "cannot draw: …" state every picture falls back to, and the error boundary
 * that turns an unexpected exception while drawing into that state instead of
 * unmounting the app.
 */
import { Component, type ErrorInfo, type ReactElement, type ReactNode } from "react";

export interface CannotDrawProps {
  /** Why, e.g. "weights[1] must be [4,3], got [3,4]". */
  reason: string;
  /** The prefix, "cannot draw" by default (translatable). */
  label?: string | undefined;
}

/** `<div role="alert">cannot draw: {reason}</div>`. */
export function CannotDraw({ reason, label = "cannot draw" }: CannotDrawProps): ReactElement {
  return (
    <div
      role="alert"
      className="sinapse-cannot-draw"
      data-role="cannot-draw"
      style={{
        padding: "8px 12px",
        border: "1px dashed #dd6b20",
        borderRadius: 6,
        color: "#7b341e",
        background: "#fffaf0",
        fontSize: "0.9rem",
      }}
    >
      {`${label}: ${reason}`}
    </div>
  );
}

export interface DrawingBoundaryProps {
  children?: ReactNode;
  label?: string | undefined;
  /** When this changes (new data), a picture that failed is tried again. */
  resetKey?: unknown;
  /** Told about every error caught, e.g. to log it. */
  onError?: ((error: Error, info: ErrorInfo) => void) | undefined;
}

interface DrawingBoundaryState {
  error: Error | null;
  key: unknown;
}

/** An error boundary whose fallback is {@link CannotDraw} with the error's message. */
export class DrawingBoundary extends Component<DrawingBoundaryProps, DrawingBoundaryState> {
  override state: DrawingBoundaryState = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<DrawingBoundaryState> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(
    props: DrawingBoundaryProps,
    state: DrawingBoundaryState,
  ): Partial<DrawingBoundaryState> | null {
    return props.resetKey === state.key ? null : { error: null, key: props.resetKey };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    this.props.onError?.(error, info);
  }

  override render(): ReactNode {
    const { error } = this.state;
    return error ? <CannotDraw reason={error.message} label={this.props.label} /> : this.props.children;
  }
}
