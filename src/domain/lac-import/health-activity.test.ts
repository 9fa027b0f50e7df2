import { describe, expect, test } from 'vitest';
import { checkHealthActivityChildren, parseHealthActivityFile } from './health-activity.js';
import { formatImportError } from './import-error.js';

const TODAY = '2025-06-01';
const parse = (text: string) => parseHealthActivityFile({ fileName: 'activity.csv', text, today: TODAY });

describe('parseHealthActivityFile', () => {
  test('valid rows are returned normalised, with a source key that makes re-import idempotent', () => {
    const { rows, errors } = parse(
      'child_id,activity,date,result\n1001,health_assessment,2024-05-01,IHA\n1001,dental_check,2024-06-01,\n1001,development_check,2023-01-10,\n1002,immunisation_status,2024-03-31,not_up_to_date\n1002,sdq,2024-04-02,07\n',
    );
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { laChildId: '1001', line: 2, activity: 'health_assessment', activityOn: '2024-05-01', result: 'IHA', sourceKey: 'import:1001:health_assessment:2024-05-01:IHA' },
      { laChildId: '1001', line: 3, activity: 'dental_check', activityOn: '2024-06-01', result: null, sourceKey: 'import:1001:dental_check:2024-06-01:' },
      { laChildId: '1001', line: 4, activity: 'development_check', activityOn: '2023-01-10', result: null, sourceKey: 'import:1001:development_check:2023-01-10:' },
      { laChildId: '1002', line: 5, activity: 'immunisation_status', activityOn: '2024-03-31', result: 'not_up_to_date', sourceKey: 'import:1002:immunisation_status:2024-03-31:not_up_to_date' },
      { laChildId: '1002', line: 6, activity: 'sdq', activityOn: '2024-04-02', result: '7', sourceKey: 'import:1002:sdq:2024-04-02:7' },
    ]);
  });

  test.each([
    ['header row not exactly child_id,activity,date,result', 'child_id,activity,when,result\n', 1, 3, 'header_row'],
    ['an empty file', '', 1, 1, 'header_row'],
    ['blank child_id', 'child_id,activity,date,result\n,sdq,2024-01-01,3\n', 2, 1, 'child_required'],
    ['unknown activity', 'child_id,activity,date,result\n1001,eye_test,2024-01-01,\n', 2, 2, 'activity'],
    ['date not YYYY-MM-DD', 'child_id,activity,date,result\n1001,dental_check,01/02/2024,\n', 2, 3, 'date_invalid'],
    ['date not a real date', 'child_id,activity,date,result\n1001,dental_check,2023-02-29,\n', 2, 3, 'date_invalid'],
    ['date in the future', 'child_id,activity,date,result\n1001,dental_check,2025-06-02,\n', 2, 3, 'date_in_future'],
    ['health_assessment result IHA or RHA', 'child_id,activity,date,result\n1001,health_assessment,2024-01-01,review\n', 2, 4, 'result'],
    ['dental_check has no result', 'child_id,activity,date,result\n1001,dental_check,2024-01-01,yes\n', 2, 4, 'result'],
    ['immunisation_status result', 'child_id,activity,date,result\n1001,immunisation_status,2024-01-01,partial\n', 2, 4, 'result'],
    ['sdq total 0–40', 'child_id,activity,date,result\n1001,sdq,2024-01-01,41\n', 2, 4, 'result'],
    ['sdq total must be given', 'child_id,activity,date,result\n1001,sdq,2024-01-01,\n', 2, 4, 'result'],
    ['wrong number of fields', 'child_id,activity,date,result\n1001,sdq,2024-01-01\n', 2, 4, 'field_count'],
    ['the same row twice', 'child_id,activity,date,result\n1001,sdq,2024-01-01,3\n1001,sdq,2024-01-01,03\n', 3, 1, 'duplicate_row'],
  ])('%s', (_, text, line, column, rule) => {
    const { errors } = parse(text);
    expect(errors).toContainEqual(expect.objectContaining({ file: 'activity.csv', line, column, rule }));
  });

  test('messages read as the rule', () => {
    const { errors } = parse('child_id,activity,date,result\n1001,health_assessment,2024-01-01,\n');
    expect(errors.map(formatImportError)).toEqual(['activity.csv:2:4 (rule result): result for health_assessment must be IHA or RHA, it is blank']);
  });
});

describe('checkHealthActivityChildren', () => {
  test('every row must name a child CLASP knows, and not predate the child’s birth', () => {
    const { childReferences } = parse('child_id,activity,date,result\n1001,sdq,2024-01-01,3\n9999,sdq,2024-01-01,3\n1002,dental_check,2019-12-31,\n1002,eye_test,2024-01-01,\n');
    const errors = checkHealthActivityChildren({ fileName: 'activity.csv', childReferences, children: new Map([['1001', { dateOfBirth: '2012-03-12' }], ['1002', { dateOfBirth: '2020-01-01' }]]) });
    expect(errors).toEqual([
      expect.objectContaining({ line: 3, column: 1, rule: 'unknown_child', child: '9999' }),
      expect.objectContaining({ line: 4, column: 3, rule: 'date_before_birth', child: '1002' }),
    ]);
  });
});
