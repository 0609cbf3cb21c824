// One stats hub per app: dashboards subscribe to an event; a change to that event (a
// check-in here, or a NOTIFY from another instance) recomputes its stats once and hands
// them to every subscriber. Bursts are coalesced: at most one computation per event per
// COALESCE_MS, and the last change of a burst is always followed by a fresh computation.
import type { EventStats } from '../../shared/protocol/stats.ts';
import type { AppDeps } from '../app-env.ts';
import { CHECKINS_RECORDED_TOPIC, type CheckInsRecorded } from '../checkin/events.ts';
import { eventStats } from './event-stats.ts';
import { getOrInsert } from '../../shared/get-or-insert.ts';

export const STATS_CHANGED_TOPIC = 'stats.changed';
/** Every watched event may have changed (e.g. NOTIFYs were missed while LISTEN was down). */
export const STATS_RESYNC_TOPIC = 'stats.resync';
export const COALESCE_MS = 200;

type Listener = (stats: EventStats) => void;

interface EventState {
  listeners: Set<Listener>;
  timer: NodeJS.Timeout | null;
  lastRun: number;
  running: boolean;
  dirty: boolean;
}

export interface StatsHub {
  subscribe(eventId: string, listener: Listener): () => void;
}

const hubs = new WeakMap<object, StatsHub>();

export function statsHub(deps: AppDeps): StatsHub {
  return getOrInsert(hubs, deps, () => createHub(deps));
}

function createHub(deps: AppDeps): StatsHub {
  const events = new Map<string, EventState>();

  async function run(eventId: string, state: EventState) {
    state.timer = null;
    if (state.running) {
      state.dirty = true;
      return;
    }
    state.running = true;
    state.dirty = false;
    state.lastRun = Date.now();
    try {
      const stats = await eventStats(deps, eventId);
      for (const l of state.listeners) l(stats);
    } catch (err) {
      deps.logger.warn({ err, eventId }, 'stats refresh failed');
    } finally {
      state.running = false;
      if (state.dirty && state.listeners.size) schedule(eventId);
    }
  }

  function schedule(eventId: string) {
    const state = events.get(eventId);
    if (!state || state.listeners.size === 0) return;
    if (state.running) {
      state.dirty = true;
      return;
    }
    if (state.timer) return;
    const wait = Math.max(0, state.lastRun + COALESCE_MS - Date.now());
    state.timer = setTimeout(() => void run(eventId, state), wait);
  }

  const onChange = (m: CheckInsRecorded) => schedule(m.eventId);
  deps.bus.subscribe<CheckInsRecorded>(CHECKINS_RECORDED_TOPIC, onChange);
  deps.bus.subscribe<CheckInsRecorded>(STATS_CHANGED_TOPIC, onChange);
  deps.bus.subscribe(STATS_RESYNC_TOPIC, () => {
    for (const eventId of events.keys()) schedule(eventId);
  });

  return {
    subscribe(eventId, listener) {
      const state = getOrInsert(events, eventId, (): EventState => ({ listeners: new Set(), timer: null, lastRun: 0, running: false, dirty: false }));
      state.listeners.add(listener);
      return () => {
        state.listeners.delete(listener);
        if (state.listeners.size === 0) {
          if (state.timer) clearTimeout(state.timer);
          events.delete(eventId);
        }
      };
    },
  };
}
