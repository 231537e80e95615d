/**
 * The web console's server side: the built single-page app at /console/, and the two things
 * the browser cannot do with the AWS API alone — learn the region, and trade a password for
 * temporary credentials (and give them back). Everything else the console does is ordinary
 * SigV4-signed AWS API calls to `POST /`.
 */
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerContext } from '../operations/dispatch';
import { ConsoleSignIn } from './sign-in';
import { serveStaticConsole } from './static-files';

export { ConsoleSignIn, FAILED_MESSAGE } from './sign-in';

export interface ConsoleOptions {
  region: string;
  /** The built console (packages/web/dist by default; BOSUN_CONSOLE_DIR overrides). */
  dir?: string;
  /** How long console credentials last; 1 hour unless BOSUN_CONSOLE_SESSION_SECONDS says otherwise. */
  sessionSeconds?: number;
}

export const defaultConsoleDir = (): string =>
  process.env.BOSUN_CONSOLE_DIR ?? path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../web/dist');

const DEFAULT_SESSION_SECONDS = 3600;
const MAX_BODY = 4096;

export function serveConsole(app: FastifyInstance, server: ServerContext, options: ConsoleOptions): ConsoleSignIn {
  const sessionSeconds = options.sessionSeconds ?? (Number(process.env.BOSUN_CONSOLE_SESSION_SECONDS) || DEFAULT_SESSION_SECONDS);
  const signIn = new ConsoleSignIn(server, { sessionSeconds });

  app.get('/console/api/config', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
    return { region: options.region, accountRequired: (await signIn.soleAccount()) === undefined, sessionSeconds };
  });

  app.post('/console/api/sign-in', async (req, reply) => {
    const body = jsonBody(req, reply);
    if (!body) return reply;
    const userName = str(body.UserName), password = str(body.Password), account = str(body.Account);
    if (!userName || !password || userName.length > 64 || password.length > 512 || (account?.length ?? 0) > 63) {
      return fail(reply, 400, 'ValidationException', 'Enter a user name and a password.');
    }
    const result = await signIn.signIn({
      account, userName, password,
      sourceIp: req.ip,
      userAgent: String(req.headers['user-agent'] ?? ''),
      requestId: String(req.id),
      region: options.region,
    });
    reply.header('cache-control', 'no-store');
    if (!result.ok) {
      if (result.retryAfterSeconds) reply.header('retry-after', String(result.retryAfterSeconds));
      return fail(reply, result.status, result.code, result.message);
    }
    return {
      AccountId: result.accountId,
      UserName: result.userName,
      Arn: result.arn,
      Region: options.region,
      PasswordResetRequired: result.passwordResetRequired,
      Credentials: result.credentials,
    };
  });

  app.post('/console/api/sign-out', async (req, reply) => {
    const body = jsonBody(req, reply);
    if (!body) return reply;
    await signIn.signOut(str(body.AccessKeyId) ?? '', str(body.SessionToken) ?? '');
    return reply.code(204).send();
  });

  serveStaticConsole(app, options.dir ?? defaultConsoleDir());
  return signIn;
}

/**
 * The body as a JSON object. Only `application/json` is accepted: a cross-site HTML form cannot
 * send it without the browser asking this origin first, which it never allows.
 */
function jsonBody(req: FastifyRequest, reply: FastifyReply): Record<string, unknown> | undefined {
  const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  if (type !== 'application/json') {
    fail(reply, 415, 'UnsupportedMediaType', 'Send application/json.');
    return undefined;
  }
  if (raw.length > MAX_BODY) {
    fail(reply, 413, 'RequestEntityTooLarge', 'The request body is too large.');
    return undefined;
  }
  try {
    const value = JSON.parse(raw.toString('utf8')) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  fail(reply, 400, 'SerializationException', 'The body is not a JSON object.');
  return undefined;
}

function fail(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).type('application/json').send({ __type: code, message });
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
