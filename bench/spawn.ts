/**
 * Starts bench/server-process.ts in a child process on a free loopback port and waits for its first
 * 200 on a probe path: the time from spawn to that 200 is the cold start. The child is stopped by its
 * own pid (SIGTERM, then SIGKILL if it has not exited after 20 s).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(HERE, '..');
const SERVER_SCRIPT = join(HERE, 'server-process.ts');

export type ServerMode = 'bare' | 'lookup' | 'clasp' | 'clasp-variants';

export interface SpawnOptions {
  mode: ServerMode;
  databaseUrl?: string;
  dataDir?: string;
  /** Polled until it answers 200 (default: /healthz, or /api/v1/meta for CLASP). */
  probePath?: string;
  /** Give up after this long (default 180 s). */
  readyTimeoutMs?: number;
}

export interface RunningChild {
  mode: ServerMode;
  url: string;
  pid: number;
  /** Spawn to first 200 on the probe path, in seconds. */
  coldStartS: number;
  /** Timings the child reported about itself (ms since its own process start). */
  timings: Record<string, number>;
  memory(): { rssMb: number; peakRssMb: number } | null;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function readMemory(pid: number): { rssMb: number; peakRssMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function spawnServer(options: SpawnOptions): Promise<RunningChild> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const probe = url + (options.probePath ?? (options.mode === 'clasp' || options.mode === 'clasp-variants' ? '/api/v1/meta' : '/healthz'));
  const env: NodeJS.ProcessEnv = { ...process.env, BENCH_MODE: options.mode, BENCH_PORT: String(port), BENCH_DATABASE_URL: options.databaseUrl ?? '', BENCH_DATA_DIR: options.dataDir ?? '' };
  delete env.DATABASE_URL;
  delete env.CLASP_DATA_DIR;

  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER_SCRIPT], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-8000);
  });
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout = (stdout + chunk).slice(-8000);
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    if (!(await waitForExit(child, 20_000))) {
      child.kill('SIGKILL');
      await waitForExit(child, 5_000);
    }
  };

  const deadline = started + (options.readyTimeoutMs ?? 180_000);
  let coldStartS = NaN;
  for (;;) {
    if (exited) throw new Error(`${options.mode} server exited before it was ready:\n${stderr || stdout}`);
    if (performance.now() > deadline) {
      await stop();
      throw new Error(`${options.mode} server was not ready within ${(options.readyTimeoutMs ?? 180_000) / 1000} s:\n${stderr}`);
    }
    try {
      const response = await fetch(probe, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) {
        coldStartS = (performance.now() - started) / 1000;
        break;
      }
    } catch {
      // Not listening yet.
    }
    await sleep(10);
  }

  // The ready line arrives at about the same moment as the first 200; wait briefly for its timings.
  let timings: Record<string, number> = {};
  for (let i = 0; i < 100 && !stdout.includes('\n'); i += 1) await sleep(10);
  const line = stdout.split('\n').find((l) => l.startsWith('BENCH_READY '));
  if (line) timings = (JSON.parse(line.slice('BENCH_READY '.length)) as { timings: Record<string, number> }).timings;

  const pid = child.pid ?? -1;
  return { mode: options.mode, url, pid, coldStartS, timings, memory: () => readMemory(pid), stop };
}
