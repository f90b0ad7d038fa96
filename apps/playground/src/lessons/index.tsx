/** The lessons: one page per section of the seed README (see issue 8). */
import type { ReactElement } from "react";
import type { MessageKey } from "../i18n.js";

export interface Lesson {
  id: string;
  /** Message key of the lesson's title. */
  title: MessageKey;
  Page: () => ReactElement;
}

export const LESSONS: Lesson[] = [];
