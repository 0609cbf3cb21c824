// Scanner credentials: the code is generated here, returned once with its provisioning
// payload, and only its hash is stored. Revoking sets revoked_at; the phone-token
// middleware checks it on every request, so the phones' tokens stop at once.
import type { CreateCredentialRequest, CreatedCredential } from '../../shared/protocol/credentials.ts';
import { generateCredentialCode, hashCredentialCode } from '../auth/credential-code.ts';
import type { Database } from '../db/client.ts';
import { appendAudit } from '../db/repos/admin-audit.ts';
import { insertCredential, revokeCredential, type CredentialRow } from '../db/repos/credentials.ts';
import { getEntrance } from '../db/repos/entrances.ts';
import { notFound } from '../http/app-error.ts';
import { isUuid } from '../auth/require-role.ts';
import { fieldError } from './errors.ts';
import { credentialDto, toDate } from './wire.ts';

export async function createCredential(
  database: Database,
  input: { actorId: string; eventId: string; server: string; now: Date; request: CreateCredentialRequest },
): Promise<CreatedCredential> {
  const { request, eventId } = input;
  if (request.entrance_id && !(await getEntrance(database.db, eventId, request.entrance_id))) {
    throw fieldError('entrance_id', 'must be an entrance of this event');
  }
  const expiresAt = toDate(request.expires_at);
  if (expiresAt && expiresAt <= input.now) throw fieldError('expires_at', 'must be in the future');
  const code = generateCredentialCode();
  const row = await database.db.transaction(async (tx) => {
    const created = await insertCredential(tx, {
      eventId,
      label: request.label,
      role: request.role,
      entranceId: request.entrance_id,
      credentialHash: hashCredentialCode(code),
      expiresAt,
      createdBy: input.actorId,
    });
    await appendAudit(tx, {
      userId: input.actorId,
      action: 'credential.create',
      targetType: 'credential',
      targetId: created.id,
      eventId,
      details: { label: created.label, role: created.role, entrance_id: created.entranceId },
    });
    return created;
  });
  return { ...credentialDto(row), credential: code, provisioning: { server: input.server, event_id: eventId, credential: code } };
}

export async function revokeScannerCredential(database: Database, actorId: string, eventId: string, id: string, now: Date): Promise<CredentialRow> {
  if (!isUuid(id)) throw notFound('Credential');
  return database.db.transaction(async (tx) => {
    const row = await revokeCredential(tx, eventId, id, now);
    if (!row) throw notFound('Credential');
    await appendAudit(tx, { userId: actorId, action: 'credential.revoke', targetType: 'credential', targetId: id, eventId, details: { label: row.label } });
    return row;
  });
}
