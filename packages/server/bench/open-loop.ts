/**
 * A small open-loop (constant arrival rate) HTTP load generator on node:http keep-alive sockets.
 * Request i of a step is scheduled at start + i / rate, on a timer that does not wait for
 * responses; its latency counts from that scheduled time, not from when it was sent, so a slow
 * server cannot slow the generator down and hide its own queueing (no coordinated omission).
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface PlannedRequest {
  method: 'GET' | 'PATCH' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Called with the response (status, headers) before it counts; returns false to count it as an error. */
  check?: (status: number, headers: http.IncomingHttpHeaders) => boolean;
}

export interface StepResult {
  rate: number;
  seconds: number;
  scheduled: number;
  completed: number;
  errors: number;
  /** Errors by kind: `status 412`, `timeout`, `ECONNRESET`, `no request` (planner had none free)... */
  errorKinds: Record<string, number>;
  achievedRate: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface StepOptions {
  baseUrl: string;
  rate: number;
  seconds: number;
  /** Builds request i; undefined counts as an error (`no request`). */
  plan: (i: number) => PlannedRequest | undefined;
  /** A request unanswered this long after its scheduled time is a timeout error. Default 10 s. */
  timeoutMs?: number;
  /** Cap on concurrent requests; beyond it scheduled requests are dropped as errors. Default 1024. */
  maxInFlight?: number;
}

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function runStep(opts: StepOptions): Promise<StepResult> {
  const url = new URL(opts.baseUrl);
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const maxInFlight = opts.maxInFlight ?? 1024;
  const agent = new http.Agent({ keepAlive: true, maxSockets: maxInFlight, maxFreeSockets: maxInFlight });
  const total = Math.round(opts.rate * opts.seconds);
  const interval = 1000 / opts.rate;
  const latencies: number[] = [];
  const errorKinds: Record<string, number> = {};
  const fail = (kind: string) => {
    errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
  };
  let inFlight = 0;
  let sent = 0;
  let finished = 0;
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });
  const settle = () => {
    finished++;
    if (finished === total) resolveDone();
  };

  const fire = (i: number, scheduledAt: number) => {
    const planned = opts.plan(i);
    if (!planned) {
      fail('no request');
      settle();
      return;
    }
    if (inFlight >= maxInFlight) {
      fail('dropped (too many in flight)');
      settle();
      return;
    }
    inFlight++;
    let over = false;
    const end = (error?: string, latency?: number) => {
      if (over) return;
      over = true;
      inFlight--;
      if (error) fail(error);
      else latencies.push(latency!);
      settle();
    };
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: planned.method,
        path: planned.path,
        agent,
        headers: {
          ...planned.headers,
          ...(planned.body
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(planned.body) }
            : {}),
        },
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const ok = planned.check ? planned.check(status, res.headers) : status >= 200 && status < 300;
          end(ok ? undefined : `status ${status}`, performance.now() - scheduledAt);
        });
        res.on('error', (e) => end((e as NodeJS.ErrnoException).code ?? e.message));
      },
    );
    req.on('timeout', () => {
      req.destroy();
      end('timeout');
    });
    req.on('error', (e) => end((e as NodeJS.ErrnoException).code ?? e.message));
    if (planned.body) req.write(planned.body);
    req.end();
  };

  const start = performance.now();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + sent * interval <= now) {
        fire(sent, start + sent * interval);
        sent++;
      }
      if (sent < total)
        setTimeout(tick, Math.max(0, Math.min(5, start + sent * interval - performance.now())));
      else resolve();
    };
    tick();
  });
  if (total === 0) resolveDone();
  // Unanswered requests are timeouts once their time is up (the socket timeout is per inactivity).
  const deadline = setTimeout(() => {
    const missing = total - finished;
    if (missing > 0) {
      errorKinds.timeout = (errorKinds.timeout ?? 0) + missing;
      finished = total;
      resolveDone();
    }
  }, timeoutMs + 1000);
  await done;
  clearTimeout(deadline);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const errors = Object.values(errorKinds).reduce((a, b) => a + b, 0);
  return {
    rate: opts.rate,
    seconds: opts.seconds,
    scheduled: total,
    completed: latencies.length,
    errors,
    errorKinds,
    achievedRate: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? Number.NaN,
  };
}
