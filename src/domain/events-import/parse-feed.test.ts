import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { validateEventBody } from '../../server/modules/events-import/event-body-validator.js';
import { formatImportError } from '../lac-import/import-error.js';
import { EVENT_TYPE_DEFINITIONS, FEEDS } from '../safeguarding/event-types.js';
import { FEED_LAYOUTS, FEED_NAMES, feedLayout } from './feed-layouts.js';
import { checkFeedChildren, MAX_FEED_ERRORS, parseEventFeed } from './parse-feed.js';

const NOW = '2026-11-27T12:00:00.000Z';
const fixture = (name: string) => readFileSync(new URL(`../../server/modules/events-import/fixtures/${name}`, import.meta.url), 'utf8');
const parse = (feed: string, text: string, fileName = `${feed}.csv`) => parseEventFeed({ layout: feedLayout(feed)!, fileName, text, now: NOW, sourceSystem: 'OUSEFORD-ED', validate: validateEventBody });
const messages = (result: { errors: Parameters<typeof formatImportError>[0][] }) => result.errors.map(formatImportError);

const ED_HEADER = 'source_id,nhs_number,occurred_at,presenting_complaint,accompanied_by,accompanying_adult_name,parental_responsibility,injury,injury_mechanism,discharge,safeguarding_concern,safeguarding_concern_note';
const edRow = (overrides: Partial<Record<string, string>> = {}) => {
  const values: Record<string, string> = {
    source_id: 'ED-1',
    nhs_number: '9434765919',
    occurred_at: '2026-11-20T03:10:00Z',
    presenting_complaint: 'Fall from sofa',
    accompanied_by: 'mother',
    accompanying_adult_name: 'Rosalind Quillfeather',
    parental_responsibility: 'yes',
    injury: 'no',
    injury_mechanism: '',
    discharge: 'home',
    safeguarding_concern: 'no',
    safeguarding_concern_note: '',
    ...overrides,
  };
  return ED_HEADER.split(',').map((name) => values[name]).join(',');
};
const ed = (...rows: string[]) => `${ED_HEADER}\n${rows.join('\n')}\n`;

describe('feed layouts', () => {
  test('there is one layout for every feed the event types name, and no other', () => {
    expect([...FEED_NAMES].sort()).toEqual([...FEEDS].sort());
    for (const [feed, layout] of Object.entries(FEED_LAYOUTS)) expect(EVENT_TYPE_DEFINITIONS[layout.eventType].feed).toBe(feed);
  });

  test('an unknown feed has no layout', () => {
    expect(feedLayout('mash-referral')).toBeNull();
    expect(feedLayout('toString')).toBeNull();
  });

  test.each(FEED_NAMES)('the example file for %s parses with no errors', (feed) => {
    const result = parse(feed, fixture(`${feed}.csv`));
    expect(messages(result)).toEqual([]);
    expect(result.rows.length).toBeGreaterThan(0);
  });
});

describe('parseEventFeed: rows become API event bodies', () => {
  test('an ED row: NHS number normalised, yes/no as booleans, the source system and id carried, a summary made from the row', () => {
    const result = parse('ed-attendance', fixture('ed-attendance.csv'));
    expect(result.rows[0]).toEqual({
      line: 2,
      nhsNumber: '9434765919',
      sourceId: 'ED-2026-000101',
      input: {
        type: 'ed_attendance',
        occurredAt: '2026-11-20T03:10:00Z',
        summary: 'Emergency department attendance: Fall from sofa',
        confidentiality: 'standard',
        sourceSystem: 'OUSEFORD-ED',
        sourceId: 'ED-2026-000101',
        details: {
          presentingComplaint: 'Fall from sofa',
          accompaniedBy: 'mother',
          accompanyingAdultName: 'Rosalind Quillfeather',
          accompanyingAdultHasParentalResponsibility: 'yes',
          injury: true,
          injuryMechanism: 'Fell from sofa onto a wooden floor',
          discharge: 'home',
          safeguardingConcern: false,
        },
      },
    });
    expect(result.rows[2]!.input).toMatchObject({ significance: 'critical', details: { safeguardingConcern: true, safeguardingConcernNote: 'Found in a park at night, intoxicated; carers unaware she was out' } });
  });

  test('a police DV notification: the adult columns become the adults involved, confidential by default (rec 2.2)', () => {
    const result = parse('police-dv-notification', fixture('police-dv-notification.csv'));
    expect(result.rows[0]!.input).toMatchObject({
      type: 'police_dv_notification',
      confidentiality: 'dv_disclosure',
      summary: 'Police domestic abuse notification OUS/26/04417 (high risk)',
      details: {
        policeReference: 'OUS/26/04417',
        riskLevel: 'high',
        childrenPresent: 'yes',
        adultsInvolved: [
          { name: 'Rosalind Quillfeather', role: 'victim', relationshipToChild: 'mother' },
          { name: 'Corvin Ashgrove', role: 'alleged_perpetrator', relationshipToChild: "mother's partner" },
        ],
      },
    });
  });

  test('a missed appointment: was not brought, with the summary saying so (domain-rules §10)', () => {
    const result = parse('missed-appointment', fixture('missed-appointment.csv'));
    expect(result.rows.map((r) => r.input.summary)).toEqual([
      'Was not brought: Paediatric outpatients (Community paediatrics (Marrowby))',
      "Was not brought: Children's physiotherapy",
      'Did not attend: CAMHS (LAC CAMHS clinic)',
    ]);
  });

  test('columns may come in any order, codes in any case, and optional columns may be left out', () => {
    const text = 'nhs_number,source_id,occurred_at,kind,service,planned_care_type\n9434765919,OPD-1,2026-11-18T10:00:00Z,Was_Not_Brought,Paediatric outpatients,PAEDIATRICS\n';
    const result = parse('missed-appointment', text);
    expect(messages(result)).toEqual([]);
    expect(result.rows[0]!.input.details).toEqual({ kind: 'was_not_brought', service: 'Paediatric outpatients', plannedCareType: 'paediatrics' });
  });
});

