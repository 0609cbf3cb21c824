// The organiser/admin console: who is signed in (the HttpOnly session cookie, asked of
// GET /auth/me), and which screen the path names. Any 401 sends the person back to sign-in.
import { useEffect, useState } from 'preact/hooks';
import type { ConsoleUser } from '../../shared/protocol/console-auth.ts';
import { ApiError, setUnauthorizedHandler } from './api.ts';
import { signOut, whoAmI } from './endpoints.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { EventPage } from './EventPage.tsx';
import { EventsPage } from './EventsPage.tsx';
import { href, navigate, usePath } from './router.ts';
import { SignIn } from './SignIn.tsx';
import { UsersPage } from './UsersPage.tsx';

type Session = { state: 'checking' } | { state: 'signed-out' } | { state: 'failed'; error: unknown } | { state: 'signed-in'; user: ConsoleUser };

export function ConsoleApp() {
  const [session, setSession] = useState<Session>({ state: 'checking' });
  const path = usePath();

  useEffect(() => {
    setUnauthorizedHandler(() => setSession({ state: 'signed-out' }));
    whoAmI().then(
      ({ user }) => setSession({ state: 'signed-in', user }),
      (error) => setSession(error instanceof ApiError && error.status === 401 ? { state: 'signed-out' } : { state: 'failed', error }),
    );
  }, []);

  if (session.state === 'checking') return <p class="loading">Loading…</p>;
  if (session.state === 'failed') {
    return (
      <main class="page narrow">
        <ErrorNote error={session.error} />
        <button type="button" onClick={() => location.reload()}>
          Try again
        </button>
      </main>
    );
  }
  if (session.state === 'signed-out') return <SignIn onSignedIn={(user) => setSession({ state: 'signed-in', user })} />;

  const { user } = session;
  const eventMatch = /^\/events\/([^/]+)(?:\/([a-z-]+))?\/?$/.exec(path);
  const section = path.startsWith('/users') ? 'users' : 'events';

  async function leave() {
    await signOut().catch(() => undefined);
    setSession({ state: 'signed-out' });
    navigate('/', true);
  }

  return (
    <>
      <header class="topbar">
        <a class="brand" href={href('/')}>
          FastCheck <span>console</span>
        </a>
        <nav aria-label="Console">
          <a href={href('/')} aria-current={section === 'events' ? 'page' : undefined}>
            Events
          </a>
          {user.role === 'admin' && (
            <a href={href('/users')} aria-current={section === 'users' ? 'page' : undefined}>
              Users
            </a>
          )}
        </nav>
        <div class="who">
          <span data-testid="signed-in-as" title={user.role}>
            {user.name || user.email}
          </span>
          <button type="button" class="link" onClick={leave}>
            Sign out
          </button>
        </div>
      </header>
      <main class="page">
        {eventMatch ? (
          <EventPage eventId={decodeURIComponent(eventMatch[1])} tab={eventMatch[2] ?? 'setup'} user={user} />
        ) : section === 'users' && user.role === 'admin' ? (
          <UsersPage me={user} />
        ) : (
          <EventsPage user={user} />
        )}
      </main>
    </>
  );
}
