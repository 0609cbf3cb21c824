import { useState } from 'preact/hooks';
import { saveSession } from '../../phone/session.ts';
import type { StoredSession } from '../../phone/rows.ts';
import { signIn } from '../../phone/api-client.ts';
import { installationId } from '../../phone/installation.ts';
import { ApiError, NetworkError } from '../../shared/api-answer.ts';
import { t } from '../i18n/index.ts';
import { CameraPanel } from './CameraPanel.tsx';
import { LanguageSetting } from './LanguageSetting.tsx';
import { parseProvisioning } from './provisioning.ts';
import { noteProtocolRefusal } from './update-needed.ts';
import { errorText } from './verdict-text.ts';

/** Signing in again after the session ended: the same event, its scans and attendees kept. */
export interface Resume {
  eventId: string;
  eventName: string;
  /** The name the phone signed in with, so the audit goes on naming it. */
  deviceName: string | null;
  onCancel: () => void;
}

/**
 * Gate sign-in: event id + credential typed, or the organiser's provisioning QR. With
 * `resume`, the event is fixed: any valid credential of it replaces the ended session.
 */
export function SignIn({ onSignedIn, resume }: { onSignedIn: (s: StoredSession) => void; resume?: Resume }) {
  const [eventId, setEventId] = useState(resume?.eventId ?? '');
  const [credential, setCredential] = useState('');
  const [deviceName, setDeviceName] = useState(resume?.deviceName ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [camera, setCamera] = useState(false);

  async function go(server: string, event: string, code: string) {
    setBusy(true);
    setProblem(null);
    try {
      const name = deviceName.trim() || undefined;
      const login = await signIn(server, event.trim(), code.trim(), name, await installationId());
      onSignedIn(await saveSession(login, server, undefined, name ?? null));
    } catch (e) {
      setProblem(
        e instanceof NetworkError
          ? t('signIn.noServer')
          : noteProtocolRefusal(e)
            ? t('signIn.updateNeeded')
            : e instanceof ApiError && e.status === 400
              ? t('signIn.checkInput', { message: e.message })
              : errorText(e),
      );
    } finally {
      setBusy(false);
    }
  }

  function onQr(text: string) {
    const p = parseProvisioning(text);
    if (!p) return setProblem(t('signIn.notSetupQr'));
    setCamera(false);
    if (p.server !== location.origin) return setProblem(t('signIn.otherServer', { server: p.server }));
    if (resume && p.event_id !== resume.eventId) return setProblem(t('signIn.otherEvent', { event: resume.eventName }));
    setEventId(p.event_id);
    setCredential(p.credential);
    void go(p.server, p.event_id, p.credential);
  }

  return (
    <section class="panel" aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">{resume ? t('signIn.againTitle', { event: resume.eventName }) : t('signIn.title')}</h2>
      {resume && <p>{t('signIn.againHelp')}</p>}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void go(location.origin, eventId, credential);
        }}
      >
        {!resume && (
          <>
            <label for="event-id">{t('signIn.eventId')}</label>
            <input id="event-id" data-testid="event-id" value={eventId} onInput={(e) => setEventId((e.target as HTMLInputElement).value)} required />
          </>
        )}
        <label for="credential">{t('signIn.credential')}</label>
        <input
          id="credential"
          data-testid="credential"
          autocapitalize="characters"
          value={credential}
          onInput={(e) => setCredential((e.target as HTMLInputElement).value)}
          required
        />
        <label for="device-name">{t('signIn.deviceName')}</label>
        <input id="device-name" data-testid="device-name" value={deviceName} onInput={(e) => setDeviceName((e.target as HTMLInputElement).value)} />
        <button type="submit" disabled={busy}>
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
      </form>
      <button type="button" onClick={() => setCamera(!camera)}>
        {camera ? t('signIn.cancelQr') : t('signIn.scanQr')}
      </button>
      {resume && (
        <button type="button" onClick={resume.onCancel}>
          {t('common.backToScanning')}
        </button>
      )}
      {camera && <CameraPanel onCode={onQr} onClose={() => setCamera(false)} />}
      {!resume && (
        <p class="console-link">
          <a href="/console/">{t('signIn.console')}</a>
        </p>
      )}
      {/* link to the organiser console (console owner's one line) */}
      {!resume && <LanguageSetting />}
      {problem && (
        <p class="warn" role="alert" data-testid="sign-in-problem">
          {problem}
        </p>
      )}
    </section>
  );
}
