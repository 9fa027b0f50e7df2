/**
 * `clasp audit export --child ID | --user ID [--from D] [--to D] [--csv | --json] [--out FILE] [--as USERNAME]`:
 * audit rows for an investigation, through the same use-case as GET /api/v1/audit/export, so the export is
 * scoped, permission-checked and itself audited ('audit.export', channel 'cli', the named user or the system).
 * Exit codes: 0 exported, 2 bad input (bad id or date, unknown user or child, role without the permission),
 * 1 anything else.
 */
import { writeFile } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { isIsoDate } from '../domain/calendar/iso-date.js';
import { auditExportCsv, exportAudit } from '../server/modules/access-review/access-review.usecases.js';
import type { DatabaseHandle } from '../server/db/database.js';
import { systemClock, type Clock } from '../server/shared/clock.js';
import { SYSTEM_ACTOR } from '../server/shared/system-actor.js';
import { actorForUsername } from './import.commands.js';
import { CliInputError, printJson } from './output.js';

export type WithDatabase = <T>(work: (handle: DatabaseHandle) => Promise<T>) => Promise<T>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface ExportOptions {
  child?: string;
  user?: string;
  from?: string;
  to?: string;
  csv?: boolean;
  json?: boolean;
  out?: string;
  as?: string;
}

function validate(options: ExportOptions): void {
  const errors: string[] = [];
  if (Boolean(options.child) === Boolean(options.user)) errors.push('Give either --child ID or --user ID (not both)');
  if (options.child && !UUID.test(options.child)) errors.push('--child must be a child id (a UUID)');
  if (options.user && !UUID.test(options.user)) errors.push('--user must be a user id (a UUID)');
  for (const [option, value] of [['--from', options.from], ['--to', options.to]] as const) if (value !== undefined && !isIsoDate(value)) errors.push(`${option} must be a real date in the format YYYY-MM-DD`);
  if (options.csv && options.json) errors.push('Give --csv or --json, not both');
  if (errors.length) throw new CliInputError(errors.join('\n'));
}

/** Adds `audit export` to the `audit` command; pass main.ts's `withDatabase`. */
export function registerAuditExportCommand(audit: Command, withDatabase: WithDatabase, clock: Clock = systemClock): void {
  audit
    .command('export')
    .description('Export the audit rows of one child or one user for an investigation (with chain id, seq, hash and previous hash); the export is itself audited')
    .option('--child <id>', 'the child whose record was accessed')
    .option('--user <id>', 'the user whose actions to export')
    .option('--from <date>', 'first day (YYYY-MM-DD, England)')
    .option('--to <date>', 'last day (YYYY-MM-DD, England)')
    .option('--csv', 'CSV (one row per audit row, the hashed record in its own column)')
    .option('--json', 'JSON (the same body as the API)')
    .option('--out <file>', 'write the CSV or JSON to this file instead of standard output')
    .option('--as <username>', 'the investigator the export is recorded as (default: the system)')
    .action(async (options: ExportOptions) => {
      validate(options);
      await withDatabase(async ({ db }) => {
        const actor = options.as ? await actorForUsername(db, options.as) : SYSTEM_ACTOR;
        // Progress on standard error, only on a terminal and never mixed into CSV or JSON on standard output.
        const bar = ((options.json || options.csv) && !options.out) || !process.stderr.isTTY ? null : new cliProgress.SingleBar({ format: 'Exporting {value} audit rows', stream: process.stderr }, cliProgress.Presets.shades_classic);
        bar?.start(0, 0);
        const exported = await exportAudit(
          { db, clock },
          {
            actor,
            query: { childId: options.child, userId: options.user, from: options.from, to: options.to, format: options.csv ? 'csv' : 'json' },
            onProgress: (rows) => bar?.update(rows),
          },
        );
        bar?.stop();
        const subject = `${exported.subject.kind} ${exported.subject.id}`;
        const n = exported.rows.length.toLocaleString('en-GB');
        if (options.out) {
          await writeFile(options.out, options.csv ? auditExportCsv(exported.rows) : `${JSON.stringify(exported, null, 2)}\n`);
          if (options.json) printJson({ out: options.out, rows: exported.rows.length, subject: exported.subject });
          else process.stdout.write(`${n} audit rows of ${subject} written to ${options.out} (${options.csv ? 'CSV' : 'JSON'})\n`);
          return;
        }
        if (options.csv) return void process.stdout.write(auditExportCsv(exported.rows));
        if (options.json) return printJson(exported);
        process.stdout.write(`${n} audit rows of ${subject}${exported.from || exported.to ? ` from ${exported.from ?? 'the start'} to ${exported.to ?? 'today'}` : ''}\n`);
        for (const r of exported.rows) process.stdout.write(`${r.occurredAt}  chain ${String(r.chainId).padStart(2)} #${r.seq.padEnd(7)} ${r.outcome.padEnd(9)} ${r.action.padEnd(28)} actor ${r.actorId ?? '-'}${r.childId ? ` child ${r.childId}` : ''}\n`);
        process.stdout.write(`To verify: ${exported.verification}\n`);
      });
    });
}
