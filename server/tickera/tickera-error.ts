// Errors from a Tickera site, each worded so an organiser can act on it. `retryable`
// says whether asking again may help (network trouble, 5xx, timeouts), never for a
// definite answer (bad key, HTML page, refused ticket).
export type TickeraErrorKind = 'unreachable' | 'timeout' | 'not_tickera' | 'key_rejected' | 'multiple_events' | 'server_error' | 'bad_answer';

const advice: Record<TickeraErrorKind, string> = {
  unreachable: 'site unreachable',
  timeout: 'site did not answer in time',
  not_tickera: 'not a Tickera site (HTML where JSON was expected)',
  key_rejected: 'API key rejected',
  multiple_events:
    'key covers several events: import them with "Import from Tickera" on the Events page, or create a key for this one event in Tickera → Settings → API Access',
  server_error: 'WordPress answered',
  bad_answer: 'Tickera sent an answer FastCheck cannot read',
};

export class TickeraError extends Error {
  readonly retryable: boolean;
  constructor(
    readonly kind: TickeraErrorKind,
    detail?: string,
  ) {
    super(detail ? `${advice[kind]}${kind === 'server_error' ? ' ' : ': '}${detail}` : advice[kind]);
    this.name = 'TickeraError';
    this.retryable = kind === 'unreachable' || kind === 'timeout' || kind === 'server_error';
  }
}
