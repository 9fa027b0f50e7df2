import type { Db } from './db/database.js';
import { escalateOverdueItems } from './modules/events/worklists.usecases.js';
import { escalateOverdueLoopSteps } from './modules/safeguarding-loops/loops.usecases.js';
import type { Clock } from './shared/clock.js';

/**
 * The timers' sweep (#3): stamps worklist items and loop steps that passed their deadline as escalated
 * and audits each escalation once. Lists derive "overdue" from the deadlines themselves, so a sweep that
 * runs late never hides anything; the sweep is the durable, audited record of the escalation.
 */
export async function runSweeps(deps: { db: Db; clock: Clock }): Promise<{ worklistItemsEscalated: number; loopStepsEscalated: number }> {
  const items = await escalateOverdueItems(deps);
  const steps = await escalateOverdueLoopSteps(deps);
  return { worklistItemsEscalated: items.escalated, loopStepsEscalated: steps.escalated.length };
}

/** Runs the sweep every `intervalMs` in the server process; returns a stop function. Errors are logged without PII. */
export function scheduleSweeps(deps: { db: Db; clock: Clock }, { intervalMs, onError }: { intervalMs: number; onError: (error: unknown) => void }): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = runSweeps(deps)
      .catch(onError)
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
