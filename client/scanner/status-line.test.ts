import { describe, expect, it } from 'vitest';
import { cameraProblem, offlineReadiness, statusLine } from './status-line.ts';

const text = (s: Parameters<typeof statusLine>[0]) =>
  statusLine(s)
    .map((p) => p.text)
    .join(' · ');

describe('the status line', () => {
  it.each([
    [{ online: true, attendees: 10_000, pending: 0 }, 'Online · 10,000 attendees'],
    [{ online: true, attendees: 10_000, pending: 3 }, 'Online · 10,000 attendees · 3 to upload'],
    [{ online: false, attendees: 10_000, pending: 3 }, 'Offline · deciding here · 3 to upload'],
    [{ online: false, attendees: 1, pending: 0 }, 'Offline · deciding here'],
    [{ online: true, attendees: 0, pending: 0 }, 'Online · no attendees on this phone'],
    [{ online: false, attendees: 0, pending: 1_200 }, 'Offline · no attendees on this phone · 1,200 to upload'],
  ])('%o reads "%s"', (state, expected) => {
    expect(text(state)).toBe(expected);
  });

  it('online, says when the list was synced, in the event zone (not offline: no room at 320 px)', async () => {
    const { setTimeZone } = await import('../i18n/index.ts');
    setTimeZone('Europe/Berlin');
    const lastSyncAt = '2026-07-10T17:42:05Z';
    expect(text({ online: true, attendees: 22, pending: 1, lastSyncAt })).toBe('Online · 22 attendees · synced 19:42 · 1 to upload');
    expect(text({ online: false, attendees: 22, pending: 1, lastSyncAt })).toBe('Offline · deciding here · 1 to upload');
    setTimeZone(null);
  });

  it('keeps the test ids of its parts', () => {
    expect(statusLine({ online: false, attendees: 5, pending: 2 }).map((p) => p.id)).toEqual(['status-online', 'status-mode', 'status-pending']);
  });
});

describe('offline readiness', () => {
  const base = { sw: 'controlling' as const, secure: true, attendees: 10, online: true };
  it('says "Ready offline" only when the worker controls the page and attendees are cached', () => {
    expect(offlineReadiness(base).text).toBe('Ready offline');
    expect(offlineReadiness({ ...base, attendees: 0 }).text).toBe('Offline mode installed · no attendees yet');
    expect(offlineReadiness({ ...base, sw: 'installing' }).text).toBe('Preparing offline mode…');
  });
  it('says nothing beside "Offline" in the status line', () => {
    expect(offlineReadiness({ ...base, online: false }).text).toBeNull();
  });
  it('explains "Online only" on an insecure page and in a browser without service workers', () => {
    const insecure = offlineReadiness({ ...base, sw: 'unsupported', secure: false });
    expect(insecure.text).toBe('Online only');
    expect(insecure.why).toMatch(/not opened over HTTPS/);
    expect(offlineReadiness({ ...base, sw: 'unsupported' }).why).toMatch(/This browser cannot keep the app/);
  });
});

describe('camera problems', () => {
  const ok = { secure: true, hasGetUserMedia: true };
  const named = (name: string) => Object.assign(new Error('x'), { name });
  it('says an insecure page blocks the camera', () => {
    expect(cameraProblem(new TypeError('undefined'), { secure: false, hasGetUserMedia: false })).toMatch(/secure \(https:\/\/\) pages/);
  });
  it('turns browser errors into something to do', () => {
    expect(cameraProblem(named('NotAllowedError'), ok)).toMatch(/allow the camera/);
    expect(cameraProblem(named('NotFoundError'), ok)).toMatch(/No camera found/);
    expect(cameraProblem(named('NotReadableError'), ok)).toMatch(/busy in another app/);
    expect(cameraProblem(new Error('odd'), ok)).toBe('Camera unavailable: odd');
  });
});
