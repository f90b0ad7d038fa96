/** Texts of the lessons (one page per section of the seed README). */
export const lessonsEn = {
  "lessons.title": "Lessons",
};
