import { useState } from 'preact/hooks';
import { signIn } from '../../phone/api-client.ts';
import { leaveKiosk, turnKioskOn, validKioskPin } from '../../phone/kiosk.ts';
import type { StoredSession } from '../../phone/rows.ts';
import { setStatus } from './store.ts';

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
    if (!validKioskPin(pin)) return setProblem('Choose a PIN of 4 to 8 digits');
    enterFullscreen(); // while the tap still counts as a gesture; left again if not confirmed
    try {
      if (session.role !== 'supervisor') {
        const check = await signIn(session.server, session.event.id, credential, 'supervisor check');
        if (check.role !== 'supervisor') throw new Error('that credential is not a supervisor credential');
      }
      await turnKioskOn(pin);
      setStatus({ kiosk: true });
      onDone();
    } catch (err) {
      exitFullscreen();
      setProblem(`Kiosk mode not turned on: ${(err as Error).message}`);
    }
  }
  return (
    <section class="panel" aria-labelledby="kiosk-title">
      <h2 id="kiosk-title">Kiosk mode</h2>
      <p>For a self-scan stand: fullscreen, and no sign-out or settings until a supervisor enters the PIN.</p>
      <form onSubmit={(e) => void turnOn(e)}>
        {session.role !== 'supervisor' && (
          <>
            <label for="kiosk-supervisor">Supervisor credential</label>
            <input id="kiosk-supervisor" autocomplete="off" value={credential} onInput={(e) => setCredential((e.target as HTMLInputElement).value)} />
          </>
        )}
        <label for="kiosk-new-pin">Choose a PIN (4 to 8 digits)</label>
        <input id="kiosk-new-pin" type="password" inputMode="numeric" autocomplete="off" value={pin} onInput={(e) => setPin(digits(e))} />
        <button type="submit">Turn on kiosk mode</button>
        {problem && (
          <p class="warn" role="alert">
            {problem}
          </p>
        )}
      </form>
      <button type="button" onClick={onDone}>
        Back to scanning
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
      return setProblem(wait > 0 ? `Too many wrong PINs: wait ${wait} s, then try again.` : 'Wrong PIN');
    }
    setStatus({ kiosk: false });
    exitFullscreen();
    onDone();
  }
  return (
    <section class="panel" aria-labelledby="kiosk-leave-title">
      <h2 id="kiosk-leave-title">Supervisor</h2>
      <form onSubmit={(e) => void leave(e)}>
        <label for="kiosk-pin">Kiosk PIN</label>
        <input id="kiosk-pin" type="password" inputMode="numeric" autocomplete="off" value={pin} onInput={(e) => setPin(digits(e))} />
        <button type="submit">Leave kiosk mode</button>
        {problem && (
          <p class="warn" role="alert">
            {problem}
          </p>
        )}
      </form>
      <button type="button" onClick={onDone}>
        Back to scanning
      </button>
    </section>
  );
}
