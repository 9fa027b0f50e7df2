import { sdqBody } from '../../../../src/contracts/lac.js';
import { SDQ_ITEMS, SDQ_SCALES, scoreSdq, type SdqResponse } from '../../../../src/domain/lac/sdq.js';
import { endpoints } from '../../api/endpoints.js';
import { ChildFormFrame } from '../../app/ChildFormFrame.js';
import { navigate } from '../../app/router.js';
import { Button, ButtonGroup, ButtonLink, DateInput, Radios, TextInput } from '../../components/index.js';
import { SDQ_BAND_LABELS, labelFor } from '../../content/labels.content.js';
import { collectDates, submitForm, useForm, type FormValues } from '../../lib/forms.js';
import { content } from './page.content.js';

const ITEM_IDS = SDQ_ITEMS.map((_, i) => `responses.${i}`);
const FIELDS = ['completedOn', 'mode', 'totalOnly', 'responses', ...ITEM_IDS] as const;

function responsesFrom(values: FormValues): SdqResponse[] {
  return ITEM_IDS.map((id) => {
    const v = values[id];
    return v === '0' ? 0 : v === '1' ? 1 : v === '2' ? 2 : null;
  });
}

export function RecordSdqPage({ childId }: { childId: string }) {
  const form = useForm({});
  const { values, setValue, errors } = form;
  const lacPath = `/children/${encodeURIComponent(childId)}/lac-health`;
  const mode = values.mode ?? '';
  const scores = mode === 'responses' ? scoreSdq({ responses: responsesFrom(values) }) : null;

  const onSubmit = async () => {
    const { dates, errors: pageErrors } = collectDates(values, { completedOn: content.completedOn });
    if (!mode) pageErrors.mode = content.mode.required;
    let totalOnly: number | undefined;
    if (mode === 'total') {
      const raw = (values.totalOnly ?? '').trim();
      if (!/^\d{1,2}$/.test(raw)) pageErrors.totalOnly = content.totalOnly.invalid;
      else totalOnly = Number(raw);
    }
    const candidate = { completedOn: dates.completedOn, responses: mode === 'responses' ? responsesFrom(values) : undefined, totalOnly };
    const sent = await submitForm({
      form,
      schema: sdqBody,
      candidate: mode ? candidate : { ...candidate, totalOnly: 0 },
      fieldOrder: FIELDS,
      extraFieldMessages: pageErrors,
      send: (data) => endpoints.recordSdq(childId, data),
      failedMessage: content.errors.failed,
    });
    if (sent) navigate(lacPath);
  };

  const items = (
    <fieldset className="nhsuk-fieldset" aria-describedby="sdq-items-hint">
      <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">{content.items.heading}</legend>
      <div className="nhsuk-hint" id="sdq-items-hint">
        {content.items.hint}
      </div>
      {SDQ_ITEMS.map((item, i) => (
        <div className="clasp-sdq-item" key={item.number}>
          <Radios
            id={ITEM_IDS[i]!}
            legend={content.items.legend(item.number, item.name)}
            hint={content.items.scale(content.scales[item.scale] ?? item.scale)}
            inline
            small
            value={values[ITEM_IDS[i]!] ?? ''}
            onChange={(v) => setValue(ITEM_IDS[i]!, v)}
            error={errors.fields[ITEM_IDS[i]!]}
            items={[
              { value: '0', label: '0' },
              { value: '1', label: '1' },
              { value: '2', label: '2' },
              { value: 'null', label: content.items.notAnswered },
            ]}
          />
        </div>
      ))}
      {scores ? (
        <div className="nhsuk-inset-text">
          <h3 className="nhsuk-heading-s">{content.preview.heading}</h3>
          <p>
            {content.preview.total(scores.totalDifficulties === null ? content.preview.notScored : String(scores.totalDifficulties), scores.band ? labelFor(SDQ_BAND_LABELS, scores.band) : '')}
          </p>
          <ul className="nhsuk-list nhsuk-body-s">
            {SDQ_SCALES.map((scale) => (
              <li key={scale}>{content.preview.scale(content.scales[scale] ?? scale, scores[scale] === null ? content.preview.notScored : String(scores[scale]))}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </fieldset>
  );

  return (
    <ChildFormFrame childId={childId} title={content.title} heading={content.heading} back={content.back} backHref={lacPath} form={form} intro={<p className="nhsuk-body">{content.intro}</p>}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void onSubmit();
        }}
      >
        <DateInput id="completedOn" legend={content.completedOn.legend} hint={content.completedOn.hint} legendSize="m" values={values} onChange={setValue} error={errors.fields.completedOn} />
        <Radios
          id="mode"
          legend={content.mode.legend}
          legendSize="m"
          value={mode}
          onChange={(v) => setValue('mode', v)}
          error={errors.fields.mode}
          items={[
            { value: 'responses', label: content.mode.responses, hint: content.mode.responsesHint, conditional: items },
            {
              value: 'total',
              label: content.mode.total,
              conditional: (
                <TextInput id="totalOnly" label={content.totalOnly.label} hint={content.totalOnly.hint} width={2} inputMode="numeric" value={values.totalOnly ?? ''} onChange={(v) => setValue('totalOnly', v)} error={errors.fields.totalOnly} />
              ),
            },
          ]}
        />
        <ButtonGroup>
          <Button disabled={form.submitting}>{content.submit}</Button>
          <ButtonLink href={lacPath} variant="secondary">
            {content.cancel}
          </ButtonLink>
        </ButtonGroup>
      </form>
    </ChildFormFrame>
  );
}