describe('parseEventFeed: bad input, each error at its line and column', () => {
  test('the invalid example file: every error at once', () => {
    expect(messages(parse('ed-attendance', fixture('ed-attendance-invalid.csv'), 'ed-attendance-invalid.csv'))).toEqual([
      'ed-attendance-invalid.csv:2:2 (rule nhs_number): nhs_number 9434765918 is not a valid NHS number (the Modulus 11 check digit is wrong)',
      'ed-attendance-invalid.csv:3:3 (rule date_in_future): occurred_at 2026-12-25T18:45:00Z is in the future (the import ran at 2026-11-27T12:00:00.000Z)',
      'ed-attendance-invalid.csv:4:4 (rule required): presenting_complaint is blank: enter the presenting complaint',
      'ed-attendance-invalid.csv:4:5 (rule bad_code): accompanied_by must be one of mother, father, parent, step_parent, foster_carer, kinship_carer, residential_carer, relative, friend, social_worker, police, ambulance_crew, school_staff, alone, other, found "aunt"',
    ]);
  });

  test.each([
    ['a missing required field', { discharge: '' }, '2:10 (rule required): discharge is blank: select the discharge outcome'],
    ['a blank NHS number', { nhs_number: '' }, '2:2 (rule required): nhs_number is blank: enter the child’s NHS number'],
    ['an NHS number that is not 10 digits', { nhs_number: '94347659' }, '2:2 (rule nhs_number): nhs_number must be 10 digits, found "94347659"'],
    ['a placeholder NHS number', { nhs_number: '1111111111' }, '2:2 (rule nhs_number): nhs_number 1111111111 is not a valid NHS number (a placeholder)'],
    ['a blank source id', { source_id: '' }, '2:1 (rule required): source_id is blank: enter the sending system’s id for this event (a re-sent row is then skipped, not recorded twice)'],
    ['a bad yes/no', { injury: 'maybe' }, '2:8 (rule bad_code): injury must be yes or no, found "maybe"'],
    ['an injury without its mechanism (the API’s own rule)', { injury: 'yes' }, '2:9 (rule required): injury_mechanism is blank: enter how the injury happened'],
    ['a date without a UTC offset', { occurred_at: '2026-11-20 03:10' }, '2:3 (rule date_invalid): occurred_at must be a date and time with a UTC offset, like 2026-11-27T03:10:00Z, found "2026-11-20 03:10"'],
    ['a date 6 minutes ahead of the import clock', { occurred_at: '2026-11-27T12:06:00Z' }, '2:3 (rule date_in_future): occurred_at 2026-11-27T12:06:00Z is in the future (the import ran at 2026-11-27T12:00:00.000Z)'],
  ])('%s', (_, overrides, expected) => {
    const result = parse('ed-attendance', ed(edRow(overrides)));
    expect(messages(result)).toEqual([`ed-attendance.csv:${expected}`]);
    expect(result.rows).toEqual([]);
  });

  test('a date up to 5 minutes ahead of the import clock is accepted (senders’ clocks drift)', () => {
    expect(messages(parse('ed-attendance', ed(edRow({ occurred_at: '2026-11-27T12:05:00Z' }))))).toEqual([]);
  });

  test('a DV notification with no adult: the error points at adult1_name', () => {
    const text = 'source_id,nhs_number,occurred_at,police_reference,risk_level,children_present,adult1_name,adult1_role,adult1_relationship\nPPN-1,9434765919,2026-11-25T22:40:00Z,OUS/1,high,yes,,,\n';
    expect(messages(parse('police-dv-notification', text))).toEqual(['police-dv-notification.csv:2:7 (rule required): adult1_name is blank: add at least one adult involved']);
  });

  test('a DV notification adult with a name but no role: the error points at that adult’s role', () => {
    const text = 'source_id,nhs_number,occurred_at,police_reference,risk_level,children_present,adult1_name,adult1_role,adult1_relationship,adult2_name,adult2_role,adult2_relationship\nPPN-1,9434765919,2026-11-25T22:40:00Z,OUS/1,high,yes,Rosalind Quillfeather,victim,mother,Corvin Ashgrove,,partner\n';
    expect(messages(parse('police-dv-notification', text))).toEqual(['police-dv-notification.csv:2:11 (rule required): adult2_role is blank: select the adult’s role in the incident']);
  });

  test('a required column missing from the header: one error after the last column, no rows read', () => {
    const header = ED_HEADER.replace(',discharge', '');
    const result = parse('ed-attendance', `${header}\nx\n`);
    expect(messages(result)).toEqual(['ed-attendance.csv:1:12 (rule header_row): the header row has no discharge column; the ed-attendance feed needs source_id,nhs_number,occurred_at,presenting_complaint,accompanied_by,parental_responsibility,injury,discharge,safeguarding_concern']);
  });

  test('an unknown column in the header is named with its position', () => {
    expect(messages(parse('admission', 'source_id,nhs_number,occurred_at,ward,reason,bed\n'))).toEqual(['admission.csv:1:6 (rule header_row): "bed" is not a column of the admission feed; its columns are source_id, nhs_number, occurred_at, ward, reason, discharged_at, summary, significance, confidentiality']);
  });

  test('an empty file and a row with the wrong number of fields', () => {
    expect(messages(parse('admission', ''))).toEqual(['admission.csv:1:1 (rule header_row): the file is empty: its first line must be the header row, e.g. source_id,nhs_number,occurred_at,ward,reason']);
    expect(messages(parse('admission', 'source_id,nhs_number,occurred_at,ward,reason\nA-1,9434765919\n'))).toEqual(['admission.csv:2:3 (rule field_count): the row has 2 fields but the header row has 5']);
  });

  test('a CSV syntax error is reported where it is', () => {
    expect(messages(parse('admission', 'source_id,nhs_number,occurred_at,ward,reason\nA-1,9434765919,2026-11-20T06:30:00Z,Puffin "ward",x\n'))).toEqual([
      'admission.csv:2:4 (rule csv_syntax): field 4 contains a quote (") but is not enclosed in quotes',
    ]);
  });

  test('errors are capped, and every error is counted', () => {
    const rows = Array.from({ length: MAX_FEED_ERRORS + 5 }, (_, i) => edRow({ source_id: `ED-${i}`, discharge: 'teleported' }));
    const result = parse('ed-attendance', ed(...rows));
    expect(result.errors).toHaveLength(MAX_FEED_ERRORS);
    expect(result.errorCount).toBe(MAX_FEED_ERRORS + 5);
  });
});

