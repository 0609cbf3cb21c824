import { getLocale, type Locale, localeNames, locales, setLocale, t, useLocale } from '../i18n/index.ts';

/**
 * The door's language, chosen on this phone and kept on it (first default: the browser's
 * language). The choice leaves no focus behind: a hardware scanner's keys would otherwise
 * change the language instead of checking a ticket in.
 */
export function LanguageSetting() {
  useLocale();
  return (
    <label class="inline language-setting">
      {t('settings.language')}
      <select
        data-testid="language"
        value={getLocale()}
        onChange={(e) => {
          const el = e.target as HTMLSelectElement;
          setLocale(el.value as Locale);
          el.blur();
        }}
      >
        {locales.map((l) => (
          <option key={l} value={l} lang={l}>
            {localeNames[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
