import { useRef } from 'preact/hooks';
import { t } from '../i18n/index.ts';
import { useFitText } from './fit-text.ts';
import type { ShownVerdict } from './scan-controller.ts';
import { useStatus } from './store.ts';
import { lookOf } from './verdict-look.ts';
import { type DoorContext, verdictReason } from './verdict-text.ts';

/** Full-screen verdict. Scanning continues underneath; a tap or the next scan replaces it. */
export function VerdictScreen({ shown, door, onDismiss }: { shown: ShownVerdict; door: DoorContext; onDismiss: () => void }) {
  const look = lookOf(shown.verdict, shown.direction);
  const r = shown.result;
  const reason = verdictReason(shown, door);
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
      data-rehearsal={r?.rehearsal ? 'true' : undefined}
      style={{ background: look.background, color: look.foreground }}
      onClick={onDismiss}
      role="alert"
    >
      {r?.rehearsal && (
        <p class="verdict-rehearsal" data-testid="verdict-rehearsal">
          {t('verdict.rehearsal')}
        </p>
      )}
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
      {r?.rehearsal && <p class="verdict-note">{t('verdict.rehearsalNote')}</p>}
      {shown.decidedLocally && <p class="verdict-note">{sessionEnded ? t('verdict.decidedHereSignIn') : t('verdict.decidedHere')}</p>}
      <p class="verdict-note">{t('verdict.next')}</p>
    </div>
  );
}
