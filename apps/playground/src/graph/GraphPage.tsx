/** The graph explorer page (see issue 8). */
import type { ReactElement } from "react";
import { useI18n } from "../i18n.js";

export function GraphPage(): ReactElement {
  const { t } = useI18n();
  return (
    <section aria-labelledby="graph-heading">
      <h2 id="graph-heading">{t("graph.title")}</h2>
    </section>
  );
}
