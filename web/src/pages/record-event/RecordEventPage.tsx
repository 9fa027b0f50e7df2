import { useState } from 'react';
import { EVENT_TYPE_DEFINITIONS, EVENT_TYPES } from '../../../../src/domain/safeguarding/event-types.js';
import { ChildFormFrame } from '../../app/ChildFormFrame.js';
import { Link, navigate, useSearchParams } from '../../app/router.js';
import { Button, Radios } from '../../components/index.js';
import { buildErrors, useForm } from '../../lib/forms.js';
import { ChildSafeguardingNav } from '../safeguarding-shared/ChildSafeguardingNav.js';
import { isEventType } from '../safeguarding-shared/safeguarding.content.js';
import '../safeguarding-shared/safeguarding.css';
import { EventForm, initialEventValues, type RecordedEvent } from './EventForm.js';
import { content } from './page.content.js';
import { RoutedPanel } from './RoutedPanel.js';

/** Record any safeguarding event: pick the type, then its fields (EVENT_DETAILS); routed on save. */
export function RecordEventPage({ childId }: { childId: string }) {
  const params = useSearchParams();
  const raw = params.get('type');
  const type = isEventType(raw) ? raw : null;
  const base = `/children/${encodeURIComponent(childId)}`;
  const picker = useForm({});
  const form = useForm(initialEventValues());
  const [saved, setSaved] = useState<RecordedEvent | null>(null);

  if (!type) {
    return (
      <ChildFormFrame childId={childId} title={content.title} heading={content.heading} back={content.back} form={picker} intro={<ChildSafeguardingNav childId={childId} current="event" />}>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const chosen = picker.values.type;
            if (!isEventType(chosen)) {
              picker.setErrors(buildErrors({ type: content.typePicker.error }, ['type']));
              return;
            }
            navigate(chosen === 'ed_attendance' ? `${base}/ed-attendance` : chosen === 'mash_referral' || chosen === 'mash_decision' ? `${base}/mash-referral` : `${base}/events/new?type=${chosen}`);
          }}
        >
          <Radios
            id="type"
            legend={content.typePicker.legend}
            legendSize="m"
            value={picker.values.type ?? ''}
            onChange={(v) => picker.setValue('type', v)}
            error={picker.errors.fields.type}
            items={EVENT_TYPES.map((value) => ({ value, label: EVENT_TYPE_DEFINITIONS[value].label }))}
          />
          <Button>{content.typePicker.submit}</Button>
        </form>
      </ChildFormFrame>
    );
  }

  const label = EVENT_TYPE_DEFINITIONS[type].label;
  return (
    <ChildFormFrame
      childId={childId}
      title={saved ? content.saved.heading(label) : `${content.title}: ${label}`}
      heading={label}
      back={content.back}
      form={form}
      intro={
        <>
          <ChildSafeguardingNav childId={childId} current="event" />
          {saved ? null : (
            <p className="nhsuk-body">
              <Link href={`${base}/events/new`}>{content.changeType}</Link>
            </p>
          )}
        </>
      }
    >
      {saved ? (
        <RoutedPanel result={saved} label={label} childId={childId} anotherHref={`${base}/events/new`} />
      ) : (
        <EventForm childId={childId} type={type} form={form} onSaved={setSaved} cancelHref={base} />
      )}
    </ChildFormFrame>
  );
}
