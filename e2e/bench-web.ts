// `npm run bench:web`: how long the sign-in form takes to become usable on a slow 3G
// connection and a slow phone, and what the browser downloads for it.
//
// Starts the server as `npm start` does (built web app, embedded database in a fresh folder, no
// demo seed), then drives Chromium (/usr/bin/chromium or CHROMIUM_PATH) with Chrome DevTools
// network emulation (BENCH_DOWN_KBPS, default 400 kbit/s down, BENCH_UP_KBPS 400 up,
// BENCH_RTT_MS 400 ms round trip) and CPU throttling (BENCH_CPU, default 4×), with an empty
// cache, and prints, per run and as the median of BENCH_RUNS (default 3):
//   - the time from navigation until the Username field is visible and enabled (first paint of
//     the HTML shell too);
//   - the bytes on the wire (compressed bodies and headers) and the uncompressed JavaScript.
// The target (issue 11): sign-in usable in < 8 s.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '..');
const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const DOWN_KBPS = num('BENCH_DOWN_KBPS', 400);
const UP_KBPS = num('BENCH_UP_KBPS', 400);
const RTT_MS = num('BENCH_RTT_MS', 400);
const CPU = num('BENCH_CPU', 4);
const RUNS = num('BENCH_RUNS', 3);
const LOCALE = process.env.BENCH_LOCALE ?? 'en-GB';
const TARGET_MS = 8000;

async function startServer(): Promise<{ url: string; stop(): Promise<void> }> {
  if (!fs.existsSync(path.join(root, 'packages/web/dist/index.html'))) {
    throw new Error('Build the web app first: npm run build');
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opennrm-bench-web-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: path.join(root, 'packages/server'),
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += String(d);
  });
  child.stderr?.on('data', (d) => {
    output += String(d);
  });
  const started = Date.now();
  let match: RegExpExecArray | null = null;
  while (!match) {
    match = /running at (http:\/\/\S+)/.exec(output);
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    if (Date.now() - started > 180_000) throw new Error(`server did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: match[1]!.replace('localhost', '127.0.0.1'),
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

interface Run {
  shellMs: number;
  usableMs: number;
  wireBytes: number;
  jsWireBytes: number;
  jsBytes: number;
  requests: number;
  encodings: Set<string>;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

async function main() {
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run'],
  });
  const runs: Run[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ locale: LOCALE, viewport: { width: 390, height: 800 } });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: RTT_MS,
        downloadThroughput: (DOWN_KBPS * 1000) / 8,
        uploadThroughput: (UP_KBPS * 1000) / 8,
      });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
      const run: Run = {
        shellMs: 0,
        usableMs: 0,
        wireBytes: 0,
        jsWireBytes: 0,
        jsBytes: 0,
        requests: 0,
        encodings: new Set(),
      };
      const js = new Map<string, boolean>();
      cdp.on('Network.responseReceived', (e) => {
        const isJs = e.type === 'Script' || /\.m?js$/.test(new URL(e.response.url).pathname);
        js.set(e.requestId, isJs);
        const enc = Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === 'content-encoding');
        if (isJs) run.encodings.add(enc ? String(enc[1]) : 'identity');
      });
      cdp.on('Network.dataReceived', (e) => {
        if (js.get(e.requestId)) run.jsBytes += e.dataLength;
      });
      cdp.on('Network.loadingFinished', (e) => {
        run.requests++;
        run.wireBytes += e.encodedDataLength;
        if (js.get(e.requestId)) run.jsWireBytes += e.encodedDataLength;
      });
      const t0 = Date.now();
      await page.goto(server.url, { waitUntil: 'commit', timeout: 120_000 });
      await page.locator('body').filter({ hasText: 'OpenNRM' }).waitFor({ timeout: 120_000 });
      run.shellMs = Date.now() - t0;
      const username = page.getByLabel(/Username|اسم المستخدم/);
      await username.waitFor({ state: 'visible', timeout: 120_000 });
      while (!(await username.isEnabled())) await new Promise((r) => setTimeout(r, 20));
      run.usableMs = Date.now() - t0;
      // Let the last responses that were still arriving be counted.
      await page.waitForLoadState('networkidle', { timeout: 60_000 }).catch(() => {});
      runs.push(run);
      console.log(
        `run ${i + 1}: shell ${(run.shellMs / 1000).toFixed(1)} s, sign-in usable ${(run.usableMs / 1000).toFixed(1)} s, ` +
          `${run.requests} requests, ${kb(run.wireBytes)} on the wire (JS ${kb(run.jsWireBytes)}, ` +
          `${kb(run.jsBytes)} uncompressed, ${[...run.encodings].join('/')})`,
      );
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  const usable = median(runs.map((r) => r.usableMs));
  console.log(
    `\nslow 3G (${DOWN_KBPS} kbit/s down, ${UP_KBPS} up, ${RTT_MS} ms RTT), CPU ${CPU}× slower, ${LOCALE}, median of ${RUNS}:`,
  );
  console.log(`  HTML shell shown:      ${(median(runs.map((r) => r.shellMs)) / 1000).toFixed(1)} s`);
  console.log(
    `  sign-in form usable:   ${(usable / 1000).toFixed(1)} s (target < ${TARGET_MS / 1000} s: ${usable < TARGET_MS ? 'met' : 'NOT met'})`,
  );
  console.log(`  transferred (wire):    ${kb(median(runs.map((r) => r.wireBytes)))}`);
  console.log(`  JavaScript (wire):     ${kb(median(runs.map((r) => r.jsWireBytes)))}`);
  console.log(`  JavaScript (uncompr.): ${kb(median(runs.map((r) => r.jsBytes)))}`);
}

await main();
