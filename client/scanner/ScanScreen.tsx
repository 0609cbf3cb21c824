import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Direction } from '../../shared/protocol/common.ts';
import type { StoredSession } from '../../phone/rows.ts';
import { t } from '../i18n/index.ts';
import { postToServiceWorker } from '../sw-bridge.ts';
import { refreshCounts, syncNow } from './background.ts';
import { CameraPanel } from './CameraPanel.tsx';
import { submitScan, type ShownVerdict } from './scan-controller.ts';
import { SearchPanel } from './SearchPanel.tsx';
import { useStatus } from './store.ts';
import { SoundSetting } from './SoundSetting.tsx';
import { showMs, toneOf } from './verdict-look.ts';
import { VerdictScreen } from './VerdictScreen.tsx';
import { listenForWedge } from './wedge.ts';
import { sessionRehearsing } from '../../phone/rehearsal.ts';

/** The door: camera, wedge scanner and typed codes all lead to one verdict screen. In kiosk mode, no sign-out or settings. */
export function ScanScreen({
  session,
  onAttention,
  onSignOut,
  onKiosk,
}: {
  session: StoredSession;
  onAttention: () => void;
  onSignOut: () => void;
  /** Turns kiosk mode on, or (in kiosk mode) asks for the supervisor's PIN. */
  onKiosk: () => void;
}) {
  const status = useStatus();
  const [direction, setDirection] = useState<Direction>('in');
  const [shown, setShown] = useState<ShownVerdict | null>(null);
  const [camera, setCamera] = useState(false);
  const hide = useRef<ReturnType<typeof setTimeout>>();
  const entrance = session.entrances.find((e) => e.id === session.scanning_entrance_id);
  const [scannedAt, setScannedAt] = useState(() => new Date());

  const scan = useCallback(
    async (code: string) => {
      const v = await submitScan(session, code, direction);
      clearTimeout(hide.current);
      setScannedAt(new Date());
      setShown(v);
      hide.current = setTimeout(() => setShown(null), showMs[toneOf(v.verdict, v.direction)]);
      void refreshCounts();
    },
    [session, direction],
  );
  const latest = useRef(scan);
  latest.current = scan;
  useEffect(() => listenForWedge(document, (code) => void latest.current(code)), []);

  return (
    <section class="scan" data-live={status.live ? 'yes' : 'no'}>
      <header class="gate">
        <strong data-testid="gate-name">
          {session.event.name}
          {entrance ? ` · ${entrance.name}` : ''}
        </strong>
        {session.event.reentry_allowed && (
          <fieldset class="direction" aria-label={t('scan.direction')}>
            <button type="button" aria-pressed={direction === 'in'} onClick={() => setDirection('in')}>
              {t('scan.entry')}
            </button>
            <button type="button" aria-pressed={direction === 'out'} onClick={() => setDirection('out')}>
              {t('scan.exit')}
            </button>
          </fieldset>
        )}
      </header>
      {sessionRehearsing(session, new Date()) && (
        <p class="rehearsal-strip" data-testid="rehearsal-strip">
          {t('scan.rehearsal')}
        </p>
      )}
      <SearchPanel onScan={(c) => void scan(c)} />
      {camera ? (
        <CameraPanel onCode={(c) => void latest.current(c)} onClose={() => setCamera(false)} />
      ) : (
        <button type="button" class="big" data-testid="open-camera" onClick={() => setCamera(true)}>
          {t('scan.camera')}
        </button>
      )}
      <nav class="actions">
        <button
          type="button"
          onClick={() => {
            void syncNow(session);
            postToServiceWorker({ type: 'flush-outbox' });
          }}
        >
          {t('scan.syncNow')}
        </button>
        {/* Other people's names and scans are for staff, not for the public at a self-scan stand. */}
        {!status.kiosk && (
          <button type="button" data-testid="open-attention" onClick={onAttention}>
            {t('scan.attention', { count: status.attention })}
          </button>
        )}
        {status.kiosk ? (
          <button type="button" onClick={onKiosk}>
            {t('scan.supervisor')}
          </button>
        ) : (
          <>
            <button type="button" onClick={onKiosk}>
              {t('scan.kiosk')}
            </button>
            <button type="button" onClick={onSignOut}>
              {t('scan.signOut')}
            </button>
          </>
        )}
      </nav>
      {/* On a self-scan stand the settings wait for the supervisor too. */}
      {!status.kiosk && <SoundSetting />}
      {shown && <VerdictScreen shown={shown} door={{ event: session.event, entrance: entrance ?? null, now: scannedAt }} onDismiss={() => setShown(null)} />}
    </section>
  );
}
