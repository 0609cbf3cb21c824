import { useEffect, useState } from 'preact/hooks';
import { isKioskOn } from '../../phone/kiosk.ts';
import { getSyncMeta } from '../../phone/meta.ts';
import { chooseEntrance, dismissRulesNotice, getSession } from '../../phone/session.ts';
import type { StoredSession } from '../../phone/rows.ts';
import { setTimeZone, t } from '../i18n/index.ts';
import { AttentionScreen } from './AttentionScreen.tsx';
import { startBackground } from './background.ts';
import { ChooseEntrance } from './ChooseEntrance.tsx';
import { ConflictAlert } from './ConflictAlert.tsx';
import { keepScreenOn } from './devices/wake-lock.ts';
import { FirstSync } from './FirstSync.tsx';
import { enterFullscreen, KioskLeave, KioskSetup } from './Kiosk.tsx';
import { ScanScreen } from './ScanScreen.tsx';
import { SignIn } from './SignIn.tsx';
import { SignOut } from './SignOut.tsx';
import { StatusBar } from './StatusBar.tsx';
import { StorageHint } from './StorageHint.tsx';
import { setStatus, useStatus } from './store.ts';

type Screen = 'loading' | 'sign-in' | 'sign-in-again' | 'entrance' | 'first-sync' | 'scan' | 'attention' | 'sign-out' | 'kiosk-on' | 'kiosk-off';

function screenFor(session: StoredSession | undefined, synced: boolean): Screen {
  if (!session) return 'sign-in';
  if (!session.scanning_entrance_id && session.entrances.length > 0) return 'entrance';
  return synced ? 'scan' : 'first-sync';
}

/** The door app: which screen, from what is stored on the phone. */
export function ScannerApp() {
  const [session, setSession] = useState<StoredSession>();
  const [screen, setScreen] = useState<Screen>('loading');
  const { updateReady, updateNeeded, sessionEnded, kiosk, rulesApplied } = useStatus();

  const load = async () => {
    const s = await getSession();
    const meta = await getSyncMeta();
    setStatus({ kiosk: await isKioskOn() });
    setSession(s);
    // Every time the door shows is in the event's zone, whatever zone the phone is set to.
    setTimeZone(s?.event.timezone ?? null);
    setScreen(screenFor(s, meta.cursor !== null));
  };
  useEffect(() => void load(), []);
  // A sync brought new rules: show them (a removed entrance leads to the choice of another).
  useEffect(() => void (rulesApplied > 0 && load()), [rulesApplied]);
  // Scanning goes on while the door signs in again: the background keeps counting the outbox.
  const running = !!session && ['scan', 'attention', 'sign-out', 'sign-in-again', 'kiosk-on', 'kiosk-off'].includes(screen);
  useEffect(() => (running && session ? startBackground(session) : undefined), [running, session?.token, session?.scanning_entrance_id]);
  // The screen stays on while the scanner is open; signing out lets it sleep again.
  useEffect(() => (running ? keepScreenOn() : undefined), [running]);
  // A stand goes back to fullscreen at the next tap (a reload or a swipe may have left it).
  useEffect(() => {
    if (!kiosk) return;
    document.addEventListener('pointerdown', enterFullscreen);
    return () => document.removeEventListener('pointerdown', enterFullscreen);
  }, [kiosk]);

  return (
    <div class="scanner">
      {session && screen !== 'sign-in' && <StatusBar />}
      {session && screen === 'scan' && <StorageHint />}
      {updateReady && (
        <p class="update" data-testid="update-ready">
          {t('banner.updateReady')}
        </p>
      )}
      {updateNeeded && !updateReady && (
        <p class="update" role="alert" data-testid="update-needed">
          {t('banner.updateNeeded')}
        </p>
      )}
      {sessionEnded && session && screen === 'scan' && (
        <div class="update" role="alert" data-testid="sign-in-again">
          <p>{t('banner.signInAgain')}</p>
          <button type="button" onClick={() => setScreen('sign-in-again')}>
            {t('banner.signInAgainButton')}
          </button>
        </div>
      )}
      {session && screen === 'scan' && <ConflictAlert onAttention={() => setScreen('attention')} />}
      {session?.rules_notice && screen !== 'sign-in' && (
        <div class="update" role="alert" data-testid="rules-notice">
          <p>{session.rules_notice}</p>
          {screen !== 'entrance' && (
            <button type="button" onClick={() => void dismissRulesNotice().then(load)}>
              {t('common.ok')}
            </button>
          )}
        </div>
      )}
      {screen === 'sign-in' && <SignIn onSignedIn={() => void load()} />}
      {screen === 'sign-in-again' && session && (
        <SignIn
          resume={{ eventId: session.event.id, eventName: session.event.name, deviceName: session.device_name ?? null, onCancel: () => setScreen('scan') }}
          onSignedIn={() => {
            setStatus({ sessionEnded: false });
            void load();
          }}
        />
      )}
      {screen === 'entrance' && session && <ChooseEntrance session={session} onChosen={(id) => void chooseEntrance(id).then(load)} />}
      {screen === 'first-sync' && session && <FirstSync session={session} onDone={() => void load()} />}
      {screen === 'scan' && session && (
        <ScanScreen
          session={session}
          onAttention={() => setScreen('attention')}
          onSignOut={() => setScreen('sign-out')}
          onKiosk={() => setScreen(kiosk ? 'kiosk-off' : 'kiosk-on')}
        />
      )}
      {screen === 'kiosk-on' && session && <KioskSetup session={session} onDone={() => setScreen('scan')} />}
      {screen === 'kiosk-off' && <KioskLeave onDone={() => setScreen('scan')} />}
      {screen === 'attention' && <AttentionScreen session={session ?? null} onClose={() => setScreen('scan')} />}
      {screen === 'sign-out' && session && (
        <SignOut
          session={session}
          onSignedOut={() => {
            setStatus({ attendees: 0, lastSyncAt: null, pending: 0 });
            void load();
          }}
          onClose={() => setScreen('scan')}
        />
      )}
    </div>
  );
}
