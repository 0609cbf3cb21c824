// How each verdict looks and sounds at the door: one tone (green / red / amber), a
// headline readable across a room, and colours checked to a contrast of at least 7:1.
import type { Direction, Verdict } from '../../shared/protocol/common.ts';
import type { Tone } from './devices/feedback.ts';

export interface VerdictLook {
  tone: Tone;
  headline: string;
  /** A shape as well as a colour, for staff who cannot tell red from green. */
  symbol: string;
  background: string;
  foreground: string;
}

const palette: Record<Tone, { background: string; foreground: string }> = {
  accepted: { background: '#0a5c1f', foreground: '#ffffff' },
  refused: { background: '#8f0000', foreground: '#ffffff' },
  attention: { background: '#ffb300', foreground: '#000000' },
};

const symbols: Record<Tone, string> = { accepted: '✓', refused: '✕', attention: '!' };

const headlines: Record<Verdict, string> = {
  accepted: 'Admit',
  already_checked_in: 'Already in',
  unknown_ticket: 'Unknown ticket',
  wrong_entrance: 'Wrong entrance',
  not_open: 'Not open',
  cancelled: 'Cancelled',
  conflict: 'Conflict',
};

export function toneOf(verdict: Verdict | 'error'): Tone {
  if (verdict === 'accepted') return 'accepted';
  if (verdict === 'conflict' || verdict === 'not_open' || verdict === 'error') return 'attention';
  return 'refused';
}

export function lookOf(verdict: Verdict | 'error', direction: Direction = 'in'): VerdictLook {
  const tone = toneOf(verdict);
  const headline = verdict === 'error' ? 'Try again' : verdict === 'accepted' && direction === 'out' ? 'Exit' : headlines[verdict];
  return { tone, headline, symbol: symbols[tone], ...palette[tone] };
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
