import type { graphEn } from "./graph.en.js";

export const graphPt: Record<keyof typeof graphEn, string> = {
  "graph.title": "Explorador de grafos",
};
