import type { z } from 'zod';
import { recordedEvent, recordEventBody } from '../../../../src/contracts/events.js';
import { CONFIDENTIALITY_CATEGORIES } from '../../../../src/domain/access/confidentiality.js';
import { EVENT_TYPE_DEFINITIONS, SIGNIFICANCE, type EventType } from '../../../../src/domain/safeguarding/event-types.js';
import { safeguardingEndpoints as endpoints } from '../../api/safeguarding-endpoints.js';
import { Button, ButtonGroup, ButtonLink, Checkboxes, DateInput, Radios, Select, TextInput } from '../../components/index.js';
import { londonIsoDateTime, parseTime, todayIso } from '../../lib/format.js';
import { parseDateParts, submitForm, textValue, type Form } from '../../lib/forms.js';
import { CONFIDENTIALITY_LABELS, SIGNIFICANCE_LABELS } from '../safeguarding-shared/safeguarding.content.js';
import { collectDetails, detailFieldIds, EVENT_FIELDS, fieldId, type FieldSpec } from './event-fields.js';
import { content } from './page.content.js';

export type RecordedEvent = z.infer<typeof recordedEvent>;

/** Values to start an event form with: today's date and the time now (England), as the user would type them. */
const londonTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

export function initialEventValues(): Record<string, string> {
  const date = todayIso();
  const time = londonTime.format(new Date());
  const [year, month, day] = date.split('-') as [string, string, string];
  return { 'occurredAt-day': String(Number(day)), 'occurredAt-month': String(Number(month)), 'occurredAt-year': year, occurredAtTime: time };
}

function DetailField({ field, form }: { field: FieldSpec; form: Form }) {
  const id = fieldId(field.name);
  const { values, setValue, errors } = form;
  const value = values[id] ?? '';
  const optional = 'optional' in field && field.optional ? content.optional : '';
  switch (field.kind) {
    case 'text':
    case 'textarea':
      return <TextInput id={id} label={`${field.label}${optional}`} hint={field.hint} value={value} onChange={(v) => setValue(id, v)} error={errors.fields[id]} multiline={field.kind === 'textarea'} rows={3} />;
    case 'number':
      return (
        <TextInput
          id={id}
          label={`${field.label}${field.suffix ? ` (${field.suffix})` : ''}${optional}`}
          hint={field.hint}
          value={value}
          onChange={(v) => setValue(id, v)}
          error={errors.fields[id]}
          width={5}
          inputMode="numeric"
        />
      );
    case 'enum':
      return field.select ? (
        <Select id={id} label={`${field.label}${optional}`} hint={field.hint} options={field.options} value={value} onChange={(v) => setValue(id, v)} error={errors.fields[id]} emptyOption="Select" />
      ) : (
        <Radios id={id} legend={`${field.label}${optional}`} hint={field.hint} items={field.options} value={value} onChange={(v) => setValue(id, v)} error={errors.fields[id]} />
      );
    case 'boolean':
      return (
        <Radios
          id={id}
          legend={field.label}
          hint={field.hint}
          inline={!field.ifYes}
          value={value}
          onChange={(v) => setValue(id, v)}
          error={errors.fields[id]}
          items={[
            { value: 'yes', label: content.yes, conditional: field.ifYes ? <DetailField field={field.ifYes} form={form} /> : undefined },
            { value: 'no', label: content.no },
          ]}
        />
      );
    case 'multi':
      return (
        <Checkboxes
          id={id}
          legend={field.label}
          hint={field.hint}
          items={field.options}
          values={value.split(',').filter(Boolean)}
          onChange={(list) => setValue(id, list.join(','))}
          error={errors.fields[id]}
        />
      );
    case 'date':
      return <DateInput id={id} legend={`${field.label}${optional}`} hint={field.hint} values={values} onChange={setValue} error={errors.fields[id]} />;
    case 'adult':
      return (
        <fieldset className="nhsuk-fieldset nhsuk-u-margin-bottom-4" aria-describedby={errors.fields[fieldId('adultsInvolved')] ? `${fieldId('adultsInvolved')}-error` : undefined}>
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{field.label}</legend>
          {errors.fields[fieldId('adultsInvolved')] ? (
            <span className="nhsuk-error-message" id={`${fieldId('adultsInvolved')}-error`}>
              <span className="nhsuk-u-visually-hidden">Error: </span>
              {errors.fields[fieldId('adultsInvolved')]}
            </span>
          ) : null}
          <TextInput
            id="details.adultsInvolved.0.name"
            label="Name"
            value={values['details.adultsInvolved.0.name'] ?? ''}
            onChange={(v) => setValue('details.adultsInvolved.0.name', v)}
            error={errors.fields['details.adultsInvolved.0.name'] ?? errors.fields[fieldId('adultsInvolved')]}
          />
          <Radios
            id="details.adultsInvolved.0.role"
            legend="Role in the incident"
            inline
            value={values['details.adultsInvolved.0.role'] ?? ''}
            onChange={(v) => setValue('details.adultsInvolved.0.role', v)}
            error={errors.fields['details.adultsInvolved.0.role']}
            items={[
              { value: 'victim', label: 'Victim' },
              { value: 'alleged_perpetrator', label: 'Alleged perpetrator' },
              { value: 'other', label: 'Other' },
            ]}
          />
          <TextInput
            id="details.adultsInvolved.0.relationshipToChild"
            label="Relationship to the child"
            value={values['details.adultsInvolved.0.relationshipToChild'] ?? ''}
            onChange={(v) => setValue('details.adultsInvolved.0.relationshipToChild', v)}
            error={errors.fields['details.adultsInvolved.0.relationshipToChild']}
          />
        </fieldset>
      );
  }
}

