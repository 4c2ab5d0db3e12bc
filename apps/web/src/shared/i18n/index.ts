/**
 * zh-CN is the source language, English has the same keys (checked by a
 * test). One namespace per feature plus `common`. The choice is remembered;
 * switching also moves dayjs and antd (the providers read `language`).
 */
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resourcesZh } from './resources';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'huijia.language';

function remembered(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** English is a chunk of its own, fetched the first time it is chosen; zh-CN ships in the entry. */
async function loadLanguage(language: Language): Promise<void> {
  if (language !== 'en' || i18n.hasResourceBundle('en', 'common')) return;
  const { resourcesEn } = await import('./resources-en');
  for (const [namespace, bundle] of Object.entries(resourcesEn)) i18n.addResourceBundle('en', namespace, bundle);
}

export async function initI18n(): Promise<void> {
  const language = remembered();
  dayjs.locale(language === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = language;
  await i18n.use(initReactI18next).init({
    resources: language === 'en' ? { 'zh-CN': resourcesZh, en: (await import('./resources-en')).resourcesEn } : { 'zh-CN': resourcesZh },
    lng: language,
    fallbackLng: 'zh-CN',
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}

export async function switchLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private windows may refuse storage: the switch still holds for this visit.
  }
  await loadLanguage(language);
  dayjs.locale(language === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = language;
  await i18n.changeLanguage(language);
}

export { messageHalf } from './message-half';
