// The drills and their two sizes: the short form CI runs and the long one `npm run drill` runs.
import { badRequestsDrill, badRequestsLines, type BadRequestsOptions } from './bad-requests.ts';
import { dbCutDrill, dbCutLines, type DbCutOptions } from './db-cut.ts';
import { flakyPhonesDrill, flakyPhonesLines, type FlakyPhonesOptions } from './flaky-phones.ts';
import { killNineDrill, killNineLines, type KillNineOptions } from './kill-nine.ts';
import { memoryDrill, memoryLines, type MemoryOptions } from './memory.ts';
import { twoInstancesDrill, twoInstancesLines, type TwoInstancesOptions } from './two-instances.ts';

export interface DrillRun {
  figures: unknown;
  lines: string[];
}

interface Sizes<T> {
  short: T;
  long: T;
}

export const drillSizes: {
  killNine: Sizes<KillNineOptions>;
  dbCut: Sizes<DbCutOptions>;
  badRequests: Sizes<BadRequestsOptions>;
  flakyPhones: Sizes<FlakyPhonesOptions>;
  twoInstances: Sizes<TwoInstancesOptions>;
  memory: Sizes<MemoryOptions>;
} = {
  killNine: { short: { phones: 8, scansPerPhone: 150, kills: 1 }, long: { phones: 20, scansPerPhone: 1000, kills: 3 } },
  dbCut: {
    short: { mode: 'refuse', cutMs: 3000, rate: 20, beforeMs: 1000, afterMs: 3000 },
    long: { mode: 'black-hole', cutMs: 10_000, rate: 50, beforeMs: 3000, afterMs: 8000 },
  },
  badRequests: { short: { requests: 2000 }, long: { requests: 10_000 } },
  flakyPhones: { short: { phones: 50, minutes: 0.5 }, long: { phones: 50, minutes: 10 } },
  twoInstances: {
    short: { phonesPerInstance: 5, scansPerPhone: 40, races: 50, attendees: 300 },
    long: { phonesPerInstance: 25, scansPerPhone: 400, races: 1000, attendees: 5000 },
  },
  memory: { short: { phones: 50, dashboards: 10, minutes: 0.5 }, long: { phones: 50, dashboards: 10, minutes: 5 } },
};

const size = <T>(s: Sizes<T>, short: boolean) => (short ? s.short : s.long);

export const drills: Record<string, (short: boolean) => Promise<DrillRun>> = {
  'kill-nine': async (short) => {
    const figures = await killNineDrill(size(drillSizes.killNine, short));
    return { figures, lines: killNineLines(figures) };
  },
  'db-cut': async (short) => {
    const figures = await dbCutDrill(size(drillSizes.dbCut, short));
    return { figures, lines: dbCutLines(figures) };
  },
  'bad-requests': async (short) => {
    const figures = await badRequestsDrill(size(drillSizes.badRequests, short));
    return { figures, lines: badRequestsLines(figures) };
  },
  'flaky-phones': async (short) => {
    const figures = await flakyPhonesDrill(size(drillSizes.flakyPhones, short));
    return { figures, lines: flakyPhonesLines(figures) };
  },
  'two-instances': async (short) => {
    const figures = await twoInstancesDrill(size(drillSizes.twoInstances, short));
    return { figures, lines: twoInstancesLines(figures) };
  },
  memory: async (short) => {
    const figures = await memoryDrill(size(drillSizes.memory, short));
    return { figures, lines: memoryLines(figures) };
  },
};
