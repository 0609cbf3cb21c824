// How each verdict looks and sounds at the door. Five classes, each with its own colour,
// symbol, sound and vibration: admitted (green ✓), let out (blue ➜), already in (orange ↺:
// the person may have just walked in, not a forged ticket), invalid (red ✕: unknown,
// cancelled, wrong entrance, not open) and needs a person (purple !: conflict, error).
// Every text colour is checked to a contrast of at least 7:1 on its background.
import type { Direction, Verdict } from '../../shared/protocol/common.ts';
import { t } from '../i18n/index.ts';
import type { Tone } from './devices/feedback.ts';

export interface VerdictLook {
  tone: Tone;
  headline: string;
  /** A shape as well as a colour, for staff who cannot tell red from green. */
  symbol: string;
  background: string;
  foreground: string;
}

export const palette: Record<Tone, { background: string; foreground: string; symbol: string }> = {
  accepted: { background: '#0a5c1f', foreground: '#ffffff', symbol: '✓' },
  exit: { background: '#0d47a1', foreground: '#ffffff', symbol: '➜' },
  already: { background: '#ff8f00', foreground: '#000000', symbol: '↺' },
  refused: { background: '#8f0000', foreground: '#ffffff', symbol: '✕' },
  attention: { background: '#6a1b9a', foreground: '#ffffff', symbol: '!' },
};

/** How long each class stays on screen unless the next scan or a tap replaces it. */
export const showMs: Record<Tone, number> = { accepted: 2500, exit: 2500, already: 5000, refused: 4000, attention: 6000 };

export function toneOf(verdict: Verdict | 'error', direction: Direction = 'in'): Tone {
  if (verdict === 'accepted') return direction === 'out' ? 'exit' : 'accepted';
  if (verdict === 'already_checked_in') return 'already';
  if (verdict === 'conflict' || verdict === 'error') return 'attention';
  return 'refused';
}

export function lookOf(verdict: Verdict | 'error', direction: Direction = 'in'): VerdictLook {
  const tone = toneOf(verdict, direction);
  // The headline by verdict code, from the door's catalogue ("Admit" / "Eingelassen").
  const headline = t(`verdict.headline.${tone === 'exit' ? 'exit' : verdict}`);
  const { background, foreground, symbol } = palette[tone];
  return { tone, headline, symbol, background, foreground };
}

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
