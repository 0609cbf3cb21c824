// The organiser's provisioning QR: {server, event_id, credential} as JSON, or the same
// fields as a URL's query (…/?event_id=…&credential=…). Anything else is not a setup code.
import { provisioningPayloadSchema, type ProvisioningPayload } from '../../shared/protocol/login.ts';

export function parseProvisioning(text: string): ProvisioningPayload | null {
  const t = text.trim();
  let candidate: unknown = null;
  if (t.startsWith('{')) {
    try {
      candidate = JSON.parse(t);
    } catch {
      return null;
    }
  } else {
    try {
      const u = new URL(t);
      candidate = { server: u.origin, event_id: u.searchParams.get('event_id'), credential: u.searchParams.get('credential') };
    } catch {
      return null;
    }
  }
  const r = provisioningPayloadSchema.safeParse(candidate);
  return r.success ? { ...r.data, server: new URL(r.data.server).origin } : null;
}
