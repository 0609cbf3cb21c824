import { useState } from 'preact/hooks';
import { saveSession } from '../../phone/session.ts';
import type { StoredSession } from '../../phone/rows.ts';
import { signIn } from '../../phone/api-client.ts';
import { ApiError, NetworkError } from '../../shared/api-answer.ts';
import { CameraPanel } from './CameraPanel.tsx';
import { parseProvisioning } from './provisioning.ts';
import { noteProtocolRefusal } from './update-needed.ts';

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
      const login = await signIn(server, event.trim(), code.trim(), name);
      onSignedIn(await saveSession(login, server, undefined, name ?? null));
    } catch (e) {
      setProblem(
        e instanceof NetworkError
          ? 'Cannot reach the server: signing in needs a connection once'
          : noteProtocolRefusal(e)
            ? 'Update needed: the server no longer accepts this version of the app. It updates itself; try again in a moment.'
            : e instanceof ApiError && e.status === 400
              ? `Check the event id and credential: ${e.message}`
              : (e as Error).message,
      );
    } finally {
      setBusy(false);
    }
  }

  function onQr(text: string) {
    const p = parseProvisioning(text);
    if (!p) return setProblem('That QR code is not a FastCheck setup code');
    setCamera(false);
    if (p.server !== location.origin) return setProblem(`This setup code is for ${p.server}: open FastCheck from that address`);
    if (resume && p.event_id !== resume.eventId) return setProblem(`This setup code is for another event: sign in again to ${resume.eventName}`);
    setEventId(p.event_id);
    setCredential(p.credential);
    void go(p.server, p.event_id, p.credential);
  }

  return (
    <section class="panel" aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">{resume ? `Sign in again to ${resume.eventName}` : 'Sign in to a gate'}</h2>
      {resume && <p>Any scanner credential of this event will do. Scans waiting on this phone are kept and uploaded after signing in.</p>}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void go(location.origin, eventId, credential);
        }}
      >
        {!resume && (
          <>
            <label for="event-id">Event id</label>
            <input id="event-id" data-testid="event-id" value={eventId} onInput={(e) => setEventId((e.target as HTMLInputElement).value)} required />
          </>
        )}
        <label for="credential">Scanner credential</label>
        <input
          id="credential"
          data-testid="credential"
          autocapitalize="characters"
          value={credential}
          onInput={(e) => setCredential((e.target as HTMLInputElement).value)}
          required
        />
        <label for="device-name">This phone's name (optional)</label>
        <input id="device-name" data-testid="device-name" value={deviceName} onInput={(e) => setDeviceName((e.target as HTMLInputElement).value)} />
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <button type="button" onClick={() => setCamera(!camera)}>
        {camera ? 'Cancel' : 'Scan setup QR'}
      </button>
      {resume && (
        <button type="button" onClick={resume.onCancel}>
          Back to scanning
        </button>
      )}
      {camera && <CameraPanel onCode={onQr} onClose={() => setCamera(false)} />}
      {!resume && (
        <p class="console-link">
          <a href="/console/">Organiser? Open the console</a>
        </p>
      )}
      {/* link to the organiser console (console owner's one line) */}
      {problem && (
        <p class="warn" role="alert" data-testid="sign-in-problem">
          {problem}
        </p>
      )}
    </section>
  );
}
