import { useState } from 'react';
import type { ChildSummary } from '../../../../src/contracts/children.js';
import { safeguardingEndpoints as endpoints } from '../../api/safeguarding-endpoints.js';
import { useLoad } from '../../api/useLoad.js';
import { ChildFormFrame } from '../../app/ChildFormFrame.js';
import { Loading } from '../../app/page.js';
import { FlagsBanner, Table, Tag } from '../../components/index.js';
import { formatDateTime } from '../../lib/format.js';
import { useForm } from '../../lib/forms.js';
import { content as summaryContent } from '../child-summary/page.content.js';
import { ChildSafeguardingNav } from '../safeguarding-shared/ChildSafeguardingNav.js';
import '../safeguarding-shared/safeguarding.css';
import { EventForm, initialEventValues, type RecordedEvent } from './EventForm.js';
import { content } from './page.content.js';
import { RoutedPanel } from './RoutedPanel.js';

const PREVIOUS_SHOWN = 10;

/**
 * ED attendance entry: the child's flags and previous ED attendances come FIRST, before the form, so the
 * clinician sees the pattern before recording this one (CQC Bedford 2015 review 1.24).
 */
export function EdAttendancePage({ childId }: { childId: string }) {
  const form = useForm(initialEventValues());
  const [child, setChild] = useState<ChildSummary | null>(null);
  const [saved, setSaved] = useState<RecordedEvent | null>(null);
  const previous = useLoad(() => endpoints.chronology(childId, { type: ['ed_attendance'], limit: PREVIOUS_SHOWN }), [childId, saved]);
  const base = `/children/${encodeURIComponent(childId)}`;
  const label = 'Emergency department attendance';

  const intro = (
    <>
      <ChildSafeguardingNav childId={childId} current="ed" />
      {child ? <FlagsBanner flags={child.flags} content={summaryContent.flags} /> : null}
      <section className="clasp-section" aria-labelledby="previous-heading">
        <h2 className="nhsuk-heading-m" id="previous-heading">
          {content.ed.previousHeading}
        </h2>
        {previous.status === 'loading' ? (
          <Loading />
        ) : previous.status !== 'ok' ? (
          <p className="nhsuk-body">{content.errors.failed}</p>
        ) : previous.data.entries.length === 0 ? (
          <p className="nhsuk-body">{content.ed.previousNone}</p>
        ) : (
          <>
            <Table
              caption={content.ed.previousCaption(previous.data.total)}
              captionSize="s"
              head={[content.ed.columns.when, content.ed.columns.summary, content.ed.columns.concern, content.ed.columns.recordedAt]}
              rows={previous.data.entries.map((entry) => ({
                key: entry.id,
                cells: entry.restricted
                  ? [formatDateTime(entry.occurredAt), <Tag colour="grey" key="r">{content.ed.restricted(entry.restricted.whomToAsk)}</Tag>, '', '']
                  : [
                      formatDateTime(entry.occurredAt),
                      entry.summary ?? '',
                      entry.details?.safeguardingConcern === true ? (
                        <Tag colour="red" key="c">
                          {content.yes}
                        </Tag>
                      ) : (
                        content.no
                      ),
                      entry.organisation ?? '',
                    ],
              }))}
            />
            {previous.data.total > previous.data.entries.length ? <p className="nhsuk-body-s">{content.ed.previousMore(previous.data.total)}</p> : null}
          </>
        )}
      </section>
      {saved ? null : <h2 className="nhsuk-heading-m">{content.ed.formHeading}</h2>}
    </>
  );

  return (
    <ChildFormFrame childId={childId} title={saved ? content.saved.heading(label) : content.edTitle} heading={content.edHeading} back={content.back} form={form} intro={intro} onChildLoaded={setChild} wide>
      {saved ? (
        <RoutedPanel result={saved} label={label} childId={childId} anotherHref={`${base}/ed-attendance`} />
      ) : (
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <EventForm childId={childId} type="ed_attendance" form={form} onSaved={setSaved} cancelHref={base} />
          </div>
        </div>
      )}
    </ChildFormFrame>
  );
}
