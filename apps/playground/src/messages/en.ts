/** English texts: one table per part of the app, merged. pt-BR.ts must have every key. */
import { graphEn } from "./graph.en.js";
import { lessonsEn } from "./lessons.en.js";
import { playgroundEn } from "./playground.en.js";

export const shellEn = {
  "app.title": "Sinapse",
  "app.tagline": "Neural networks from scratch, in TypeScript.",
  "app.pageTitle": "Sinapse — neural networks from scratch",
  "app.pageFailed": "This page failed",
  "app.loading": "Loading…",
  "nav.playground": "Playground",
  "nav.graph": "Graph explorer",
  "nav.lessons": "Lessons",
  "nav.language": "Language",
  "nav.main": "Main",
  "notFound.title": "Page not found",
  "notFound.back": "Back to the playground",
};

export const en = { ...shellEn, ...playgroundEn, ...graphEn, ...lessonsEn };
