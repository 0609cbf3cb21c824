import { useRef } from 'preact/hooks';
import { useFitText } from './fit-text.ts';
import type { ShownVerdict } from './scan-controller.ts';
import { useStatus } from './store.ts';
import { lookOf } from './verdict-look.ts';

/** Full-screen verdict. Scanning continues underneath; a tap or the next scan replaces it. */
export function VerdictScreen({ shown, onDismiss }: { shown: ShownVerdict; onDismiss: () => void }) {
  const look = lookOf(shown.verdict, shown.direction);
  const r = shown.result;
  const reason = r?.message ?? shown.problem ?? '';
  const { sessionEnded } = useStatus();
  const name = r?.attendee?.name || shown.code;
  const headlineRef = useRef<HTMLParagraphElement>(null);
  const nameRef = useRef<HTMLParagraphElement>(null);
  const reasonRef = useRef<HTMLParagraphElement>(null);
  useFitText(headlineRef, look.headline, 20);
  useFitText(nameRef, name, 16);
  useFitText(reasonRef, reason, 16);
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the tap is a shortcut; from a keyboard or wedge scanner the next scan replaces the verdict
    <div
      class="verdict"
      data-testid="verdict"
      data-verdict={shown.verdict}
      data-tone={look.tone}
      style={{ background: look.background, color: look.foreground }}
      onClick={onDismiss}
      role="alert"
    >
      <p class="verdict-symbol" data-testid="verdict-symbol" aria-hidden="true">
        {look.symbol}
      </p>
      <p class="verdict-headline" data-testid="verdict-headline" ref={headlineRef}>
        {look.headline}
      </p>
      <p class={r?.attendee?.name ? 'verdict-name' : 'verdict-name verdict-code'} data-testid="verdict-name" ref={nameRef}>
        {name}
      </p>
      {r?.attendee?.ticket_type && (
        <p class="verdict-type" data-testid="verdict-type">
          {r.attendee.ticket_type}
        </p>
      )}
      <p class="verdict-reason" data-testid="verdict-reason" ref={reasonRef}>
        {reason}
      </p>
      {shown.decidedLocally && (
        <p class="verdict-note">
          {sessionEnded ? 'Decided on this phone: will upload after signing in again' : 'Decided on this phone (no signal): will upload later'}
        </p>
      )}
      <p class="verdict-note">Tap or scan the next ticket</p>
    </div>
  );
}
