// Phones need a secure origin for the service worker and the camera, so a server whose
// PUBLIC_URL is unset or plain http is usable from this machine only. Say so once at start.
import type { Config } from '../config.ts';

export const PUBLIC_URL_WARNING = "phones on the venue network need HTTPS: set PUBLIC_URL=https://…; see README 'Phones on the venue network'";

/** The start-up warning about PUBLIC_URL, or null when it is an https URL. */
export function publicUrlWarning(config: Pick<Config, 'publicUrl'>): string | null {
  return config.publicUrl?.startsWith('https://') ? null : PUBLIC_URL_WARNING;
}
