import type { Locale } from '@sidakin/core';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from '../i18n/en';
import { id } from '../i18n/id';

export const localeStorageKey = 'sidakin.locale';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof id };
  }
}

function storedLocale(): Locale {
  try {
    const value = window.localStorage.getItem(localeStorageKey);
    if (value === 'id' || value === 'en') return value;
  } catch {
    // Storage may be unavailable (private mode); Indonesian is the default.
  }
  return 'id';
}

void i18n.use(initReactI18next).init({
  resources: { id: { translation: id }, en: { translation: en } },
  lng: storedLocale(),
  fallbackLng: 'id',
  supportedLngs: ['id', 'en'],
  interpolation: { escapeValue: false },
  initAsync: false,
  showSupportNotice: false,
});
document.documentElement.lang = i18n.language;

export function currentLocale(): Locale {
  return i18n.language === 'en' ? 'en' : 'id';
}

export function setLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(localeStorageKey, locale);
  } catch {
    // Not persisted; the choice still holds for this page.
  }
  document.documentElement.lang = locale;
  void i18n.changeLanguage(locale);
}

export { i18n };