describe('parseEventFeed: duplicate source ids within a file', () => {
  test('the same row twice: the repeat is skipped and counted', () => {
    const result = parse('ed-attendance', ed(edRow(), edRow({ source_id: 'ED-2' }), edRow()));
    expect(messages(result)).toEqual([]);
    expect(result.rows.map((r) => r.sourceId)).toEqual(['ED-1', 'ED-2']);
    expect(result.duplicatesInFile).toBe(1);
  });

  test('the same source id with different content is an error naming the first line', () => {
    const result = parse('ed-attendance', ed(edRow(), edRow({ presenting_complaint: 'Wheeze' })));
    expect(messages(result)).toEqual(['ed-attendance.csv:3:1 (rule duplicate_source_id): source_id ED-1 is also on line 2 with different content: one event, one id']);
  });
});

describe('checkFeedChildren', () => {
  test('an NHS number CLASP does not hold is an unknown child, at the NHS number column', () => {
    const result = parse('ed-attendance', fixture('ed-attendance-invalid.csv'), 'ed-attendance-invalid.csv');
    const known = new Map([['4010232137', { dateOfBirth: '2019-07-02' }], ['9876543210', { dateOfBirth: null }]]);
    const errors = checkFeedChildren({ fileName: 'ed-attendance-invalid.csv', childReferences: result.childReferences, known });
    expect(errors.map(formatImportError)).toEqual([
      'ed-attendance-invalid.csv:5:2 (rule unknown_child): no child in CLASP has the NHS number 9000000009: check the number (a wrong match is worse than none), or add the child first',
    ]);
  });

  test.each([
    ['the day before the birth (London date) is refused', '2026-11-02T23:59:00Z', ['ed.csv:2:3 (rule date_before_birth): occurred_at 2026-11-02 is before the date of birth of the child with NHS number 9434765919: check the date and the NHS number']],
    ['the day of the birth is accepted', '2026-11-03T00:00:00Z', []],
    ['00:30 BST on the birthday is the birthday in London, though the day before in UTC', '2026-06-02T23:30:00Z', []],
  ])('an event dated before the child was born: %s', (_, occurredAt, expected) => {
    const birthday = occurredAt.startsWith('2026-06') ? '2026-06-03' : '2026-11-03';
    const result = parse('ed-attendance', ed(edRow({ occurred_at: occurredAt })), 'ed.csv');
    expect(checkFeedChildren({ fileName: 'ed.csv', childReferences: result.childReferences, known: new Map([['9434765919', { dateOfBirth: birthday }]]) }).map(formatImportError)).toEqual(expected);
  });
});
