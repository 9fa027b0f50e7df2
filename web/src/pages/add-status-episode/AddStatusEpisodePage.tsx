import { statusEpisodeBody } from '../../../../src/contracts/children.js';
import { LEGAL_STATUS, PLACEMENT_PROVIDER, PLACEMENT_TYPE } from '../../../../src/domain/codes/dfe-codes.js';
import { CP_CATEGORIES, STATUS_KINDS } from '../../../../src/domain/status/flags.js';
import { endpoints } from '../../api/endpoints.js';
import { ChildFormFrame } from '../../app/ChildFormFrame.js';
import { Button, ButtonGroup, Checkbox, DateInput, Radios, Select, TextInput } from '../../components/index.js';
import { CP_CATEGORY_LABELS, STATUS_KIND_LABELS } from '../../content/labels.content.js';
import { booleanValue, collectDates, textValue, submitForm, useForm, type FormValues } from '../../lib/forms.js';
import { navigate } from '../../app/router.js';
import { ButtonLink } from '../../components/Button.js';
import { content } from './page.content.js';


const FIELDS = [
  'kind',
  'cpCategory',
  'legalStatus',
  'placementType',
  'placementProvider',
  'placementInArea',
  'extendedTo25',
  'startedOn',
  'endedOn',
  'source',
] as const;

function buildCandidate(values: FormValues) {
  const kind = textValue(values, 'kind');
  const { dates, errors } = collectDates(values, { startedOn: content.startedOn, endedOn: content.endedOn });
  const lookedAfter = kind === 'looked_after';
  return {
    candidate: {
      kind,
      startedOn: dates.startedOn,
      endedOn: dates.endedOn,
      cpCategory: kind === 'child_protection' ? textValue(values, 'cpCategory') : undefined,
      legalStatus: lookedAfter ? textValue(values, 'legalStatus') : undefined,
      placementType: lookedAfter ? textValue(values, 'placementType') : undefined,
      placementProvider: lookedAfter ? textValue(values, 'placementProvider') : undefined,
      placementInArea: lookedAfter && values.placementInArea ? values.placementInArea === 'true' : undefined,
      extendedTo25: kind === 'care_leaver' ? booleanValue(values, 'extendedTo25') : false,
      source: values.source ?? '',
    },
    dateErrors: errors,
  };
}

export function AddStatusEpisodePage({ childId }: { childId: string }) {
  const form = useForm({});
  const { values, setValue, errors } = form;
  const value = (id: string) => values[id] ?? '';
  const childPath = `/children/${encodeURIComponent(childId)}`;

  const onSubmit = async () => {
    const { candidate, dateErrors } = buildCandidate(values);
    const sent = await submitForm({
      form,
      schema: statusEpisodeBody,
      candidate,
      fieldOrder: FIELDS,
      extraFieldMessages: dateErrors,
      send: (data) => endpoints.addStatusEpisode(childId, data),
      failedMessage: content.errors.failed,
    });
    if (sent) navigate(childPath);
  };

  const lookedAfterFields = (
    <>
      <Select
        id="legalStatus"
        label={content.legalStatus.label}
        emptyOption={content.legalStatus.empty}
        options={LEGAL_STATUS.map((entry) => ({ value: entry.code, label: `${entry.code}: ${entry.label}` }))}
        value={value('legalStatus')}
        onChange={(v) => setValue('legalStatus', v)}
        error={errors.fields.legalStatus}
      />
      <Select
        id="placementType"
        label={content.placementType.label}
        emptyOption={content.placementType.empty}
        options={PLACEMENT_TYPE.map((entry) => ({ value: entry.code, label: `${entry.code}: ${entry.label}` }))}
        value={value('placementType')}
        onChange={(v) => setValue('placementType', v)}
        error={errors.fields.placementType}
      />
      <Select
        id="placementProvider"
        label={content.placementProvider.label}
        emptyOption={content.placementProvider.empty}
        options={PLACEMENT_PROVIDER.map((entry) => ({ value: entry.code, label: `${entry.code}: ${entry.label}` }))}
        value={value('placementProvider')}
        onChange={(v) => setValue('placementProvider', v)}
        error={errors.fields.placementProvider}
      />
      <Radios
        id="placementInArea"
        legend={content.placementInArea.legend}
        value={value('placementInArea')}
        onChange={(v) => setValue('placementInArea', v)}
        error={errors.fields.placementInArea}
        small
        items={[
          { value: 'true', label: content.placementInArea.yes },
          { value: 'false', label: content.placementInArea.no },
        ]}
      />
    </>
  );

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
          hint={content.kind.hint}
          legendSize="m"
          value={value('kind')}
          onChange={(v) => setValue('kind', v)}
          error={errors.fields.kind}
          items={STATUS_KINDS.map((kind) => ({
            value: kind,
            label: STATUS_KIND_LABELS[kind] ?? kind,
            hint: content.kindHints[kind],
            conditional:
              kind === 'child_protection' ? (
                <Radios
                  id="cpCategory"
                  legend={content.cpCategory.legend}
                  value={value('cpCategory')}
                  onChange={(v) => setValue('cpCategory', v)}
                  error={errors.fields.cpCategory}
                  items={CP_CATEGORIES.map((category) => ({ value: category, label: CP_CATEGORY_LABELS[category] ?? category }))}
                />
              ) : kind === 'looked_after' ? (
                lookedAfterFields
              ) : kind === 'care_leaver' ? (
                <Checkbox
                  id="extendedTo25"
                  label={content.extendedTo25.label}
                  hint={content.extendedTo25.hint}
                  checked={booleanValue(values, 'extendedTo25')}
                  onChange={(checked) => setValue('extendedTo25', checked ? 'true' : '')}
                  error={errors.fields.extendedTo25}
                />
              ) : undefined,
          }))}
        />
        <DateInput id="startedOn" legend={content.startedOn.legend} hint={content.startedOn.hint} values={values} onChange={setValue} error={errors.fields.startedOn} />
        <DateInput id="endedOn" legend={content.endedOn.legend} hint={content.endedOn.hint} values={values} onChange={setValue} error={errors.fields.endedOn} />
        <TextInput id="source" label={content.source.label} hint={content.source.hint} value={value('source')} onChange={(v) => setValue('source', v)} error={errors.fields.source} />
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
