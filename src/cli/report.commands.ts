import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { isIsoDate } from '../domain/calendar/iso-date.js';
import { parseSdqCsv, scoreSdq } from '../domain/lac/sdq.js';
import { healthAssessmentWorklist, oc2Csv, oc2Report } from '../server/modules/lac-health/lac-health.usecases.js';
import { systemClock } from '../server/shared/clock.js';
import { SYSTEM_ACTOR } from '../server/shared/system-actor.js';
import { actorForUsername } from './import.commands.js';
import { CliInputError, printJson } from './output.js';
import type { WithDatabase } from './main.js';

function requireDate(value: string | undefined, option: string): string {
  if (!value || !isIsoDate(value)) throw new CliInputError(`${option} must be a real date in the format YYYY-MM-DD`);
  return value;
}

export function registerReportCommands(program: Command, withDatabase: WithDatabase): void {
  const report = program.command('report').description('Reports for the LAC health team and the local authority');

  report
    .command('health-assessments')
    .description('Statutory health assessments due for every child currently looked after (IHA 20 working days; RHA 6/12-monthly)')
    .option('--as-of <date>', 'the date to report on (YYYY-MM-DD); default today')
    .option('--as <username>', 'the user the report is read as and audited as (default: the system)')
    .option('--json', 'print a JSON array')
    .action(async (options: { asOf?: string; as?: string; json?: boolean }) => {
      const asOf = options.asOf === undefined ? undefined : requireDate(options.asOf, '--as-of');
      await withDatabase(async ({ db }) => {
        const actor = options.as ? await actorForUsername(db, options.as) : SYSTEM_ACTOR;
        const worklist = await healthAssessmentWorklist({ db, clock: systemClock }, { actor, asOf });
        const rows = worklist.items.map((i) => ({ childId: i.laChildId ?? i.childId, type: i.type, due: i.due, status: i.status, workingDaysOverdue: i.workingDaysOverdue, periodOfCareStartedOn: i.periodOfCareStartedOn, breachReason: i.breachReason }));
        if (options.json) printJson(rows);
        else {
          process.stdout.write(`Health assessments as of ${worklist.asOf}: ${worklist.counts.overdue} overdue, ${worklist.counts.due} due, ${worklist.counts.booked} booked\n`);
          for (const r of rows) process.stdout.write(`${r.childId.padEnd(12)} ${r.type} due ${r.due} ${r.status}${r.workingDaysOverdue ? ` (${r.workingDaysOverdue} working days late)` : ''}\n`);
        }
      });
    });

  report
    .command('oc2')
    .description('DfE OC2 outcomes for children looked after continuously for the year')
    .requiredOption('--year-ending <date>', 'the last day of the year (YYYY-MM-DD), usually 31 March')
    .option('--json', 'print JSON')
    .option('--csv <file>', 'also write the DfE oc2.csv to this file')
    .option('--as <username>', 'the user the report is read as and audited as (default: the system)')
    .action(async (options: { yearEnding: string; json?: boolean; csv?: string; as?: string }) => {
      const yearEnding = requireDate(options.yearEnding, '--year-ending');
      await withDatabase(async ({ db }) => {
        const deps = { db, clock: systemClock };
        const actor = options.as ? await actorForUsername(db, options.as) : SYSTEM_ACTOR;
        const figures = await oc2Report(deps, { actor, yearEnding });
        if (options.csv) await writeFile(options.csv, await oc2Csv(deps, { actor, yearEnding }));
        if (options.json) printJson(figures);
        else {
          const line = (label: string, value: { count: number; percent: number }) => `${label.padEnd(28)} ${String(value.count).padStart(7)}  ${value.percent.toFixed(1)}%\n`;
          process.stdout.write(`OC2 year ${figures.yearStart} to ${figures.yearEnding}: cohort ${figures.cohort}\n`);
          process.stdout.write(line('Health assessments', figures.healthAssessments) + line('Dental checks', figures.dentalChecks) + line('Immunisations up to date', figures.immunisations));
          process.stdout.write(`Development checks (under 5)  ${figures.developmentChecks.count}/${figures.developmentChecks.eligible}  ${figures.developmentChecks.percent.toFixed(1)}%\n`);
          process.stdout.write(`SDQ (4-16)                    ${figures.sdq.returned}/${figures.sdq.eligible} returned, average ${figures.sdq.averageScore ?? '-'}\n`);
          if (options.csv) process.stdout.write(`oc2.csv written to ${options.csv}\n`);
        }
      });
    });

  program
    .command('sdq')
    .description('Strengths and Difficulties Questionnaire')
    .command('score <file>')
    .description('Score a CSV of carer SDQs (id,q1..q25; 0/1/2 as answered, blank = unanswered)')
    .option('--json', 'print a JSON array')
    .action(async (file: string, options: { json?: boolean }) => {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch {
        throw new CliInputError(`Cannot read ${file}`);
      }
      const parsed = parseSdqCsv(text);
      if (parsed.errors.length > 0) throw new CliInputError(parsed.errors.map((e) => `${file}:${e.line}${e.column ? `:${e.column}` : ''}: ${e.message}`).join('\n'));
      const scored = parsed.rows.map((row) => ({ id: row.id, ...scoreSdq({ responses: row.responses }) }));
      if (options.json) printJson(scored);
      else for (const s of scored) process.stdout.write(`${s.id}: total ${s.totalDifficulties ?? '-'} (${s.band ?? 'cannot be scored'})\n`);
    });
}
