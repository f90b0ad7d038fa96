/** Textos em português (pt-BR), com as mesmas chaves do inglês. */
import type { en } from "./en.js";
import { graphPt } from "./graph.pt-BR.js";
import { lessonsPt } from "./lessons.pt-BR.js";
import { playgroundPt } from "./playground.pt-BR.js";

const shellPt = {
  "app.title": "Sinapse",
  "app.tagline": "Redes neurais do zero, em TypeScript.",
  "app.pageTitle": "Sinapse — redes neurais do zero",
  "app.pageFailed": "Esta página falhou",
  "app.loading": "Carregando…",
  "nav.playground": "Playground",
  "nav.graph": "Explorador de grafos",
  "nav.lessons": "Lições",
  "nav.language": "Idioma",
  "nav.main": "Principal",
  "notFound.title": "Página não encontrada",
  "notFound.back": "Voltar ao playground",
};

export const ptBR: Record<keyof typeof en, string> = { ...shellPt, ...playgroundPt, ...graphPt, ...lessonsPt };
