/** A link problem (see `fromQuery`) worded in the page's language. */
import type { LinkProblem } from "../engine/experiment.js";
import type { I18n, MessageKey } from "../i18n.js";

export function problemMessage(t: I18n["t"], p: LinkProblem): string {
  return t(`pg.problem.${p.kind}` as MessageKey, { ...p });
}
