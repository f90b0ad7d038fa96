/** Export: the trained model as a file in the layers format, and TypeScript that rebuilds it. */
import { memo, type ReactElement, useMemo, useState } from "react";
import type { Experiment } from "../engine/experiment.js";
import { useI18n } from "../i18n.js";
import { modelSnippet } from "./snippet.js";

function download(bytes: Uint8Array, name: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: "application/octet-stream" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const ExportPanel = memo(function ExportPanel(props: {
  experiment: Experiment;
  inWorker: boolean | null;
  exportModel: () => Promise<Uint8Array>;
}): ReactElement {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const snippet = useMemo(() => modelSnippet(props.experiment), [props.experiment]);
  return (
    <section aria-label={t("pg.export")} className="card export">
      <p className="hint">{t("pg.link")}</p>
      {props.inWorker !== null && (
        <p className="hint" data-role="runner">
          {props.inWorker ? t("pg.worker") : t("pg.noWorker")}
        </p>
      )}
      <button
        type="button"
        onClick={async () => download(await props.exportModel(), `sinapse-${props.experiment.dataset}.safetensors`)}
      >
        {t("pg.downloadModel")}
      </button>
      <details>
        <summary>{t("pg.snippet")}</summary>
        <button
          type="button"
          onClick={async () => {
            await navigator.clipboard?.writeText(snippet);
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          }}
        >
          {copied ? t("pg.copied") : t("pg.copySnippet")}
        </button>
        <pre>
          <code>{snippet}</code>
        </pre>
      </details>
    </section>
  );
});
