import { useState } from 'preact/hooks';
import type { ConsoleUser } from '../../shared/protocol/console-auth.ts';
import { signIn } from './endpoints.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { useAction } from './use-action.ts';

/** Email and password; the server's reason is shown as it gives it, and we stay here. */
export function SignIn({ onSignedIn }: { onSignedIn: (user: ConsoleUser) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction();
  const submit = action.submit(async () => {
    try {
      onSignedIn((await signIn({ email: email.trim(), password })).user);
    } catch (err) {
      setPassword('');
      throw err;
    }
  });

  return (
    <main class="page narrow sign-in">
      <h1>
        FastCheck <span>console</span>
      </h1>
      <p class="muted">
        For organisers and admins. Door staff sign in on the <a href="/">scanner</a>.
      </p>
      <form class="card" onSubmit={submit} aria-labelledby="sign-in-title">
        <h2 id="sign-in-title">Sign in</h2>
        <label for="email">Email</label>
        <input id="email" type="email" autocomplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        <label for="password">Password</label>
        <input id="password" type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        <ErrorNote error={action.error} testId="sign-in-error" />
        <button type="submit" class="primary" disabled={action.busy}>
          {action.busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
