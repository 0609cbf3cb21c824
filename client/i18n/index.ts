// The door's words: one typed catalogue per language (en.ts is the source of keys, de.ts has
// the same shape, so a missing or misshaped German message is a type error), chosen on the
// device (stored in localStorage; default from the browser's languages), with numbers and
// times formatted by Intl in that language and the event's time zone.
import { useEffect, useState } from 'preact/hooks';
import { de } from './de.ts';
import { en, type Messages } from './en.ts';
import { type Fmt, formatter } from './format.ts';

export type { Fmt } from './format.ts';
export type MessageKey = keyof Messages;

export const catalogues: Record<Locale, Messages> = { en, de };
export const locales = ['en', 'de'] as const;
export type Locale = (typeof locales)[number];
/** Each language's own name, for the picker (never translated). */
export const localeNames: Record<Locale, string> = { en: 'English', de: 'Deutsch' };
/** The Intl tag each language formats with (24-hour times, European conventions). */
const intlTags: Record<Locale, string> = { en: 'en-GB', de: 'de-DE' };

export const LOCALE_STORAGE_KEY = 'fastcheck.locale';

const isLocale = (s: unknown): s is Locale => typeof s === 'string' && (locales as readonly string[]).includes(s);

/** The first of `preferred` (e.g. navigator.languages) this app speaks, else English. */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

function storedLocale(): Locale | null {
  try {
    const v = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
    return isLocale(v) ? v : null;
  } catch {
    return null;
  }
}

function browserLocales(): readonly string[] {
  const nav = globalThis.navigator;
  if (!nav) return [];
  return nav.languages?.length ? nav.languages : nav.language ? [nav.language] : [];
}

let locale: Locale = storedLocale() ?? pickLocale(browserLocales());
let zone: string | null = null;
let fmt: Fmt = formatter(intlTags[locale], zone);
const listeners = new Set<() => void>();

function changed(): void {
  fmt = formatter(intlTags[locale], zone);
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  for (const l of listeners) l();
}

export const getLocale = (): Locale => locale;

/** Chooses this device's language and remembers it. */
export function setLocale(next: Locale): void {
  locale = next;
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, next);
  } catch {
    // storage refused (private mode): the choice holds until the page closes
  }
  changed();
}

/** The event's IANA zone (null before sign-in: the device's): every time the door shows is in it. */
export function setTimeZone(next: string | null): void {
  if (next === zone) return;
  zone = next;
  changed();
}

export const getTimeZone = (): string | null => zone;

/** Re-renders the caller when the language or the zone changes; returns the language. */
export function useLocale(): Locale {
  const [, setTick] = useState(0);
  useEffect(() => {
    const l = () => setTick((n) => n + 1);
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
  return locale;
}

type Params<K extends MessageKey> = Messages[K] extends (p: infer P, f: Fmt) => string ? [params: P] : [];

/** The message `key` in the chosen language, its placeholders filled from `params`. */
export function t<K extends MessageKey>(key: K, ...params: Params<K>): string {
  const m = catalogues[locale][key] as string | ((p: unknown, f: Fmt) => string);
  return typeof m === 'string' ? m : m(params[0], fmt);
}

export const formatNumber = (n: number): string => fmt.number(n);
export const formatTime = (at: Date | string): string => fmt.time(at);

if (typeof document !== 'undefined') document.documentElement.lang = locale;
