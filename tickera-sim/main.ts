// `npm run tickera:sim [-- --tickets 10000 --port 8787 --latency 50 --key ABCD1234]`:
// a Tickera site on this machine for the demo and for trying FastCheck by hand.
// `--events "Harbour Nights:3000,Dock Jazz:2000"` serves a key covering those events;
// `--wp-json 403` (or 404) blocks /wp-json/ as security plugins do.
// A real site's costs: `--latency 100 --row-latency 1.3 --row-latency-max 5 --workers 4 --cores 2`.
import { parseArgs } from 'node:util';
import { startTickeraSim } from './server.ts';

const { values } = parseArgs({
  options: {
    tickets: { type: 'string', default: process.env.SIM_TICKETS ?? '10000' },
    port: { type: 'string', default: process.env.SIM_PORT ?? '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    latency: { type: 'string', default: process.env.SIM_LATENCY_MS ?? '50' },
    key: { type: 'string', default: process.env.SIM_API_KEY },
    'row-latency': { type: 'string', default: '0' },
    'row-latency-max': { type: 'string' },
    workers: { type: 'string' },
    cores: { type: 'string' },
    native: { type: 'boolean', default: false },
    events: { type: 'string' },
    'wp-json': { type: 'string', default: 'open' },
  },
});

const sim = await startTickeraSim({
  tickets: Number(values.tickets),
  port: Number(values.port),
  host: values.host,
  pageLatencyMs: Number(values.latency),
  rowLatencyMs: Number(values['row-latency']),
  rowLatencyMaxMs: values['row-latency-max'] === undefined ? undefined : Number(values['row-latency-max']),
  workers: values.workers === undefined ? undefined : Number(values.workers),
  cores: values.cores === undefined ? undefined : Number(values.cores),
  apiKey: values.key,
  nativeTypes: values.native,
  events: values.events?.split(',').map((e) => {
    const [name, count] = e.split(':');
    return { name: name!.trim(), tickets: Number(count ?? 100) };
  }),
  wpJson: values['wp-json'] === '403' || values['wp-json'] === '404' ? values['wp-json'] : true,
});
process.stdout.write(
  [
    `Tickera simulator on ${sim.url} with ${sim.tickets.length} tickets`,
    `  API key:   ${sim.apiKey}`,
    `  try:       curl ${sim.url}/tc-api/${sim.apiKey}/event_essentials`,
    `  a code:    ${sim.tickets[0]!.code}`,
    '',
  ].join('\n'),
);
const stop = () => void sim.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
