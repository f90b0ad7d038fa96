/** Hash routes: `#/` the playground, `#/graph`, `#/lessons`, `#/lessons/<id>`. The query string holds the experiment. */
export type Route =
  | { page: "playground" }
  | { page: "graph" }
  | { page: "lessons" }
  | { page: "lesson"; id: string }
  | { page: "notFound"; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, "").replace(/\/+$/, "");
  if (path === "" || path === "playground") return { page: "playground" };
  if (path === "graph") return { page: "graph" };
  if (path === "lessons") return { page: "lessons" };
  const lesson = /^lessons\/([\w-]+)$/.exec(path);
  if (lesson) return { page: "lesson", id: lesson[1] as string };
  return { page: "notFound", path };
}

export function routeHref(route: Route): string {
  switch (route.page) {
    case "playground":
      return "#/";
    case "graph":
      return "#/graph";
    case "lessons":
      return "#/lessons";
    case "lesson":
      return `#/lessons/${route.id}`;
    case "notFound":
      return `#/${route.path}`;
  }
}
