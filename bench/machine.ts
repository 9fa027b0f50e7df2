/**
 * How busy the machine is apart from the benchmark: figures taken while other work runs (tests, builds)
 * are not comparable, so each load run records the CPU use just before it, and `--wait-quiet S` waits
 * (at most S seconds) for the machine to settle first.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

function cpuTimes(): { idle: number; total: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const fields = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { idle, total: fields.reduce((a, b) => a + b, 0) };
  } catch {
    return null;
  }
}

/** Share of all CPU time (0–1) spent busy over the next `ms` milliseconds; null where /proc is missing. */
export async function machineBusy(ms = 1_000): Promise<number | null> {
  const a = cpuTimes();
  await sleep(ms);
  const b = cpuTimes();
  if (!a || !b || b.total === a.total) return null;
  return 1 - (b.idle - a.idle) / (b.total - a.total);
}

/** Waits until the machine is below `threshold` busy (checked each second), for at most `maxS` seconds. Returns the last reading. */
export async function waitForQuiet(maxS: number, threshold = 0.15): Promise<number | null> {
  const until = Date.now() + maxS * 1000;
  let busy = await machineBusy();
  while (busy !== null && busy > threshold && Date.now() < until) busy = await machineBusy();
  return busy;
}
