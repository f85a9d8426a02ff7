import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReport, runFuzz } from '../bench/fuzz-core.js';
import { createTestContext, type TestContext } from './harness.js';

/**
 * A short run of `npm run fuzz` (which sends 20,000): requests built from the OpenAPI
 * document over every operation, as seven roles, many of them bent (NUL bytes, huge strings,
 * wrong types, bad or unknown ids, random cursors, encoded paths, future dates). No 5xx.
 * FUZZ_TEST_REQUESTS and FUZZ_SEED change the run.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({
    LOG_LEVEL: 'error',
    RATE_LIMIT_PER_MINUTE: '10000000',
    LOGIN_MAX_FAILURES_PER_USER: '10000000',
    LOGIN_MAX_FAILURES_PER_IP: '10000000',
  });
});
afterAll(() => ctx.close());

describe('fuzzing the API from its OpenAPI document', () => {
  it('answers no generated request with a 5xx', { timeout: 180_000 }, async () => {
    const requests = Number(process.env.FUZZ_TEST_REQUESTS ?? 2000);
    const seed = Number(process.env.FUZZ_SEED ?? 20_269);
    const result = await runFuzz(ctx, { requests, seed });
    const report = formatReport(result);
    expect(result.byOperation.size).toBeGreaterThan(90);
    expect(result.failures, `seed ${seed}\n${report}`).toEqual([]);
  });
});
