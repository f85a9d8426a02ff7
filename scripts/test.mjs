#!/usr/bin/env node
// `npm test`: every check CI runs, one after another, stopping at the first failure, and how long
// each took (the suite's time is a number we watch: issue 10 asks for under 8 minutes on a quiet
// 2-core machine). The steps are the npm scripts named below; run one alone with `npm run <step>`.
import { spawnSync } from 'node:child_process';

const steps = [
  'lint',
  'check:architecture',
  'typecheck',
  'db:types:check',
  'lint:openapi',
  'i18n:check',
  'test:unit',
  'test:e2e',
];

const times = [];
const started = performance.now();
let failed;
for (const step of steps) {
  console.log(`\n== npm run ${step}`);
  const t = performance.now();
  const run = spawnSync('npm', ['run', '--silent', step], { stdio: 'inherit' });
  times.push([step, (performance.now() - t) / 1000]);
  if (run.status !== 0) {
    failed = step;
    break;
  }
}
const total = (performance.now() - started) / 1000;
console.log('\n== npm test: time per step');
for (const [step, s] of times) console.log(`  ${step.padEnd(20)} ${s.toFixed(1).padStart(7)} s`);
console.log(`  ${'total'.padEnd(20)} ${total.toFixed(1).padStart(7)} s (${(total / 60).toFixed(1)} min)`);
if (failed) {
  console.log(`\nnpm test: FAILED at ${failed}`);
  process.exit(1);
}
