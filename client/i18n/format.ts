// Numbers and times for the door, with Intl only: the chosen language's conventions and the
// event's time zone (a door abroad, or a phone left on another zone, still shows venue time).

/** What a message with placeholders gets to format its numbers and times. */
export interface Fmt {
  number(n: number): string;
  /** "19:42" on the 24-hour clock, in the event's zone. */
  time(at: Date | string): string;
}

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function timeFormat(tag: string, zone: string | null): Intl.DateTimeFormat {
  const key = `t|${tag}|${zone ?? ''}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    const options: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
    try {
      f = new Intl.DateTimeFormat(tag, { ...options, timeZone: zone ?? undefined });
    } catch {
      f = new Intl.DateTimeFormat(tag, options); // an unknown zone: the device's, rather than nothing
    }
    cache.set(key, f);
  }
  return f;
}

function numberFormat(tag: string): Intl.NumberFormat {
  const key = `n|${tag}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(tag);
    cache.set(key, f);
  }
  return f;
}

/** Formatting for one language (a BCP 47 tag) and one IANA zone (null: the device's). */
export function formatter(tag: string, zone: string | null): Fmt {
  return {
    number: (n) => numberFormat(tag).format(n),
    time: (at) => timeFormat(tag, zone).format(typeof at === 'string' ? new Date(at) : at),
  };
}
