import { useState } from 'preact/hooks';
import { userRoles, type ConsoleUser, type UserRole } from '../../shared/protocol/console-auth.ts';
import { createUser, listUsers, updateUser } from './endpoints.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { TableHead } from './FormBits.tsx';
import { SelectField } from './SelectField.tsx';
import { useAction } from './use-action.ts';
import { useLoad } from './use-load.ts';

/** Admins: every console user; create, disable or enable, reset a password. */
export function UsersPage({ me }: { me: ConsoleUser }) {
  const users = useLoad(listUsers, []);
  const [resetting, setResetting] = useState<string | null>(null);
  const change = useAction();

  const toggle = (u: ConsoleUser) =>
    change.run(async () => {
      await updateUser(u.id, { disabled: !u.disabled_at });
      await users.reload();
    });

  return (
    <section aria-labelledby="users-title">
      <h1 id="users-title">Users</h1>
      <div class="columns wide-first">
        <div class="card">
          <ErrorNote error={users.error ?? change.error} />
          <table class="table" data-testid="users">
            <TableHead columns={['Name', 'Role', 'Status']} actions />
            <tbody>
              {users.data?.map((u) => (
                <tr key={u.id} class={u.disabled_at ? 'revoked' : ''}>
                  <td>
                    {u.name || '—'}
                    <div class="muted small">{u.email}</div>
                  </td>
                  <td>{u.role}</td>
                  <td>{u.disabled_at ? 'disabled' : 'active'}</td>
                  <td class="actions-cell">
                    {resetting === u.id ? (
                      <ResetPassword user={u} onDone={() => setResetting(null)} />
                    ) : (
                      <>
                        <button type="button" class="small" onClick={() => setResetting(u.id)}>
                          Reset password
                        </button>
                        {u.id !== me.id && (
                          <button type="button" class={`small${u.disabled_at ? '' : ' danger'}`} disabled={change.busy} onClick={() => void toggle(u)}>
                            {u.disabled_at ? 'Enable' : 'Disable'}
                          </button>
                        )}
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <NewUser onCreated={() => void users.reload()} />
      </div>
    </section>
  );
}

function ResetPassword({ user, onDone }: { user: ConsoleUser; onDone: () => void }) {
  const [password, setPassword] = useState('');
  const action = useAction();
  const [saved, setSaved] = useState(false);
  if (saved) {
    return (
      <span role="status">
        Password changed.{' '}
        <button type="button" class="small" onClick={onDone}>
          OK
        </button>
      </span>
    );
  }
  return (
    <form
      class="inline-row"
      aria-label={`New password for ${user.email}`}
      onSubmit={action.submit(async () => {
        await updateUser(user.id, { password });
        setSaved(true);
      })}
    >
      <input
        type="password"
        autocomplete="new-password"
        aria-label="New password"
        minLength={10}
        required
        value={password}
        onInput={(e) => setPassword(e.currentTarget.value)}
      />
      <button class="small" type="submit" disabled={action.busy}>
        Save
      </button>
      <button class="small" type="button" onClick={onDone}>
        Cancel
      </button>
      <ErrorNote error={action.error} />
    </form>
  );
}

function NewUser({ onCreated }: { onCreated: () => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<UserRole>('organiser');
  const action = useAction();
  const submit = action.submit(async () => {
    await createUser({ email: email.trim(), name, password, role });
    setEmail('');
    setName('');
    setPassword('');
    onCreated();
  });
  return (
    <form class="card" onSubmit={submit} aria-labelledby="new-user-title">
      <h2 id="new-user-title">New user</h2>
      <label>
        Email
        <input type="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
      </label>
      <label>
        Name
        <input value={name} maxLength={200} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label>
        Password <span class="muted">(at least 10 characters)</span>
        <input type="password" autocomplete="new-password" required minLength={10} value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
      </label>
      <SelectField label="Role" value={role} options={userRoles.map((r) => [r, r] as const)} onChange={(v) => setRole(v as UserRole)} />
      <ErrorNote error={action.error} />
      <div class="buttons">
        <button type="submit" class="primary" disabled={action.busy}>
          Create user
        </button>
      </div>
    </form>
  );
}
