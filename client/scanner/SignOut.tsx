import { useState } from 'preact/hooks';
import { clearDevice } from '../../phone/session.ts';
import type { StoredSession } from '../../phone/rows.ts';
import { checkCredential } from '../../phone/api-client.ts';
import { t } from '../i18n/index.ts';
import { useStatus } from './store.ts';
import { errorText } from './verdict-text.ts';

/**
 * Sign-out forgets the gate and its data. While scans are waiting it is refused, unless a
 * supervisor confirms (this phone signed in as supervisor, or a supervisor credential).
 */
export function SignOut({ session, onSignedOut, onClose }: { session: StoredSession; onSignedOut: () => void; onClose: () => void }) {
  const { pending } = useStatus();
  const [supervisorCode, setSupervisorCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const leave = async () => {
    await clearDevice();
    onSignedOut();
  };
  async function supervisorConfirms(e: Event) {
    e.preventDefault();
    if (session.role === 'supervisor') return leave();
    try {
      const check = await checkCredential(session.server, session.event.id, supervisorCode);
      if (check.role !== 'supervisor') return setProblem(t('signOut.notSupervisor'));
      await leave();
    } catch (err) {
      setProblem(t('signOut.notConfirmed', { message: errorText(err) }));
    }
  }
  return (
    <section class="panel" aria-labelledby="sign-out-title">
      <h2 id="sign-out-title">{t('signOut.title', { event: session.event.name })}</h2>
      {pending === 0 ? (
        <button type="button" data-testid="confirm-sign-out" onClick={() => void leave()}>
          {t('signOut.confirm')}
        </button>
      ) : (
        <form onSubmit={(e) => void supervisorConfirms(e)}>
          <p class="warn" role="alert" data-testid="sign-out-refused">
            {t('signOut.refused', { count: pending })}
          </p>
          {session.role !== 'supervisor' && (
            <>
              <label for="supervisor-code">{t('signOut.supervisorCredential')}</label>
              <input id="supervisor-code" value={supervisorCode} onInput={(e) => setSupervisorCode((e.target as HTMLInputElement).value)} />
            </>
          )}
          <button type="submit" class="danger">
            {t('signOut.discard', { count: pending })}
          </button>
          {problem && <p class="warn">{problem}</p>}
        </form>
      )}
      <button type="button" onClick={onClose}>
        {t('common.backToScanning')}
      </button>
    </section>
  );
}