export function eventFieldOrder(type: EventType, hidden: readonly string[] = []): string[] {
  return ['type', 'occurredAt', 'occurredAtTime', 'summary', ...detailFieldIds(type).filter((id) => !hidden.includes(id)), 'significance', 'confidentiality'];
}

/**
 * The form for one event type: when, summary, the type's details, significance and confidentiality.
 * `fixedDetails` are sent as they are (a written referral's link to the verbal one, say) and their
 * fields are not shown.
 */
export function EventForm({
  childId,
  type,
  form,
  fixedDetails = {},
  onSaved,
  submitText = content.submit,
  cancelHref,
}: {
  childId: string;
  type: EventType;
  form: Form;
  fixedDetails?: Record<string, unknown>;
  onSaved: (result: RecordedEvent) => void;
  submitText?: string;
  cancelHref: string;
}) {
  const { values, setValue, errors } = form;
  const hidden = Object.keys(fixedDetails).map(fieldId);
  const fields = EVENT_FIELDS[type].filter((field) => !(field.name in fixedDetails));
  const definition = EVENT_TYPE_DEFINITIONS[type];

  const onSubmit = async () => {
    const order = eventFieldOrder(type, hidden);
    const extra: Record<string, string> = {};
    const date = parseDateParts(values, 'occurredAt');
    const rawTime = textValue(values, 'occurredAtTime');
    const time = rawTime ? parseTime(rawTime) : null;
    if (date.kind === 'empty') extra.occurredAt = content.occurredAt.required;
    else if (date.kind === 'incomplete' || date.kind === 'invalid') extra.occurredAt = content.occurredAt[date.kind];
    if (!rawTime) extra.occurredAtTime = content.time.required;
    else if (!time) extra.occurredAtTime = content.time.invalid;
    const occurredAt = date.kind === 'date' && time ? londonIsoDateTime(date.value, time) : undefined;
    const { details, dateErrors } = collectDetails(type, values);
    Object.assign(extra, dateErrors);
    const candidate = {
      type,
      occurredAt: occurredAt ?? (extra.occurredAt || extra.occurredAtTime ? '2000-01-01T00:00:00Z' : undefined),
      summary: values.summary ?? '',
      significance: textValue(values, 'significance'),
      confidentiality: textValue(values, 'confidentiality') ?? 'standard',
      details: { ...details, ...fixedDetails },
    };
    let saved: RecordedEvent | null = null;
    const sent = await submitForm({
      form,
      schema: recordEventBody,
      candidate,
      fieldOrder: order,
      extraFieldMessages: extra,
      send: async (data) => {
        saved = await endpoints.recordEvent(childId, data);
      },
      failedMessage: content.errors.failed,
    });
    if (sent && saved) onSaved(saved);
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      <DateInput id="occurredAt" legend={content.occurredAt.legend} hint={content.occurredAt.hint} values={values} onChange={setValue} error={errors.fields.occurredAt} />
      <TextInput id="occurredAtTime" label={content.time.label} hint={content.time.hint} width={5} inputMode="numeric" value={values.occurredAtTime ?? ''} onChange={(v) => setValue('occurredAtTime', v)} error={errors.fields.occurredAtTime} />
      <TextInput id="summary" label={content.summary.label} hint={content.summary.hint} value={values.summary ?? ''} onChange={(v) => setValue('summary', v)} error={errors.fields.summary} multiline rows={3} />
      {fields.length > 0 ? <h2 className="nhsuk-heading-m">{content.detailsHeading}</h2> : null}
      {fields.map((field) => (
        <DetailField key={field.name} field={field} form={form} />
      ))}
      <Radios
        id="significance"
        legend={`${content.significance.legend}${content.optional}`}
        hint={content.significance.hint(SIGNIFICANCE_LABELS[definition.defaultSignificance] ?? definition.defaultSignificance)}
        inline
        value={values.significance ?? ''}
        onChange={(v) => setValue('significance', v)}
        error={errors.fields.significance}
        items={SIGNIFICANCE.map((value) => ({ value, label: SIGNIFICANCE_LABELS[value] ?? value }))}
      />
      <Radios
        id="confidentiality"
        legend={content.confidentiality.legend}
        hint={content.confidentiality.hint}
        small
        value={values.confidentiality ?? 'standard'}
        onChange={(v) => setValue('confidentiality', v)}
        error={errors.fields.confidentiality}
        items={CONFIDENTIALITY_CATEGORIES.map((value) => ({ value, label: CONFIDENTIALITY_LABELS[value] ?? value }))}
      />
      <ButtonGroup>
        <Button disabled={form.submitting}>{submitText}</Button>
        <ButtonLink href={cancelHref} variant="secondary">
          {content.cancel}
        </ButtonLink>
      </ButtonGroup>
    </form>
  );
}
