import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import type { Config } from './config.js';
import type { Database } from './db/create-db.js';
import { auditRoutes } from './features/audit/index.js';
import { authRoutes } from './features/auth/index.js';
import { caseRoutes } from './features/cases/index.js';
import { documentRoutes, type FileServices } from './features/documents/index.js';
import { dossierRoutes, waitForDossierJobs } from './features/dossier/index.js';
import { followUpRoutes } from './features/follow-ups/index.js';
import { notificationRoutes } from './features/notifications/index.js';
import { organisationRoutes } from './features/organisations/index.js';
import { personRoutes } from './features/persons/index.js';
import { referralRoutes } from './features/referrals/index.js';
import { screeningRoutes } from './features/screening/index.js';
import { sopRoutes } from './features/sops/index.js';
import { systemRoutes, VERSION } from './features/system/index.js';
import { taskRoutes } from './features/tasks/index.js';
import { userRoutes } from './features/users/index.js';
import { workflowRoutes } from './features/workflow/index.js';
import type { FieldCrypto } from './lib/field-crypto.js';
import { type AuditSigningKey, loadFileKeyring, readAuditSigningKey } from './lib/keys.js';
import { documentObject, documentTransform } from './lib/openapi.js';
import { createStorage } from './lib/storage/index.js';
import { validatorCompiler } from './lib/validation.js';
import authPlugin from './plugins/auth.plugin.js';
import errorsPlugin from './plugins/errors.plugin.js';
import { notFoundHandler } from './plugins/not-found.js';
import type { Services } from './services.js';
import { createServices } from './services.js';

export interface AppDeps {
  config: Config;
  db: Database;
  now?: () => Date;
  crypto: FieldCrypto;
  /** Where logs go; tests pass a stream to read them. Defaults to stdout. */
  logStream?: DestinationStream;
  /** Document storage and file keys; default: from the configuration (STORAGE_DRIVER, key file). */
  files?: FileServices;
  /** The key checking (and, in the scheduler, signing) audit checkpoints; default: from the configuration. */
  auditKey?: AuditSigningKey;
}

/**
 * Logs carry the request id, method, route and status, never a query string, body,
 * cookie, CSRF token or username: query strings can hold names searched for.
 */
function loggerOptions(config: Config, stream?: DestinationStream) {
  return {
    ...(stream ? { stream } : {}),
    level: config.logLevel,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
      ],
      remove: true,
    },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

function findWebDist(config: Config): string | undefined {
  const candidates = config.webDistDir
    ? [path.resolve(config.webDistDir)]
    : [path.resolve(import.meta.dirname, '../../web/dist')];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'index.html')));
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const services: Services = createServices({
    config,
    db: deps.db,
    now: deps.now ?? (() => new Date()),
    crypto: deps.crypto,
  });

  const app = Fastify({
    logger: loggerOptions(config, deps.logStream),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimitBytes,
    return503OnClosing: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(errorsPlugin);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(config.secureCookies ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(rateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: `Too many requests; try again in ${Math.ceil(ctx.ttl / 1000)} s`,
    }),
  });
  await app.register(cookie);
  await app.register(authPlugin, { services });

  // Nothing is cached unless its route says it may be (the web app's static files): decided on
  // the matched route, never on the URL text. A handler that sets its own header keeps it.
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    const cacheable =
      !request.is404 &&
      request.routeOptions.config.access?.public &&
      request.routeOptions.config.access.cacheable;
    if (!cacheable && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'OpenNRM API',
        version: VERSION,
        description:
          'JSON API of OpenNRM. Sign in with POST /api/auth/login; the session is a cookie. Every request that changes something must send the `x-csrf-token` header with the token from the login answer or GET /api/me. Errors are `{ code, message, details }` with stable codes.',
        license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
      },
      // Relative: the document describes the server that serves it.
      servers: [{ url: '/', description: 'This OpenNRM server' }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'opennrm_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: documentTransform,
    transformObject: documentObject,
  });
  // The API reference is readable without signing in; it holds no data.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...route.config, access: { public: true } };
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    transformStaticCSP: (header) => {
      const csp = header.replace("frame-ancestors 'self'", "frame-ancestors 'none'");
      return config.secureCookies ? csp : csp.replace(/\s*upgrade-insecure-requests;?/, '');
    },
    uiConfig: { docExpansion: 'list' },
  });

  for (const routes of [
    systemRoutes,
    authRoutes,
    organisationRoutes,
    userRoutes,
    caseRoutes,
    personRoutes,
    screeningRoutes,
    notificationRoutes,
    sopRoutes,
    workflowRoutes,
    followUpRoutes,
    taskRoutes,
    referralRoutes,
  ]) {
    await app.register(routes, { services });
  }
  // The audit checkpoint key is read on first use too (verification, export); never created here.
  let auditKey = deps.auditKey;
  let auditKeyRead = auditKey !== undefined;
  const getAuditKey = () => {
    if (!auditKeyRead) {
      auditKey = readAuditSigningKey(config);
      auditKeyRead = true;
    }
    return auditKey;
  };
  await app.register(auditRoutes, { services, auditKey: getAuditKey });
  // Document storage and file keys are opened on first use: a process that never touches a
  // document (a benchmark, most tests) needs neither a key file nor a bucket.
  let files = deps.files;
  const getFiles = (): FileServices => {
    files ??= {
      storage: createStorage(config),
      keyring: loadFileKeyring(config).keyring,
      maxUploadBytes: config.storage.maxUploadBytes,
      clamd: config.clamdAddress,
    };
    return files;
  };
  // A dossier being built finishes before the storage closes.
  app.addHook('onClose', () => waitForDossierJobs());
  if (!deps.files) app.addHook('onClose', async () => files?.storage.close());
  await app.register(documentRoutes, { services, files: getFiles });
  await app.register(dossierRoutes, { services, files: getFiles });

  const webDist = findWebDist(config);
  if (webDist) {
    // The web app's files are public and cacheable; its routes say so (every route declares its access).
    await app.register(async (web) => {
      web.addHook('onRoute', (route) => {
        route.config = { ...route.config, access: { public: true, cacheable: true } };
      });
      await web.register(fastifyStatic, {
        root: webDist,
        wildcard: false,
        index: false,
        // The build writes x.js.br and x.js.gz beside x.js (packages/web/vite.config.ts): the
        // browser gets the one its Accept-Encoding allows, with Content-Encoding and
        // Vary: Accept-Encoding, and the Content-Type of x.js.
        preCompressed: true,
        setHeaders: (res, filePath) => {
          res.header(
            'cache-control',
            filePath.includes(`${path.sep}assets${path.sep}`)
              ? 'public, max-age=31536000, immutable'
              : 'no-cache',
          );
        },
      });
    });
  }
  app.setNotFoundHandler(notFoundHandler(webDist));

  return app;
}
