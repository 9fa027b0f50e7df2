/**
 * The two ways the benchmark drives a server: autocannon at N connections for a fixed time (throughput
 * and latency under load), and a bounded loop of sequential requests (what one user's page waits for).
 * Latencies are collected per response and summarised here, so every figure has a p95 (autocannon's
 * own histogram has p90, p97.5 and p99 but no p95, and rounds to whole milliseconds).
 */
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { waitForQuiet } from './machine.js';

/** `--wait-quiet S`: before each load run, wait up to S seconds for other work on the machine to settle. */
export const loadSettings = { waitQuietS: 0 };

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export interface LoadResult extends LatencySummary {
  name: string;
  connections: number;
  durationS: number;
  /** autocannon's mean of per-second samples. */
  reqPerSec: number;
  /** Completed responses / elapsed seconds (cross-check for reqPerSec). */
  completedPerSec: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** Share of the machine's CPU busy (with other work) in the second before the run. */
  machineBusyBefore: number | null;
  /** Responses completed in the (unrecorded) warm-up. */
  warmupRequests: number;
}

export function summarise(values: readonly number[]): LatencySummary {
  if (values.length === 0) return { count: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN, mean: NaN };
  const sorted = Float64Array.from(values).sort();
  // Nearest-rank percentile: the smallest value with at least p% of samples at or below it.
  const pick = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
  let sum = 0;
  for (const v of sorted) sum += v;
  return { count: sorted.length, p50: pick(50), p95: pick(95), p99: pick(99), max: sorted[sorted.length - 1] as number, mean: sum / sorted.length };
}

export interface LoadOptions {
  name: string;
  url: string;
  connections: number;
  durationS: number;
  /** Each request's path (and query), chosen afresh per request. */
  path: () => string;
  headers?: Record<string, string>;
  /** Unrecorded run before the measured one: JIT, pool connections, caches (default 2 s). */
  warmupS?: number;
  /** Per-request timeout in seconds (default 10). */
  timeoutS?: number;
  /** Called with each request's latency and status during the measured run (not the warm-up). */
  onResponse?: (status: number, ms: number) => void;
  /** Runs before the warm-up (e.g. to start observing the database: count warm-up + measured requests). */
  beforeWarmup?: () => Promise<void>;
}

async function cannon(options: LoadOptions, durationS: number, record: boolean) {
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let completed = 0;
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    duration: durationS,
    timeout: options.timeoutS ?? 10,
    headers: options.headers ?? {},
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => ({ ...request, path: options.path() }),
      },
    ],
  });
  // Hard stop in case a server wedges: duration plus the request timeout plus slack.
  const guard = setTimeout(() => instance.stop(), (durationS + (options.timeoutS ?? 10) + 5) * 1000);
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    completed += 1;
    if (record) {
      latencies.push(responseTime);
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
      options.onResponse?.(statusCode, responseTime);
    }
  });
  const started = performance.now();
  const result = await instance;
  clearTimeout(guard);
  const elapsedS = (performance.now() - started) / 1000;
  return { result, latencies, statusCodes, elapsedS, completed };
}

/** Autocannon against one target: a warm-up, then the measured run. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const machineBusyBefore = await waitForQuiet(loadSettings.waitQuietS);
  await options.beforeWarmup?.();
  const warmup = options.warmupS ?? 2;
  const warmupRequests = warmup > 0 ? (await cannon(options, warmup, false)).completed : 0;
  const { result, latencies, statusCodes, elapsedS } = await cannon(options, options.durationS, true);
  return {
    name: options.name,
    connections: options.connections,
    durationS: options.durationS,
    reqPerSec: result.requests.average,
    completedPerSec: latencies.length / elapsedS,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    machineBusyBefore,
    warmupRequests,
    ...summarise(latencies),
  };
}

export interface SequentialResult extends LatencySummary {
  name: string;
  non2xx: number;
  statusCodes: Record<string, number>;
}

/**
 * `count` requests one after another (each awaited, body read); `request(i)` performs request i and
 * returns its status. Bounded by count and by `budgetMs` overall.
 */
export async function runSequential(name: string, count: number, request: (i: number) => Promise<number>, budgetMs = 120_000): Promise<SequentialResult> {
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let non2xx = 0;
  const deadline = performance.now() + budgetMs;
  for (let i = 0; i < count && performance.now() < deadline; i += 1) {
    const started = performance.now();
    const status = await request(i);
    latencies.push(performance.now() - started);
    statusCodes[status] = (statusCodes[status] ?? 0) + 1;
    if (status < 200 || status > 299) non2xx += 1;
  }
  return { name, non2xx, statusCodes, ...summarise(latencies) };
}

/** A uniformly random element (the sample is never empty: callers check). */
export function randomOf<T>(values: readonly T[]): T {
  return values[Math.floor(Math.random() * values.length)] as T;
}
