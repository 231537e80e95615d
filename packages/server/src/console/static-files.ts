import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

// The console talks only to this origin: the API (POST /), its WebSocket sessions and blobs.
// CodeMirror and xterm.js add <style> elements at run time, hence 'unsafe-inline' for styles only.
const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss:; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * Serves the built console from `dir` under /console/. Hashed assets are cached for good;
 * index.html never, so a new build is picked up at the next load.
 */
export function serveStaticConsole(app: FastifyInstance, dir: string): void {
  const root = path.resolve(dir);
  app.get('/console', (_req, reply) => reply.redirect('/console/'));
  app.get('/console/*', (req, reply) => {
    const rest = (req.params as { '*': string })['*'] ?? '';
    const wanted = rest === '' ? 'index.html' : decodeURIComponent(rest.split('?')[0]);
    const file = path.resolve(root, wanted);
    if (!file.startsWith(root + path.sep)) return notFound(reply);
    let body: Buffer;
    try {
      body = fs.readFileSync(file);
    } catch {
      if (rest === '' || rest === 'index.html') return notBuilt(reply, root);
      return notFound(reply);
    }
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
    reply.header('cache-control', wanted.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    return reply.type(TYPES[path.extname(file)] ?? 'application/octet-stream').send(body);
  });
}

function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).type('text/plain; charset=utf-8').send('Not found\n');
}

function notBuilt(reply: FastifyReply, root: string): FastifyReply {
  return reply
    .code(503)
    .type('text/plain; charset=utf-8')
    .send(`The web console is not built (no ${path.join(root, 'index.html')}).\nRun \`npm run build:web\` in the Bosun checkout, then reload.\n`);
}
