import { type ReactElement, useEffect, useState } from "react";
import { GraphPage } from "./graph/GraphPage.js";
import { I18nProvider, LANGUAGES, type Language, useI18n } from "./i18n.js";
import { LESSONS } from "./lessons/index.js";
import { PlaygroundPage } from "./playground/PlaygroundPage.js";
import { parseRoute, type Route, routeHref } from "./routes.js";

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(typeof window === "undefined" ? "" : window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener("hashchange", update);
    return () => window.removeEventListener("hashchange", update);
  }, []);
  return route;
}

function LessonsIndex(): ReactElement {
  const { t } = useI18n();
  return (
    <section aria-labelledby="lessons-heading">
      <h2 id="lessons-heading">{t("lessons.title")}</h2>
      <ol className="lesson-list">
        {LESSONS.map((l) => (
          <li key={l.id}>
            <a href={routeHref({ page: "lesson", id: l.id })}>{t(l.title)}</a>
          </li>
        ))}
      </ol>
    </section>
  );
}

function Page({ route }: { route: Route }): ReactElement {
  const { t } = useI18n();
  switch (route.page) {
    case "playground":
      return <PlaygroundPage />;
    case "graph":
      return <GraphPage />;
    case "lessons":
      return <LessonsIndex />;
    case "lesson": {
      const lesson = LESSONS.find((l) => l.id === route.id);
      if (lesson) return <lesson.Page />;
      break;
    }
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
        <Page route={route} />
      </main>
    </>
  );
}

export function App({ language }: { language?: Language } = {}): ReactElement {
  return (
    <I18nProvider {...(language ? { language } : {})}>
      <Shell />
    </I18nProvider>
  );
}
