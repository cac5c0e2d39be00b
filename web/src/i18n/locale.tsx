import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

/** Chinese first; English is a switch kept per browser. */
export type Lang = 'zh' | 'en';

const STORAGE_KEY = 'hub.lang';

interface LocaleValue {
  lang: Lang;
  setLang(lang: Lang): void;
  /** The label in the current language: `t('项目', 'Project')`. */
  t(zh: string, en: string): string;
}

const LocaleContext = createContext<LocaleValue>({ lang: 'zh', setLang: () => {}, t: (zh) => zh });

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh'));
  const value = useMemo<LocaleValue>(
    () => ({
      lang,
      setLang(next) {
        localStorage.setItem(STORAGE_KEY, next);
        document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
        setLangState(next);
      },
      t: (zh, en) => (lang === 'zh' ? zh : en),
    }),
    [lang],
  );
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleValue {
  return useContext(LocaleContext);
}
