import type { WorklistItem } from '../../../../src/contracts/lac.js';
import { Tag } from '../../components/index.js';
import { CLOCK_STATUS_LABELS, labelFor } from '../../content/labels.content.js';
import { formatDateTime } from '../../lib/format.js';
import { lacContent } from './lac.content.js';

/** An assessment clock's status in words (the tag colour only reinforces it), with working days late. */
export function StatusCell({ item }: { item: Pick<WorklistItem, 'status' | 'workingDaysOverdue' | 'bookedAt'> }) {
  const label = labelFor(CLOCK_STATUS_LABELS, item.status);
  return (
    <>
      <Tag colour={item.status === 'overdue' ? 'red' : item.status === 'booked' ? 'green' : 'yellow'}>{label}</Tag>
      {item.status === 'booked' && item.bookedAt ? (
        <>
          <br />
          <span className="nhsuk-body-s">{lacContent.bookedFor(formatDateTime(item.bookedAt))}</span>
        </>
      ) : null}
      {item.workingDaysOverdue > 0 ? (
        <>
          <br />
          <strong className="nhsuk-body-s">{lacContent.workingDaysLate(item.workingDaysOverdue)}</strong>
        </>
      ) : null}
    </>
  );
}
