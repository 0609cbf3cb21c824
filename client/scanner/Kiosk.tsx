import { useState } from 'preact/hooks';
import { checkCredential } from '../../phone/api-client.ts';
import { leaveKiosk, turnKioskOn, validKioskPin } from '../../phone/kiosk.ts';
import type { StoredSession } from '../../phone/rows.ts';
import { t } from '../i18n/index.ts';
import { setStatus } from './store.ts';
import { errorText } from './verdict-text.ts';

/** Fullscreen where the browser allows it (it needs a tap); a stand works without it too. */
export function enterFullscreen(): void {
  if (!document.fullscreenElement) void document.documentElement.requestFullscreen?.().catch(() => undefined);
}
function exitFullscreen(): void {
  if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
}

const digits = (e: Event) => (e.target as HTMLInputElement).value.replace(/\D/g, '').slice(0, 8);

/**
 * A supervisor turns kiosk mode on for a self-scan stand: confirmed by this phone's supervisor
 * sign-in or a supervisor credential, with a PIN chosen now that is needed to leave it.
 */
export function KioskSetup({ session, onDone }: { session: StoredSession; onDone: () => void }) {
  const [credential, setCredential] = useState('');
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  async function turnOn(e: Event) {
    e.preventDefault();
    if (!validKioskPin(pin)) return setProblem(t('kiosk.pinRule'));
    enterFullscreen(); // while the tap still counts as a gesture; left again if not confirmed
    try {
      if (session.role !== 'supervisor') {
        const check = await checkCredential(session.server, session.event.id, credential);
        if (check.role !== 'supervisor') throw new Error(t('kiosk.notSupervisor'));
      }
      await turnKioskOn(pin);
      setStatus({ kiosk: true });
      onDone();
    } catch (err) {
      exitFullscreen();
      setProblem(t('kiosk.notTurnedOn', { message: errorText(err) }));
    }
  }
  return (
    <section class="panel" aria-labelledby="kiosk-title">
      <h2 id="kiosk-title">{t('kiosk.title')}</h2>
      <p>{t('kiosk.help')}</p>
      <form onSubmit={(e) => void turnOn(e)}>
        {session.role !== 'supervisor' && (
          <>
            <label for="kiosk-supervisor">{t('kiosk.supervisorCredential')}</label>
            <input id="kiosk-supervisor" autocomplete="off" value={credential} onInput={(e) => setCredential((e.target as HTMLInputElement).value)} />
          </>
        )}
        <label for="kiosk-new-pin">{t('kiosk.choosePin')}</label>
        <input id="kiosk-new-pin" type="password" inputMode="numeric" autocomplete="off" value={pin} onInput={(e) => setPin(digits(e))} />
        <button type="submit">{t('kiosk.turnOn')}</button>
        {problem && (
          <p class="warn" role="alert">
            {problem}
          </p>
        )}
      </form>
      <button type="button" onClick={onDone}>
        {t('common.backToScanning')}
      </button>
    </section>
  );
}

/** Leaving kiosk mode takes the supervisor's PIN. */
export function KioskLeave({ onDone }: { onDone: () => void }) {
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  async function leave(e: Event) {
    e.preventDefault();
    const result = await leaveKiosk(pin);
    if (!result.left) {
      setPin('');
      const wait = Math.ceil(result.lockedForMs / 1000);
      return setProblem(wait > 0 ? t('kiosk.wait', { seconds: wait }) : t('kiosk.wrongPin'));
    }
    setStatus({ kiosk: false });
    exitFullscreen();
    onDone();
  }
  return (
    <section class="panel" aria-labelledby="kiosk-leave-title">
      <h2 id="kiosk-leave-title">{t('kiosk.supervisorTitle')}</h2>
      <form onSubmit={(e) => void leave(e)}>
        <label for="kiosk-pin">{t('kiosk.pin')}</label>
        <input id="kiosk-pin" type="password" inputMode="numeric" autocomplete="off" value={pin} onInput={(e) => setPin(digits(e))} />
        <button type="submit">{t('kiosk.leave')}</button>
        {problem && (
          <p class="warn" role="alert">
            {problem}
          </p>
        )}
      </form>
      <button type="button" onClick={onDone}>
        {t('common.backToScanning')}
      </button>
    </section>
  );
}
