import { CONFERENCE_REPORT_AGENCIES, createConferenceBody } from '../../../../src/contracts/safeguarding-loops.js';
import { safeguardingEndpoints as endpoints } from '../../api/safeguarding-endpoints.js';
import { ChildFormFrame } from '../../app/ChildFormFrame.js';
import { navigate } from '../../app/router.js';
import { Button, ButtonGroup, ButtonLink, Checkboxes, DateInput, Radios, TextInput } from '../../components/index.js';
import { londonIsoDateTime, parseTime } from '../../lib/format.js';
import { parseDateParts, submitForm, textValue, useForm } from '../../lib/forms.js';
import { ChildSafeguardingNav } from '../safeguarding-shared/ChildSafeguardingNav.js';
import { AGENCY_LABELS } from '../safeguarding-shared/safeguarding.content.js';
import { content } from './page.content.js';

const FIELDS = ['kind', 'conferenceAt', 'conferenceAtTime', 'invitedServices'] as const;

/** Invite health services to a CP conference: their reports fall due, then the plan (closed loop, #3). */
export function NewConferencePage({ childId }: { childId: string }) {
  const form = useForm({ invitedServices: 'gp' });
  const { values, setValue, errors } = form;
  const base = `/children/${encodeURIComponent(childId)}`;

  const onSubmit = async () => {
    const extra: Record<string, string> = {};
    const date = parseDateParts(values, 'conferenceAt');
    const rawTime = textValue(values, 'conferenceAtTime');
    const time = rawTime ? parseTime(rawTime) : null;
    if (date.kind === 'empty') extra.conferenceAt = content.conferenceAt.required;
    else if (date.kind !== 'date') extra.conferenceAt = content.conferenceAt[date.kind];
    if (!rawTime) extra.conferenceAtTime = content.time.required;
    else if (!time) extra.conferenceAtTime = content.time.invalid;
    const candidate = {
      kind: textValue(values, 'kind'),
      conferenceAt: date.kind === 'date' && time ? londonIsoDateTime(date.value, time) : '2000-01-01T00:00:00Z',
      invitedServices: (values.invitedServices ?? '').split(',').filter(Boolean),
    };
    const sent = await submitForm({
      form,
      schema: createConferenceBody,
      candidate,
      fieldOrder: FIELDS,
      extraFieldMessages: extra,
      send: (data) => endpoints.createConference(childId, data),
      failedMessage: content.errors.failed,
    });
    if (sent) navigate(`${base}/loops`);
  };

  return (
    <ChildFormFrame childId={childId} title={content.title} heading={content.heading} back={content.back} backHref={`${base}/loops`} form={form} intro={<><ChildSafeguardingNav childId={childId} current="loops" /><p className="nhsuk-body">{content.intro}</p></>}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void onSubmit();
        }}
      >
        <Radios
          id="kind"
          legend={content.kind.legend}
          value={values.kind ?? ''}
          onChange={(v) => setValue('kind', v)}
          error={errors.fields.kind}
          items={[
            { value: 'initial', label: content.kind.initial },
            { value: 'review', label: content.kind.review },
          ]}
        />
        <DateInput id="conferenceAt" legend={content.conferenceAt.legend} hint={content.conferenceAt.hint} values={values} onChange={setValue} error={errors.fields.conferenceAt} />
        <TextInput id="conferenceAtTime" label={content.time.label} hint={content.time.hint} width={5} inputMode="numeric" value={values.conferenceAtTime ?? ''} onChange={(v) => setValue('conferenceAtTime', v)} error={errors.fields.conferenceAtTime} />
        <Checkboxes
          id="invitedServices"
          legend={content.invited.legend}
          hint={content.invited.hint}
          items={CONFERENCE_REPORT_AGENCIES.map((value) => ({ value, label: AGENCY_LABELS[value] ?? value }))}
          values={(values.invitedServices ?? '').split(',').filter(Boolean)}
          onChange={(list) => setValue('invitedServices', list.join(','))}
          error={errors.fields.invitedServices}
        />
        <ButtonGroup>
          <Button disabled={form.submitting}>{content.submit}</Button>
          <ButtonLink href={`${base}/loops`} variant="secondary">
            {content.cancel}
          </ButtonLink>
        </ButtonGroup>
      </form>
    </ChildFormFrame>
  );
}
