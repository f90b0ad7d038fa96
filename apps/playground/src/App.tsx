import { Component, lazy, type ReactElement, type ReactNode, Suspense, useEffect, useState } from "react";
import { I18nProvider, LANGUAGES, type Language, useI18n } from "./i18n.js";
import { PlaygroundPage } from "./playground/PlaygroundPage.js";
import { TrainingProvider } from "./playground/TrainingContext.js";
import { parseRoute, type Route } from "./routes.js";

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(typeof window === "undefined" ? "" : window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener("hashchange", update);
    return () => window.removeEventListener("hashchange", update);
  }, []);
  return route;
}

// The graph explorer and the lessons load when first opened, so the playground starts sooner.
const GraphPage = lazy(() => import("./graph/GraphPage.js").then((m) => ({ default: m.GraphPage })));
const Lessons = lazy(() => import("./lessons/index.js").then((m) => ({ default: m.LessonsRoute })));

function Loading(): ReactElement {
  const { t } = useI18n();
  return <p aria-busy="true">{t("app.loading")}</p>;
}

/** A page that throws shows what went wrong (in the page's language) instead of a blank screen. */
class PageBoundary extends Component<{ children: ReactNode; title: string; back: string; resetKey: string }> {
  override state: { error: string | null; key: string } = { error: null, key: this.props.resetKey };
  static getDerivedStateFromError(error: unknown): { error: string } {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  static getDerivedStateFromProps(
    props: { resetKey: string },
    state: { error: string | null; key: string },
  ): { error: string | null; key: string } | null {
    return props.resetKey === state.key ? null : { error: null, key: props.resetKey };
  }
  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    return (
      <section role="alert" className="error">
        <h2>{this.props.title}</h2>
        <p>{this.state.error}</p>
        <a href="#/">{this.props.back}</a>
      </section>
    );
  }
}

function Page({ route }: { route: Route }): ReactElement {
  const { t } = useI18n();
  switch (route.page) {
    case "playground":
      return <PlaygroundPage />;
    case "graph":
      return (
        <Suspense fallback={<Loading />}>
          <GraphPage />
        </Suspense>
      );
    case "lessons":
    case "lesson":
      return (
        <Suspense fallback={<Loading />}>
          <Lessons id={route.page === "lesson" ? route.id : null} />
        </Suspense>
      );
    case "notFound":
      break;
  }
  return (
    <section>
      <h2>{t("notFound.title")}</h2>
      <a href="#/">{t("notFound.back")}</a>
    </section>
  );
}

function Shell(): ReactElement {
  const { t, language, setLanguage } = useI18n();
  const route = useRoute();
  const current = (page: Route["page"]) =>
    route.page === page || (page === "lessons" && route.page === "lesson") ? "page" : undefined;
  useEffect(() => {
    document.title = t("app.pageTitle");
  }, [t]);
  return (
    <>
      <header className="app-header">
        <div>
          <h1>{t("app.title")}</h1>
          <p className="tagline">{t("app.tagline")}</p>
        </div>
        <nav aria-label={t("nav.main")}>
          <a href="#/" aria-current={current("playground")}>
            {t("nav.playground")}
          </a>
          <a href="#/graph" aria-current={current("graph")}>
            {t("nav.graph")}
          </a>
          <a href="#/lessons" aria-current={current("lessons")}>
            {t("nav.lessons")}
          </a>
          <label className="language">
            <span className="visually-hidden">{t("nav.language")}</span>
            <select value={language} onChange={(ev) => setLanguage(ev.currentTarget.value as Language)}>
              {(Object.keys(LANGUAGES) as Language[]).map((l) => (
                <option key={l} value={l}>
                  {LANGUAGES[l].name}
                </option>
              ))}
            </select>
          </label>
        </nav>
      </header>
      <main>
        <PageBoundary title={t("app.pageFailed")} back={t("notFound.back")} resetKey={JSON.stringify(route)}>
          <Page route={route} />
        </PageBoundary>
      </main>
    </>
  );
}

export function App({ language }: { language?: Language } = {}): ReactElement {
  return (
    <I18nProvider {...(language ? { language } : {})}>
      <TrainingProvider>
        <Shell />
      </TrainingProvider>
    </I18nProvider>
  );
}
