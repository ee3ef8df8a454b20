// Pure: the interface languages a user can choose (Settings → Users → Interface Language).
export const LANGUAGES = {
  en: "English",
  de: "Deutsch",
  fr: "Français",
  it: "Italiano",
  es: "Español",
  nl: "Nederlands",
  pt: "Português",
  pl: "Polski",
  cs: "Čeština",
  hu: "Magyar",
} as const;

export type LanguageCode = keyof typeof LANGUAGES;
export const LANGUAGE_CODES = Object.keys(LANGUAGES) as [LanguageCode, ...LanguageCode[]];

/** "English (en)", as the seed's screen shows it; an unknown stored code shows as itself. */
export const languageLabel = (code: string) =>
  code in LANGUAGES ? `${LANGUAGES[code as LanguageCode]} (${code})` : code;
