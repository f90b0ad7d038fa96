/** Texts of the graph explorer page. */
export const graphEn = {
  "graph.title": "Graph explorer",
};
