// Phone sign-in: an event id and a scanner credential → a device row and a token, plus
// the event setup the phone needs to decide offline. A credential check (a supervisor's code
// typed on a signed-in door) verifies the same way and makes neither. Every failure is the
// same 401, so the answer never tells which of event and credential was wrong.
import type { CredentialCheckRequest, CredentialCheckResponse } from '../../shared/protocol/credential-check.ts';
import type { MobileLoginRequest, MobileLoginResponse } from '../../shared/protocol/login.ts';
import type { PhoneRules } from '../../shared/protocol/attendees-delta.ts';
import type { AppDeps } from '../app-env.ts';
import { hashCredentialCode } from './credential-code.ts';
import { signInDevice, findCredentialByHash, loadEventSetup, touchCredential, type CredentialRow, type EventSetup } from '../db/repos/devices.ts';
import { unauthorized } from '../http/app-error.ts';
import { mobileEventDto } from '../organiser/wire.ts';
import { signDeviceToken, tokenExpiry } from './phone-token.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function phoneEventSetup(setup: EventSetup): PhoneRules {
  return {
    event: mobileEventDto(setup.event),
    entrances: setup.entrances.map((x) => ({
      id: x.id,
      name: x.name,
      allowed_ticket_type_ids: x.allowedTicketTypeIds,
      opens_at: iso(x.opensAt),
      closes_at: iso(x.closesAt),
    })),
    ticket_types: setup.ticketTypes.map((t) => ({ id: t.id, name: t.name, checkins_allowed: t.checkinsAllowed })),
  };
}

/** A credential of the event that is neither revoked nor expired, of an event not archived; else the one 401. */
async function verifyScannerCredential(deps: AppDeps, eventId: string, code: string, now: Date): Promise<{ credential: CredentialRow; setup: EventSetup }> {
  const db = deps.database.db;
  const credential = await findCredentialByHash(db, eventId, hashCredentialCode(code));
  const refused = unauthorized('Unknown, revoked or expired scanner credential for this event');
  if (!credential || credential.revokedAt || (credential.expiresAt && credential.expiresAt <= now)) throw refused;
  const setup = await loadEventSetup(db, credential.eventId);
  if (!setup || setup.event.archivedAt) throw refused;
  return { credential, setup };
}

/** Which role a valid credential has; it counts as a use of the credential, but no phone signs in. */
export async function checkScannerCredential(deps: AppDeps, input: CredentialCheckRequest): Promise<CredentialCheckResponse> {
  const now = deps.clock.now();
  const { credential } = await verifyScannerCredential(deps, input.event_id, input.credential, now);
  await touchCredential(deps.database.db, credential.id, now);
  return { role: credential.role, entrance_id: credential.entranceId };
}

export async function mobileLogin(deps: AppDeps, input: MobileLoginRequest): Promise<MobileLoginResponse> {
  const db = deps.database.db;
  const now = deps.clock.now();
  const { credential, setup } = await verifyScannerCredential(deps, input.event_id, input.credential, now);

  const device = await signInDevice(db, {
    eventId: credential.eventId,
    credentialId: credential.id,
    name: input.device_name || credential.label,
    entranceId: credential.entranceId,
    installationId: input.installation_id ?? null,
    now,
  });
  const expiresAt = tokenExpiry(now, {
    eventEndsAt: setup.event.endsAt,
    credentialExpiresAt: credential.expiresAt,
    maximumMs: deps.config.phoneSessionMaxMs,
  });
  const token = await signDeviceToken(
    deps.config,
    { sub: device.id, evt: credential.eventId, cid: credential.id, ent: credential.entranceId, role: credential.role, gen: device.generation },
    now,
    expiresAt,
  );
  return {
    token,
    expires_at: expiresAt.toISOString(),
    device_id: device.id,
    role: credential.role,
    entrance_id: credential.entranceId,
    ...phoneEventSetup(setup),
    rules_version: Number(setup.event.rulesVersion),
  };
}
