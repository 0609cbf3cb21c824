import { useEffect, useState } from 'preact/hooks';
import type { StoredSession } from '../../phone/rows.ts';
import { syncAttendees, type SyncProgress } from './attendee-sync.ts';
import { noteProtocolRefusal } from './update-needed.ts';

/** The first download of the whole list, with a progress bar; retried on demand. */
export function FirstSync({ session, onDone }: { session: StoredSession; onDone: () => void }) {
  const [progress, setProgress] = useState<SyncProgress>({ received: 0, expected: 1, done: false });
  const [problem, setProblem] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    setProblem(null);
    syncAttendees(session, setProgress).then(onDone, (e: Error) =>
      setProblem(noteProtocolRefusal(e) ? 'update needed: the server no longer accepts this version of the app' : e.message),
    );
  }, [attempt]);
  return (
    <section class="panel" aria-labelledby="sync-title">
      <h2 id="sync-title">Downloading the guest list</h2>
      <progress data-testid="sync-progress" value={progress.received} max={progress.expected} />
      <p data-testid="sync-count">
        {progress.received.toLocaleString('en')} attendees{progress.done ? '' : '…'}
      </p>
      {problem && (
        <>
          <p class="warn" role="alert">
            Download stopped: {problem}
          </p>
          <button type="button" onClick={() => setAttempt(attempt + 1)}>
            Try again
          </button>
        </>
      )}
    </section>
  );
}
