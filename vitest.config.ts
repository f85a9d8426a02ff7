import { defineConfig } from 'vitest/config';

const integration = (name: string, kind: 'pglite' | 'postgres') => ({
  test: {
    name,
    root: 'packages/server',
    include: ['test/**/*.test.ts'],
    env: { OPENNRM_TEST_DB: kind },
    // One migrated, seeded database per run; each test context loads or copies it.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks' as const,
  },
});

/**
 * Unit tests for the domain and the web app's pure modules, and the server's integration suite
 * on embedded PGlite and, when TEST_DATABASE_URL points at a PostgreSQL server (CI sets it), on
 * PostgreSQL too.
 */
export default defineConfig({
  test: {
    projects: [
      // Property tests run hundreds of generated cases: on a loaded 2-core CI machine they need more than 5 s.
      {
        test: {
          name: 'domain',
          root: 'packages/domain',
          include: ['test/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      // The web app's pure modules (no DOM): layouts, formatting.
      { test: { name: 'web', root: 'packages/web', include: ['src/**/*.test.ts'] } },
      // The web app's components in a DOM (happy-dom), driven as a user would, the network answered by MSW.
      {
        test: {
          name: 'web:dom',
          root: 'packages/web',
          include: ['src/**/*.test.tsx'],
          environment: 'happy-dom',
          setupFiles: ['test/dom/setup.ts'],
          testTimeout: 20_000,
        },
      },
      integration('server:pglite', 'pglite'),
      ...(process.env.TEST_DATABASE_URL ? [integration('server:postgres', 'postgres')] : []),
    ],
  },
});
