import type { Db } from '../db/database.js';
import type { AppError } from './app-error.js';

/** A use case's result: a value, or a refusal to throw once the transaction (with its audit row) has committed. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Runs `work` in a transaction; a refusal's audit row commits with it, and the error is thrown after. */
export async function inTransaction<T>(db: Db, work: (tx: Db) => Promise<Outcome<T>>): Promise<T> {
  const outcome = await db.transaction().execute(work);
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}
