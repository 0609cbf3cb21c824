import { useEffect, useState } from 'preact/hooks';
import type { StoredSession } from '../../phone/rows.ts';
import { t } from '../i18n/index.ts';
import { syncAttendees, type SyncProgress } from './attendee-sync.ts';
import { noteProtocolRefusal } from './update-needed.ts';
import { errorText } from './verdict-text.ts';

/** The first download of the whole list, with a progress bar; retried on demand. */
export function FirstSync({ session, onDone }: { session: StoredSession; onDone: () => void }) {
  const [progress, setProgress] = useState<SyncProgress>({ received: 0, expected: 1, done: false });
  const [problem, setProblem] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    setProblem(null);
    syncAttendees(session, setProgress).then(onDone, (e: Error) => setProblem(noteProtocolRefusal(e) ? t('sync.updateNeeded') : errorText(e)));
  }, [attempt]);
  return (
    <section class="panel" aria-labelledby="sync-title">
      <h2 id="sync-title">{t('sync.title')}</h2>
      <progress data-testid="sync-progress" value={progress.received} max={progress.expected} />
      <p data-testid="sync-count">{t('sync.count', { count: progress.received, done: progress.done })}</p>
      {problem && (
        <>
          <p class="warn" role="alert">
            {t('sync.stopped', { problem })}
          </p>
          <button type="button" onClick={() => setAttempt(attempt + 1)}>
            {t('common.tryAgain')}
          </button>
        </>
      )}
    </section>
  );
}
