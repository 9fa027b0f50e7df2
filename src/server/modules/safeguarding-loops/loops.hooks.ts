import type { Db } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';

/** One event as written to child_events, passed to the closed-loop engine in the same transaction. */
export interface RecordedEventRow {
  childId: string;
  eventId: string;
  type: string;
  occurredAt: Date;
  recordedAt: Date;
  organisationId: string | null;
  details: Record<string, unknown>;
}

/**
 * Called by the event log in the same transaction as every batch of events it writes (UI, API, feed),
 * so loops open and close whichever way an event arrives. (Stub: the closed-loop engine fills it in.)
 */
export async function onEventsRecorded(_tx: Db, _args: { actor: Actor; events: readonly RecordedEventRow[]; now: Date }): Promise<void> {
  // Intentionally empty until the closed-loop engine lands.
}
