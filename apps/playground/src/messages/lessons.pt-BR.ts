import type { lessonsEn } from "./lessons.en.js";

export const lessonsPt: Record<keyof typeof lessonsEn, string> = {
  "lessons.title": "Lições",
};
