/**
 * The app's two languages: English and Portuguese (pt-BR, the seed's language). The
 * browser's language picks one at start; the header's switch changes it and remembers
 * the choice. Texts live in one table per language with the same keys, so a missing
 * translation is a type error.
 */
import { createContext, type ReactElement, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { en } from "./messages/en.js";
import { ptBR } from "./messages/pt-BR.js";

export type Language = "en" | "pt-BR";
export type Messages = typeof en;
export type MessageKey = keyof Messages;

export const LANGUAGES: Record<Language, { name: string; messages: Messages }> = {
  en: { name: "English", messages: en },
  "pt-BR": { name: "Português", messages: ptBR },
};

const STORAGE_KEY = "sinapse.language";

/** The first of the browser's languages we have (any Portuguese → pt-BR), else English. */
export function detectLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower.startsWith("pt")) return "pt-BR";
    if (lower.startsWith("en")) return "en";
  }
  return "en";
}

/** `{name}` placeholders filled from `values`. */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

export interface I18n {
  language: Language;
  setLanguage: (language: Language) => void;
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  if (typeof window === "undefined") return "en";
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (saved === "en" || saved === "pt-BR") return saved;
  } catch {
    // storage may be disabled; fall back to the browser's languages
  }
  return detectLanguage(typeof navigator === "undefined" ? [] : (navigator.languages ?? [navigator.language]));
}

export function I18nProvider({
  children,
  language: fixed,
}: {
  children: ReactNode;
  language?: Language;
}): ReactElement {
  const [language, setState] = useState<Language>(() => fixed ?? initialLanguage());
  const setLanguage = useCallback((next: Language) => {
    setState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not remembered; the switch still works for this visit
    }
  }, []);
  const value = useMemo<I18n>(() => {
    const messages = LANGUAGES[language].messages;
    return { language, setLanguage, t: (key, values) => format(messages[key], values) };
  }, [language, setLanguage]);
  if (typeof document !== "undefined") document.documentElement.lang = language;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n: wrap the app in <I18nProvider>");
  return value;
}
