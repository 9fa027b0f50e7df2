import { Command, CommanderError } from 'commander';
import cliProgress from 'cli-progress';
import { z } from 'zod';
import { createUserBody } from '../contracts/auth.js';
import { toFieldErrors } from '../contracts/errors.js';
import { verifyAuditChain } from '../server/audit/audit.js';
import { loadConfig, type Config } from '../server/config.js';
import { openDatabase } from '../server/db/database.js';
import { migrate } from '../server/db/migrate.js';
import { addUser } from '../server/modules/users/users.usecases.js';
import { AppError } from '../server/shared/app-error.js';
import { systemClock } from '../server/shared/clock.js';
import { ensureDemoData, packageVersion, startServer } from '../server/start.js';
import { CliInputError, errorJson, EXIT, printJson } from './output.js';
import { registerReportCommands } from './report.commands.js';
import { runSweeps } from '../server/sweeps.js';
import { registerImportCommands } from './import.commands.js';
import { registerAuditExportCommand } from './audit-export.commands.js';

function config(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof z.ZodError) throw new CliInputError(`Configuration is not valid: ${error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    throw error;
  }
}

export type WithDatabase = <T>(work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>) => Promise<T>;

async function withDatabase<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const cfg = config();
  const handle = await openDatabase({ databaseUrl: cfg.DATABASE_URL, dataDir: cfg.CLASP_DATA_DIR });
  try {
    await migrate(handle.db);
    return await work(handle);
  } finally {
    await handle.close();
  }
}

export function buildProgram(): Command {
  const program = new Command();
  program.name('clasp').description('CLASP — Children Looked After and Safeguarding Platform').version(packageVersion()).exitOverride();

  program
    .command('serve')
    .description('Start the web app and API (migrates first; seeds a demo borough on an empty embedded database)')
    .option('--port <port>', 'port to listen on (default PORT or 3000)')
    .option('--host <host>', 'address to listen on (default HOST or 127.0.0.1)')
    .option('--no-demo', 'do not seed the demo borough on an empty database')
    .action(async (options: { port?: string; host?: string; demo: boolean }) => {
      const cfg = config();
      const port = options.port !== undefined ? Number(options.port) : cfg.PORT;
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliInputError('--port must be a number from 0 to 65535');
      const started = Date.now();
      // Demo data only ever goes into the embedded database, never into a server named by DATABASE_URL.
      const server = await startServer({
        databaseUrl: cfg.DATABASE_URL,
        dataDir: cfg.CLASP_DATA_DIR,
        host: options.host ?? cfg.HOST,
        port,
        demo: options.demo && !cfg.DATABASE_URL,
        logger: cfg.CLASP_LOG === 'true',
        secureCookies: cfg.CLASP_SECURE_COOKIES === 'true',
        readAuditCommit: cfg.CLASP_READ_AUDIT_COMMIT,
      });
      const lines = [
        '',
        `CLASP is running at ${server.url}  (started in ${((Date.now() - started) / 1000).toFixed(1)} s, ${server.database.kind === 'pglite' ? `embedded database in ${cfg.CLASP_DATA_DIR}` : 'PostgreSQL'})`,
        `API documentation: ${server.url}/api/docs`,
      ];
      if (server.demo) {
        lines.push(
          server.demoSeeded ? 'A demo borough (Ouseford, fictional) was created, with one demo account per role.' : 'Running on demo data (fictional Ouseford borough).',
          `Sign in as e.g. "health-visitor", "gp", "ed-clinician" or "lac-nurse" with the password: ${server.demoPassword}`,
          'The sign-in page lists every demo account.',
        );
      }
      lines.push('Press Ctrl+C to stop.', '');
      process.stdout.write(lines.join('\n'));
      const stop = async () => {
        await server.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  program
    .command('migrate')
    .description('Apply database migrations')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const cfg = config();
      const handle = await openDatabase({ databaseUrl: cfg.DATABASE_URL, dataDir: cfg.CLASP_DATA_DIR });
      try {
        const { applied } = await migrate(handle.db);
        if (options.json) printJson({ applied });
        else process.stdout.write(applied.length ? `Applied ${applied.length} migration(s):\n${applied.map((a) => `  ${a}`).join('\n')}\n` : 'Database is up to date.\n');
      } finally {
        await handle.close();
      }
    });

  program
    .command('seed')
    .description('Create synthetic data: the demo borough, a borough (~50,000 children) or national scale (~12 million)')
    .option('--scale <scale>', 'demo | borough | national', 'demo')
    .option('--limit <n>', 'stop after this many children (for trials)')
    .option('--json', 'print JSON')
    .action(async (options: { scale: string; limit?: string; json?: boolean }) => {
      const scale = z.enum(['demo', 'borough', 'national']).safeParse(options.scale);
      if (!scale.success) throw new CliInputError('--scale must be demo, borough or national');
      const limit = options.limit === undefined ? undefined : Number(options.limit);
      if (limit !== undefined && (!Number.isInteger(limit) || limit <= 0)) throw new CliInputError('--limit must be a positive whole number');
      await withDatabase(async (handle) => {
        if (scale.data === 'demo') {
          const result = await ensureDemoData({ db: handle.db, clock: systemClock });
          if (options.json) printJson(result);
          else process.stdout.write(result.seeded ? 'Demo borough created.\n' : 'The database already has data: demo seed skipped.\n');
          return;
        }
        const { seedAtScale } = await import('../seed/scale.js');
        const bar = options.json || !process.stderr.isTTY ? null : new cliProgress.SingleBar({ format: 'Seeding {bar} {percentage}% | {value}/{total} children | {eta_formatted} left', stream: process.stderr }, cliProgress.Presets.shades_classic);
        let started = false;
        const result = await seedAtScale({
          pool: handle.pool,
          scale: scale.data,
          ...(limit !== undefined ? { limit } : {}),
          onProgress: (done: number, total: number) => {
            if (!bar) return;
            if (!started) {
              bar.start(total, 0);
              started = true;
            }
            bar.update(done);
          },
        });
        bar?.stop();
        if (options.json) printJson(result);
        else process.stdout.write(`Seeded ${result.children.toLocaleString('en-GB')} children (${result.lookedAfter.toLocaleString('en-GB')} looked after) in ${result.seconds.toFixed(1)} s — ${Math.round(result.children / result.seconds).toLocaleString('en-GB')} children/s.\n`);
      });
    });

  const audit = program.command('audit').description('The hash-chained audit log');
  audit
    .command('verify')
    .description('Check every audit chain and report the first break (changed, deleted or inserted row)')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      await withDatabase(async (handle) => {
        const result = await verifyAuditChain(handle.db);
        if (options.json) printJson(result);
        else if (result.ok) process.stdout.write(`Audit log intact: ${result.rowsChecked.toLocaleString('en-GB')} rows in ${result.chains} chains verified.\n`);
        else process.stdout.write(`AUDIT LOG BROKEN at chain ${result.firstBreak!.chainId}, row ${result.firstBreak!.seq}: ${result.firstBreak!.problem}\n(${result.rowsChecked} rows verified before the break)\n`);
        if (!result.ok) process.exitCode = EXIT.failure;
      });
    });
  registerAuditExportCommand(audit, withDatabase);

  program
    .command('sweep')
    .description('Escalate worklist items and loop steps past their deadlines (the server also does this every minute)')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      await withDatabase(async (handle) => {
        const result = await runSweeps({ db: handle.db, clock: systemClock });
        if (options.json) printJson(result);
        else process.stdout.write(`Escalated ${result.worklistItemsEscalated} worklist item(s) and ${result.loopStepsEscalated} loop step(s).\n`);
      });
    });

  const users = program.command('users').description('Local user accounts');
  users
    .command('add')
    .description('Add a user (the password is read from CLASP_NEW_PASSWORD or --password)')
    .requiredOption('--username <username>')
    .requiredOption('--name <displayName>')
    .requiredOption('--role <role>')
    .requiredOption('--org <organisationCode>')
    .option('--team <teamName>')
    .option('--password <password>', 'prefer CLASP_NEW_PASSWORD: a password on the command line shows in the process list')
    .option('--json', 'print JSON')
    .action(async (options: { username: string; name: string; role: string; org: string; team?: string; password?: string; json?: boolean }) => {
      const parsed = createUserBody.safeParse({
        username: options.username,
        displayName: options.name,
        role: options.role,
        organisationCode: options.org,
        teamName: options.team,
        password: options.password ?? process.env.CLASP_NEW_PASSWORD ?? '',
      });
      if (!parsed.success) {
        const { fieldErrors } = toFieldErrors(parsed.error);
        throw new CliInputError(Object.entries(fieldErrors).map(([field, messages]) => `--${field === 'displayName' ? 'name' : field === 'organisationCode' ? 'org' : field === 'teamName' ? 'team' : field}: ${messages.join('; ')}`).join('\n'), fieldErrors);
      }
      await withDatabase(async (handle) => {
        const user = await addUser({ db: handle.db, clock: systemClock }, { actor: null, input: parsed.data });
        if (options.json) printJson({ user });
        else process.stdout.write(`User ${user.username} added.\n`);
      });
    });

  registerReportCommands(program, withDatabase);
  registerImportCommands(program, withDatabase);
  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
      return EXIT.badInput;
    }
    if (error instanceof CliInputError) {
      if (json) printJson(errorJson({ code: 'cli.bad_input', message: error.message, fieldErrors: error.fieldErrors }));
      else process.stderr.write(`${error.message}\n`);
      return EXIT.badInput;
    }
    if (error instanceof AppError) {
      if (json) printJson(error.toBody());
      else process.stderr.write(`${error.message}${error.fieldErrors ? `\n${Object.entries(error.fieldErrors).map(([f, m]) => `  ${f}: ${m.join('; ')}`).join('\n')}` : ''}\n`);
      return error.statusCode < 500 ? EXIT.badInput : EXIT.failure;
    }
    process.stderr.write(`clasp failed: ${(error as Error).message}\n`);
    return EXIT.failure;
  }
}
