// Run before `npm start` builds: a port already in use is said in one line, before dist/
// is rebuilt under a running server.
import { createServer } from 'node:net';

const port = Number(process.env.PORT ?? 4000);
const host = process.env.HOST ?? '0.0.0.0';
const probe = createServer();
probe.once('error', (err: NodeJS.ErrnoException) => {
  console.error(err.code === 'EADDRINUSE' ? `PORT ${port} is already in use` : `PORT ${port}: ${err.message}`);
  process.exit(1);
});
probe.listen(port, host, () => probe.close());
