// Console sign-in, sign-out and "who am I".
import { Hono } from 'hono';
import { loginRequestSchema } from '../../shared/protocol/console-auth.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { login, loginThrottle } from '../auth/console-login.ts';
import { revokeSession } from '../db/repos/sessions.ts';
import { getUser } from '../db/repos/users.ts';
import { unauthorized } from '../http/app-error.ts';
import { clientIp } from '../http/client-ip.ts';
import { requireUser } from '../auth/require-role.ts';
import { clearSessionCookie, setSessionCookie } from '../auth/console-session.ts';
import { validate } from '../http/validate.ts';
import { requireJson } from '../http/content-type.ts';
import { userDto } from '../organiser/wire.ts';

export function authRoutes({ database, config, clock }: AppDeps) {
  const throttle = loginThrottle(config);
  return new Hono<AppEnv>()
    .post('/api/v1/auth/login', requireJson, validate('json', loginRequestSchema), async (c) => {
      const body = c.req.valid('json');
      const { user, token } = await login(
        { database, config, clock, throttle },
        { ...body, ip: clientIp(c, config), userAgent: c.req.header('user-agent')?.slice(0, 300) ?? null },
      );
      setSessionCookie(c, config, token);
      return c.json({ data: { user: userDto(user) } });
    })
    .post('/api/v1/auth/logout', async (c) => {
      const signedIn = requireUser(c);
      await revokeSession(database.db, signedIn.sessionId, clock.now());
      clearSessionCookie(c, config);
      const user = await getUser(database.db, signedIn.id);
      if (!user) throw unauthorized();
      return c.json({ data: { user: userDto(user) } });
    })
    .get('/api/v1/auth/me', async (c) => {
      const user = await getUser(database.db, requireUser(c).id);
      if (!user) throw unauthorized();
      return c.json({ data: { user: userDto(user) } });
    });
}
