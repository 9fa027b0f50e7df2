import { manualFlagBody } from '../../../../src/contracts/children.js';
import { MANUAL_FLAG_KINDS } from '../../../../src/domain/status/flags.js';
import { endpoints } from '../../api/endpoints.js';
import { ChildFormFrame } from '../../app/ChildFormFrame.js';
import { navigate } from '../../app/router.js';
import { Button, ButtonGroup, ButtonLink, DateInput, Radios, TextInput } from '../../components/index.js';
import { MANUAL_FLAG_KIND_LABELS } from '../../content/labels.content.js';
import { collectDates, textValue, submitForm, useForm } from '../../lib/forms.js';
import { content } from './page.content.js';

const FIELDS = ['kind', 'note', 'source', 'reviewOn', 'disclosureDecision', 'disclosureReason'] as const;

export function AddAlertPage({ childId }: { childId: string }) {
  const form = useForm({});
  const { values, setValue, errors } = form;
  const value = (id: string) => values[id] ?? '';
  const childPath = `/children/${encodeURIComponent(childId)}`;

  const onSubmit = async () => {
    const { dates, errors: dateErrors } = collectDates(values, { reviewOn: content.reviewOn });
    const decision = textValue(values, 'disclosureDecision');
    const candidate = {
      kind: textValue(values, 'kind'),
      note: textValue(values, 'note'),
      source: values.source ?? '',
      reviewOn: dates.reviewOn,
      disclosureDecision: decision,
      disclosureReason: decision === 'not_disclosed' ? textValue(values, 'disclosureReason') : undefined,
    };
    const sent = await submitForm({
      form,
      schema: manualFlagBody,
      candidate,
      fieldOrder: FIELDS,
      extraFieldMessages: dateErrors,
      send: (data) => endpoints.addFlag(childId, data),
      failedMessage: content.errors.failed,
    });
    if (sent) navigate(childPath);
  };

  return (
    <ChildFormFrame childId={childId} title={content.title} heading={content.heading} back={content.back} form={form}>
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
          legendSize="m"
          value={value('kind')}
          onChange={(v) => setValue('kind', v)}
          error={errors.fields.kind}
          items={MANUAL_FLAG_KINDS.map((kind) => ({ value: kind, label: MANUAL_FLAG_KIND_LABELS[kind] ?? kind }))}
        />
        <TextInput id="note" label={content.note.label} hint={content.note.hint} value={value('note')} onChange={(v) => setValue('note', v)} error={errors.fields.note} multiline rows={4} />
        <TextInput id="source" label={content.source.label} hint={content.source.hint} value={value('source')} onChange={(v) => setValue('source', v)} error={errors.fields.source} />
        <DateInput id="reviewOn" legend={content.reviewOn.legend} hint={content.reviewOn.hint} values={values} onChange={setValue} error={errors.fields.reviewOn} />
        <Radios
          id="disclosureDecision"
          legend={content.disclosure.legend}
          value={value('disclosureDecision')}
          onChange={(v) => setValue('disclosureDecision', v)}
          error={errors.fields.disclosureDecision}
          items={[
            { value: 'disclosed', label: content.disclosure.disclosed },
            {
              value: 'not_disclosed',
              label: content.disclosure.notDisclosed,
              conditional: (
                <TextInput
                  id="disclosureReason"
                  label={content.disclosureReason.label}
                  hint={content.disclosureReason.hint}
                  value={value('disclosureReason')}
                  onChange={(v) => setValue('disclosureReason', v)}
                  error={errors.fields.disclosureReason}
                  multiline
                  rows={3}
                />
              ),
            },
          ]}
        />
        <ButtonGroup>
          <Button disabled={form.submitting}>{content.submit}</Button>
          <ButtonLink href={childPath} variant="secondary">
            {content.cancel}
          </ButtonLink>
        </ButtonGroup>
      </form>
    </ChildFormFrame>
  );
}
