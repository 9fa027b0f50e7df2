/** The results document (written as JSON) and its human-readable table. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SeedReport } from './databases.js';
import type { LoadResult, SequentialResult } from './load.js';
import type { PgRunEvidence } from './pgstats.js';

export interface TargetCheck {
  target: string;
  measured: string;
  pass: boolean | null;
}

export interface Results {
  startedAt: string;
  finishedAt?: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; postgres?: string };
  options: { only: string | null; nationalLimit: number; durationS: number; pageRequests: number; waitQuietS: number; reuseSeed: boolean };
  source: { root: string; commit: string | null; changedFiles: number | null };
  floors: { bareFastify?: LoadResult; pgPointLookup?: LoadResult; pglitePointLookup?: LoadResult };
  postgres?: {
    seed: SeedReport & { machineBusyBefore?: number | null };
    serverColdStartS?: number;
    flagLookup?: LoadResult & { ratioToFloor: number | null; evidence?: PgRunEvidence };
    /** Diagnostic: bench-only route, the same reads in one statement with no scope or audit. */
    flagLookupNoScopeNoAudit?: LoadResult & { ratioToFloor: number | null };
    childSearchByName?: LoadResult & { evidence?: PgRunEvidence };
    childSearchByNameSequential?: SequentialResult;
  };
  seedOnly?: SeedReport & { machineBusyBefore?: number | null };
  pglite?: {
    seed: SeedReport;
    coldStarts: { seconds: number; timings: Record<string, number>; machineBusyBefore: number | null }[];
    machineBusyBeforePages?: number | null;
    pages: SequentialResult[];
    memoryAfterPages: { rssMb: number; peakRssMb: number } | null;
    flagLookupUnderLoad?: LoadResult & { ratioToFloor: number | null };
    memoryAfterLoad?: { rssMb: number; peakRssMb: number } | null;
  };
  targets: TargetCheck[];
  notes: string[];
}

const n0 = (v: number | null | undefined) => (v === null || v === undefined || Number.isNaN(v) ? '–' : Math.round(v).toLocaleString('en-GB'));
const ms = (v: number | null | undefined) => (v === null || v === undefined || Number.isNaN(v) ? '–' : v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : Math.round(v).toLocaleString('en-GB'));
const pct = (v: number | null | undefined) => (v === null || v === undefined || Number.isNaN(v) ? '–' : `${Math.round(v * 100)}%`);

function table(headers: string[], rows: string[][], alignLeft = 1): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < alignLeft ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].map((l) => `  ${l}`).join('\n');
}

function loadRow(label: string, r: LoadResult | undefined, ratio?: number | null): string[] {
  if (!r) return [label, '–', '–', '–', '–', '–', '–', '–'];
  const errors = r.errors + r.timeouts;
  return [label, String(r.connections), n0(r.reqPerSec), ms(r.p50), ms(r.p95), ms(r.p99), `${n0(r.non2xx)}${errors ? ` (+${errors} err)` : ''}`, ratio === undefined ? '' : pct(ratio)];
}

const LOAD_HEADERS = ['', 'conn', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'non-2xx', 'of floor'];

