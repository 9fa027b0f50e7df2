/**
 * PostgreSQL-side evidence for a load run, from the statistics views (no extension needed):
 * transactions, index/sequential scans and rows inserted per request (deltas of pg_stat_database and
 * pg_stat_user_tables around the run), WAL syncs, and what the server's backends were waiting on
 * (pg_stat_activity sampled every 100 ms). A busy backend flushes its statistics at most once a second
 * and an idle one within 10 s (PostgreSQL 15), so both snapshots wait STATS_SETTLE_MS for the server's
 * connections to go quiet and flush (the warm-up's counts must land before the first snapshot). Treat
 * the per-request figures as approximate: requests in flight when the run stops are not counted.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const STATS_SETTLE_MS = 11_000;

interface Snapshot {
  xactCommit: number;
  xactRollback: number;
  tables: Record<string, { seqScan: number; idxScan: number; inserted: number; updated: number }>;
  walRecords: number | null;
  walSync: number | null;
}

async function snapshot(client: pg.Client): Promise<Snapshot> {
  await client.query('SELECT pg_stat_clear_snapshot()');
  const db = await client.query<{ xact_commit: string; xact_rollback: string }>('SELECT xact_commit, xact_rollback FROM pg_stat_database WHERE datname = current_database()');
  const tables = await client.query<{ relname: string; seq_scan: string; idx_scan: string | null; n_tup_ins: string; n_tup_upd: string }>(
    'SELECT relname, seq_scan, idx_scan, n_tup_ins, n_tup_upd FROM pg_stat_user_tables',
  );
  let walRecords: number | null = null;
  let walSync: number | null = null;
  try {
    const wal = await client.query<{ wal_records: string; wal_sync: string }>('SELECT wal_records, wal_sync FROM pg_stat_wal');
    walRecords = Number(wal.rows[0]?.wal_records ?? NaN);
    walSync = Number(wal.rows[0]?.wal_sync ?? NaN);
  } catch {
    // pg_stat_wal is PostgreSQL 14+.
  }
  return {
    xactCommit: Number(db.rows[0]?.xact_commit ?? 0),
    xactRollback: Number(db.rows[0]?.xact_rollback ?? 0),
    tables: Object.fromEntries(
      tables.rows.map((r) => [r.relname, { seqScan: Number(r.seq_scan), idxScan: Number(r.idx_scan ?? 0), inserted: Number(r.n_tup_ins), updated: Number(r.n_tup_upd) }]),
    ),
    walRecords,
    walSync,
  };
}

export interface PgRunEvidence {
  requests: number;
  transactionsPerRequest: number;
  /** Per table with any activity: index scans, sequential scans, rows inserted, rows updated, per request. */
  perRequest: Record<string, { idxScan: number; seqScan: number; inserted: number; updated: number }>;
  walSyncsPerRequest: number | null;
  /** Share of sampled client backends in each state/wait (e.g. "active:Lock/transactionid"). */
  waits: Record<string, number>;
  samples: number;
}

export interface PgObserver {
  stop(requests: number): Promise<PgRunEvidence>;
}

/** Starts observing; call stop() with the number of requests the run completed. */
export async function observePostgres(databaseUrl: string): Promise<PgObserver> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'clasp-bench-observer' });
  await client.connect();
  await sleep(STATS_SETTLE_MS);
  const before = await snapshot(client);
  const waitCounts: Record<string, number> = {};
  let samples = 0;
  let backends = 0;
  let running = true;
  const sampler = (async () => {
    // Bounded: stops when told, or after 10 minutes whatever happens.
    const until = Date.now() + 600_000;
    while (running && Date.now() < until) {
      const { rows } = await client.query<{ state: string | null; wait: string | null }>(
        `SELECT state, CASE WHEN wait_event IS NULL THEN NULL ELSE wait_event_type || '/' || wait_event END AS wait
           FROM pg_stat_activity
          WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()
            AND coalesce(application_name, '') <> 'clasp-bench-observer'`,
      );
      samples += 1;
      for (const row of rows) {
        const key = `${row.state ?? 'unknown'}:${row.wait ?? 'cpu'}`;
        waitCounts[key] = (waitCounts[key] ?? 0) + 1;
        backends += 1;
      }
      await sleep(100);
    }
  })();

  return {
    async stop(requests: number) {
      running = false;
      await sampler;
      await sleep(STATS_SETTLE_MS);
      const after = await snapshot(client);
      await client.end();
      const n = Math.max(1, requests);
      const perRequest: PgRunEvidence['perRequest'] = {};
      for (const [table, a] of Object.entries(after.tables)) {
        const b = before.tables[table] ?? { seqScan: 0, idxScan: 0, inserted: 0, updated: 0 };
        const d = { idxScan: (a.idxScan - b.idxScan) / n, seqScan: (a.seqScan - b.seqScan) / n, inserted: (a.inserted - b.inserted) / n, updated: (a.updated - b.updated) / n };
        if (d.idxScan > 0.01 || d.seqScan > 0.001 || d.inserted > 0.01 || d.updated > 0.01) perRequest[table] = d;
      }
      const waits = Object.fromEntries(
        Object.entries(waitCounts)
          .sort(([, x], [, y]) => y - x)
          .map(([k, v]) => [k, v / Math.max(1, backends)]),
      );
      return {
        requests,
        transactionsPerRequest: (after.xactCommit + after.xactRollback - before.xactCommit - before.xactRollback) / n,
        perRequest,
        walSyncsPerRequest: after.walSync !== null && before.walSync !== null ? (after.walSync - before.walSync) / n : null,
        waits,
        samples,
      };
    },
  };
}
