/**
 * `npm run fuzz`: a bounded fuzz run of the whole API on embedded PGlite with the demo seed.
 * Requests come from the OpenAPI document (see fuzz-core.ts); the run prints the answers per
 * status class and per operation and lists every 5xx (method, route, status, error code, the
 * kind of bend; never a body). Exits 1 if any request got a 5xx.
 *
 *   FUZZ_REQUESTS  requests to send (default 20000; or the first argument)
 *   FUZZ_SEED      seed of the run (default: random, printed so a run can be repeated)
 *   FUZZ_DEBUG=1   add the server's error line (type, PostgreSQL code, message) to each 5xx
 */
import { createTestContext } from '../test/harness.js';
import { formatReport, runFuzz } from './fuzz-core.js';

const requests = Number(process.argv[2] ?? process.env.FUZZ_REQUESTS ?? 20_000);
const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
if (!Number.isInteger(requests) || requests < 1) {
  console.error('fuzz: the number of requests must be a positive integer');
  process.exit(2);
}
console.log(`fuzz: ${requests} requests, seed ${seed} (repeat with FUZZ_SEED=${seed})`);

const ctx = await createTestContext({
  LOG_LEVEL: 'error',
  RATE_LIMIT_PER_MINUTE: '10000000',
  LOGIN_MAX_FAILURES_PER_USER: '10000000',
  LOGIN_MAX_FAILURES_PER_IP: '10000000',
});
let result: Awaited<ReturnType<typeof runFuzz>>;
try {
  result = await runFuzz(ctx, {
    requests,
    seed,
    debug: process.env.FUZZ_DEBUG === '1',
    onProgress: (done) => {
      if (done % 2000 === 0) console.log(`  ${done} sent`);
    },
  });
} finally {
  await ctx.close();
}
console.log(formatReport(result));
process.exit(result.failures.length ? 1 : 0);
