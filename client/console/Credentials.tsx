import { useState } from 'preact/hooks';
import type { CreatedCredential } from '../../shared/protocol/credentials.ts';
import type { EntranceDto } from '../../shared/protocol/entrances.ts';
import { credentialRoles, type CredentialRole } from '../../shared/protocol/value-lists.ts';
import { createCredential, listCredentials, revokeCredential } from './endpoints.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { TableHead } from './FormBits.tsx';
import { QrCode } from './QrCode.tsx';
import { SelectField } from './SelectField.tsx';
import { useAction } from './use-action.ts';
import { useLoad } from './use-load.ts';

const roleLabels: Record<CredentialRole, string> = { door: 'Door', supervisor: 'Supervisor (may void scans)' };

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'never');

/** Scanner credentials: create one (its code shown once), see when each was last used, revoke. */
export function Credentials({ eventId, entrances }: { eventId: string; entrances: EntranceDto[] }) {
  const list = useLoad(() => listCredentials(eventId), [eventId]);
  const [label, setLabel] = useState('');
  const [entrance, setEntrance] = useState('');
  const [role, setRole] = useState<CredentialRole>('door');
  const [created, setCreated] = useState<CreatedCredential | null>(null);
  const create = useAction();
  const revoke = useAction();
  const entranceName = (id: string | null) => (id ? (entrances.find((x) => x.id === id)?.name ?? 'unknown entrance') : 'any entrance');

  const submit = create.submit(async () => {
    setCreated(await createCredential(eventId, { label, entrance_id: entrance || null, role }));
    setLabel('');
    void list.reload();
  });

  return (
    <section class="card" aria-labelledby="cred-title">
      <h2 id="cred-title">Scanner credentials</h2>
      <p class="muted">
        A door phone signs in with the event id and a credential, or by scanning its setup QR code. The code is shown once, right after you create it.
      </p>
      {created && <ShownOnce created={created} onDone={() => setCreated(null)} />}
      <form class="inline-form form-row" onSubmit={submit} aria-label="New scanner credential">
        <label>
          Label
          <input name="label" required maxLength={100} placeholder="Main door phone 1" value={label} onInput={(e) => setLabel(e.currentTarget.value)} />
        </label>
        <SelectField
          label="Entrance"
          name="entrance"
          value={entrance}
          options={[['', 'Any (the phone chooses)'], ...entrances.map((x) => [x.id, x.name] as const)]}
          onChange={setEntrance}
        />
        <SelectField
          label="Role"
          name="role"
          value={role}
          options={credentialRoles.map((r) => [r, roleLabels[r]] as const)}
          onChange={(v) => setRole(v as CredentialRole)}
        />
        <div class="buttons">
          <button type="submit" class="primary" disabled={create.busy}>
            Create credential
          </button>
        </div>
        <ErrorNote error={create.error} />
      </form>
      <ErrorNote error={list.error ?? revoke.error} />
      <table class="table" data-testid="credentials">
        <TableHead columns={['Label', 'Entrance', 'Role', 'Last used']} actions />
        <tbody>
          {list.data?.map((c) => (
            <tr key={c.id} class={c.revoked_at ? 'revoked' : ''}>
              <td>{c.label}</td>
              <td>{entranceName(c.entrance_id)}</td>
              <td>{c.role}</td>
              <td>{when(c.last_used_at)}</td>
              <td>
                {c.revoked_at ? (
                  <span class="muted">revoked {when(c.revoked_at)}</span>
                ) : (
                  <button
                    type="button"
                    class="small danger"
                    disabled={revoke.busy}
                    onClick={() => {
                      if (confirm(`Revoke "${c.label}"? Phones signed in with it stop at their next request.`)) {
                        void revoke.run(async () => {
                          await revokeCredential(eventId, c.id);
                          await list.reload();
                        });
                      }
                    }}
                  >
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.data?.length === 0 && <p class="empty">No credentials yet.</p>}
    </section>
  );
}

/** The new code, big and readable, and its setup QR; gone for good once dismissed. */
function ShownOnce({ created, onDone }: { created: CreatedCredential; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div class="shown-once" role="dialog" aria-labelledby="once-title" data-testid="credential-once">
      <h3 id="once-title">Credential for “{created.label}”</h3>
      <p class="warn">Write it down or scan the QR code now: it is not shown again.</p>
      <div class="once-body">
        <div>
          <p class="code" data-testid="credential-code">
            {created.credential}
          </p>
          <p class="muted small">
            Event id <code>{created.event_id}</code>
            <br />
            Server <code>{created.provisioning.server}</code>
          </p>
          <button
            type="button"
            onClick={() =>
              void navigator.clipboard?.writeText(created.credential).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? 'Copied' : 'Copy code'}
          </button>
          <button type="button" class="primary" onClick={onDone}>
            Done, hide it
          </button>
        </div>
        <QrCode text={JSON.stringify(created.provisioning)} label={`Setup QR code for ${created.label}`} />
      </div>
    </div>
  );
}
