import fs from 'node:fs';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Whether a URL's path lies under /api however it is spelled: percent-encoded (`/%61pi`, also
 * twice over), with doubled slashes (`//api`), backslashes, dot segments (`/x/../api`) or in
 * another case (`/API`). Such a path is the API's even when no route matches it: it is answered
 * JSON and never with the web app's index.html. A path that does not decode is taken as the API's.
 */
export function namesApi(url: string): boolean {
  let decoded = url.split(/[?#]/, 1)[0] ?? '';
  for (let i = 0; i < 5; i++) {
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return true;
    }
    if (next === decoded) break;
    decoded = next;
  }
  const segments: string[] = [];
  for (const segment of decoded.replaceAll('\\', '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return segments[0]?.trim().replace(/\.+$/, '').toLowerCase() === 'api';
}

/**
 * What a request that matches no route gets: with the web app built, a GET for an app path
 * gets its index.html (the app routes in the browser); everything else, and any path naming
 * the API, a JSON 404 (no-store, as every answer that is not a static file).
 */
export function notFoundHandler(webDist: string | undefined) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (webDist && request.method === 'GET' && !namesApi(request.url)) {
      // The static files live in their own plugin context (their routes are declared public
      // there), so `reply.sendFile` is not decorated here: the small shell is read directly.
      const shell = await fs.promises.readFile(path.join(webDist, 'index.html'));
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(shell);
    }
    return reply.status(404).send({ code: 'NOT_FOUND', message: 'No such endpoint' });
  };
}