export function renderReport(results: Results): string {
  const out: string[] = [];
  const m = results.machine;
  out.push(`CLASP benchmark — ${results.startedAt}`);
  const src = results.source;
  out.push(`Code: ${src.root} at ${src.commit ? src.commit.slice(0, 10) : 'unknown commit'}${src.changedFiles ? ` + ${src.changedFiles} changed files` : ''}`);
  out.push(`${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGb} GB, Node ${m.node}${m.postgres ? `, ${m.postgres}` : ''}; load generator on the same machine; ${results.options.durationS} s per load run after a 2 s warm-up`);

  const f = results.floors;
  if (f.bareFastify || f.pgPointLookup || f.pglitePointLookup) {
    out.push('\nFloors (measured in this run)');
    out.push(
      table(LOAD_HEADERS, [
        loadRow('bare Fastify JSON route', f.bareFastify),
        loadRow('Fastify + one pg point lookup (PostgreSQL, national)', f.pgPointLookup),
        loadRow('Fastify + one point lookup (PGlite, borough)', f.pglitePointLookup),
      ]),
    );
  }

  const seedLine = (s: SeedReport) =>
    `${s.scale} seed: ${n0(s.children)} children (${n0(s.rows)} rows, ${s.method}) in ${s.seconds.toFixed(1)} s = ${n0(s.childrenPerSecond)} children/s overall, ${n0(s.batchPhaseChildrenPerSecond)}/s while writing batches (migrate + demo seed first: ${s.setupSeconds.toFixed(1)} s)`;

  if (results.seedOnly) out.push(`\n${seedLine(results.seedOnly)}`);

  const p = results.postgres;
  if (p) {
    out.push(`\nPostgreSQL — national dataset (${n0(p.seed.children)} children)`);
    out.push(`  ${seedLine(p.seed)}`);
    if (p.serverColdStartS !== undefined) out.push(`  CLASP server spawn → first 200: ${p.serverColdStartS.toFixed(2)} s`);
    const rows: string[][] = [];
    if (p.flagLookup) rows.push(loadRow('flag lookup by NHS number (ed-clinician)', p.flagLookup, p.flagLookup.ratioToFloor));
    if (p.flagLookupNoScopeNoAudit) rows.push(loadRow('  diagnostic: same reads, no scope or audit', p.flagLookupNoScopeNoAudit, p.flagLookupNoScopeNoAudit.ratioToFloor));
    if (p.childSearchByName) rows.push(loadRow('child search by family name (designated-nurse)', p.childSearchByName));
    if (rows.length) out.push(table(LOAD_HEADERS, rows));
    const sq = p.childSearchByNameSequential;
    if (sq) out.push(`  child search by family name, one request at a time: p50 ${ms(sq.p50)} ms, p95 ${ms(sq.p95)} ms, max ${ms(sq.max)} ms over ${sq.count} requests${sq.non2xx ? ` (${sq.non2xx} non-2xx or no response)` : ''}`);
    const ev = p.flagLookup?.evidence;
    if (ev) {
      out.push(`  flag lookup, database side (approx.): ${ev.transactionsPerRequest.toFixed(2)} transactions/request, ${ev.walSyncsPerRequest === null ? '–' : ev.walSyncsPerRequest.toFixed(2)} WAL syncs/request`);
      out.push(`    index scans/request: ${Object.entries(ev.perRequest).filter(([, v]) => v.idxScan > 0.01).map(([t, v]) => `${t} ${v.idxScan.toFixed(2)}`).join(', ')}`);
      out.push(`    rows written/request: ${Object.entries(ev.perRequest).filter(([, v]) => v.inserted + v.updated > 0.01).map(([t, v]) => `${t} +${v.inserted.toFixed(2)} ins ${v.updated.toFixed(2)} upd`).join(', ') || 'none'}`);
      out.push(`    backends (sampled every 100 ms): ${Object.entries(ev.waits).slice(0, 6).map(([k, v]) => `${k} ${pct(v)}`).join(', ')}`);
    }
    const sv = p.childSearchByName?.evidence;
    if (sv) out.push(`  child search, database side (approx.): seq scans/request: ${Object.entries(sv.perRequest).filter(([, v]) => v.seqScan > 0.001).map(([t, v]) => `${t} ${v.seqScan.toFixed(2)}`).join(', ') || 'none'}`);
  }

  const g = results.pglite;
  if (g) {
    out.push(`\nPGlite (embedded default) — borough dataset (${n0(g.seed.children)} children)`);
    out.push(`  ${seedLine(g.seed)}`);
    out.push(`  cold start (spawn → first 200 from /api/v1/meta): ${g.coldStarts.map((c) => `${c.seconds.toFixed(2)} s`).join(', ')}`);
    const t = g.coldStarts[0]?.timings;
    if (t && t.processToListeningMs !== undefined)
      out.push(`    inside the first: node + tsx up ${ms(t.processToImportMs)} ms, import CLASP ${ms(t.importMs)} ms, startServer (open PGlite, migrate, listen) ${ms(t.startServerMs)} ms`);
    out.push(
      table(
        ['page API call (sequential)', 'n', 'p50 ms', 'p95 ms', 'max ms', 'non-2xx'],
        g.pages.map((r) => [r.name, String(r.count), ms(r.p50), ms(r.p95), ms(r.max), String(r.non2xx)]),
      ),
    );
    if (g.memoryAfterPages) out.push(`  server RSS after the page calls: ${n0(g.memoryAfterPages.rssMb)} MB (peak ${n0(g.memoryAfterPages.peakRssMb)} MB)`);
    if (g.flagLookupUnderLoad) {
      out.push(table(LOAD_HEADERS, [loadRow('flag lookup under load (CLASP on PGlite)', g.flagLookupUnderLoad, g.flagLookupUnderLoad.ratioToFloor)]));
      if (g.memoryAfterLoad) out.push(`  server RSS after that load: ${n0(g.memoryAfterLoad.rssMb)} MB (peak ${n0(g.memoryAfterLoad.peakRssMb)} MB)`);
    }
  }

  if (results.targets.length) {
    out.push('\nTargets');
    out.push(table(['target', 'measured', 'result'], results.targets.map((c) => [c.target, c.measured, c.pass === null ? 'n/a' : c.pass ? 'PASS' : 'FAIL'])));
  }
  if (results.notes.length) out.push(`\nNotes\n${results.notes.map((n) => `  - ${n}`).join('\n')}`);
  return out.join('\n');
}

export function writeResults(root: string, results: Results): string {
  const dir = join(root, '.bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `results-${results.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}

export const format = { n0, ms, pct };
