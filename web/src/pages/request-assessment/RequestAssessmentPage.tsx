import { useEffect } from 'react';
import type { ChildSummary } from '../../../../src/contracts/children.js';
import { CONTRIBUTORS, requestAssessmentBody } from '../../../../src/contracts/lac.js';
import { endpoints } from '../../api/endpoints.js';
import { useLoad } from '../../api/useLoad.js';
import { ChildFormFrame } from '../../app/ChildFormFrame.js';
import { navigate } from '../../app/router.js';
import { Button, ButtonGroup, ButtonLink, Checkboxes, DateInput, InsetText, Radios, TextInput } from '../../components/index.js';
import { ASSESSMENT_KIND_LABELS, labelFor } from '../../content/labels.content.js';
import { formatDate, londonIsoDateTime, parseTime } from '../../lib/format.js';
import { parseDateParts, textValue, submitForm, useForm, type FormValues } from '../../lib/forms.js';
import { content } from './page.content.js';

const FIELDS = ['kind', 'book', 'bookedAt', 'bookedAtTime', 'location', 'locationOther', 'outOfArea', 'hostArea', 'contributors'] as const;
const PLACES = ['home', 'school', 'clinic', 'gp_practice', 'other'] as const;
const ASKED = CONTRIBUTORS.filter((c) => c !== 'host_area');
const DEFAULT_CONTRIBUTORS = ['gp', 'school', 'carer_sdq'];

function buildCandidate(values: FormValues, contributors: readonly string[]) {
  const errors: Record<string, string> = {};
  const book = values.book;
  if (!book) errors.book = content.book.required;
  let bookedAt: string | undefined;
  let location: string | undefined;
  if (book === 'yes') {
    const date = parseDateParts(values, 'bookedAt');
    if (date.kind !== 'date') errors.bookedAt = content.bookedAt[date.kind];
    const rawTime = textValue(values, 'bookedAtTime');
    const time = rawTime ? parseTime(rawTime) : null;
    if (!rawTime) errors.bookedAtTime = content.time.required;
    else if (!time) errors.bookedAtTime = content.time.invalid;
    if (date.kind === 'date' && time) bookedAt = londonIsoDateTime(date.value, time);
    const place = values.location;
    if (!place) errors.location = content.location.required;
    else if (place === 'other') {
      location = textValue(values, 'locationOther');
      if (!location) errors.locationOther = content.location.otherRequired;
    } else location = content.location.options[place];
  }
  const outOfArea = values.outOfArea === 'true';
  return {
    candidate: {
      kind: textValue(values, 'kind'),
      bookedAt,
      location,
      outOfArea,
      hostArea: outOfArea ? textValue(values, 'hostArea') : undefined,
      contributors: [...contributors],
    },
    errors,
  };
}

export function RequestAssessmentPage({ childId }: { childId: string }) {
  const form = useForm({ outOfArea: 'false', contributors: DEFAULT_CONTRIBUTORS.join(',') });
  const { values, setValue, errors } = form;
  const value = (id: string) => values[id] ?? '';
  const contributors = value('contributors').split(',').filter(Boolean);
  const lacPath = `/children/${encodeURIComponent(childId)}/lac-health`;
  const health = useLoad(() => endpoints.lacHealth(childId), [childId]);
  const next = health.status === 'ok' ? health.data.next : null;

  useEffect(() => {
    if (next) form.setValues((current) => ({ kind: next.type, ...current }));
    // Prefill once, when the clock has loaded.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [next?.type]);

  const onChildLoaded = (child: ChildSummary) => {
    const episode = child.episodes.find((e) => e.kind === 'looked_after' && e.endedOn === null);
    if (episode?.placementInArea === false) form.setValues((current) => ({ ...current, outOfArea: 'true', hostArea: current.hostArea ?? child.placementArea ?? '' }));
  };

  const onSubmit = async () => {
    const { candidate, errors: pageErrors } = buildCandidate(values, contributors);
    const sent = await submitForm({
      form,
      schema: requestAssessmentBody,
      candidate,
      fieldOrder: FIELDS,
      extraFieldMessages: pageErrors,
      send: (data) => endpoints.requestAssessment(childId, data),
      failedMessage: content.errors.failed,
    });
    if (sent) navigate(lacPath);
  };

  return (
    <ChildFormFrame
      childId={childId}
      title={content.title}
      heading={content.heading}
      back={content.back}
      backHref={lacPath}
      form={form}
      onChildLoaded={onChildLoaded}
      intro={
        <>
          {next ? <p className="nhsuk-body">{content.due(labelFor(ASSESSMENT_KIND_LABELS, next.type), formatDate(next.due))}</p> : null}
          <InsetText>
            <p>{content.choice}</p>
          </InsetText>
        </>
      }
    >
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
          items={[
            { value: 'IHA', label: content.kind.IHA },
            { value: 'RHA', label: content.kind.RHA },
          ]}
        />
        <Radios
          id="book"
          legend={content.book.legend}
          legendSize="m"
          value={value('book')}
          onChange={(v) => setValue('book', v)}
          error={errors.fields.book}
          items={[
            {
              value: 'yes',
              label: content.book.yes,
              conditional: (
                <>
                  <DateInput id="bookedAt" legend={content.bookedAt.legend} hint={content.bookedAt.hint} values={values} onChange={setValue} error={errors.fields.bookedAt} />
                  <TextInput id="bookedAtTime" label={content.time.label} hint={content.time.hint} width={5} inputMode="numeric" value={value('bookedAtTime')} onChange={(v) => setValue('bookedAtTime', v)} error={errors.fields.bookedAtTime} />
                  <Radios
                    id="location"
                    legend={content.location.legend}
                    hint={content.location.hint}
                    value={value('location')}
                    onChange={(v) => setValue('location', v)}
                    error={errors.fields.location}
                    items={PLACES.map((place) => ({
                      value: place,
                      label: content.location.options[place],
                      conditional:
                        place === 'other' ? (
                          <TextInput id="locationOther" label={content.location.other} value={value('locationOther')} onChange={(v) => setValue('locationOther', v)} error={errors.fields.locationOther} />
                        ) : undefined,
                    }))}
                  />
                </>
              ),
            },
            { value: 'no', label: content.book.no },
          ]}
        />
        <Radios
          id="outOfArea"
          legend={content.outOfArea.legend}
          hint={content.outOfArea.hint}
          legendSize="m"
          value={value('outOfArea')}
          onChange={(v) => setValue('outOfArea', v)}
          error={errors.fields.outOfArea}
          items={[
            {
              value: 'true',
              label: content.outOfArea.yes,
              conditional: <TextInput id="hostArea" label={content.hostArea.label} hint={content.hostArea.hint} value={value('hostArea')} onChange={(v) => setValue('hostArea', v)} error={errors.fields.hostArea} />,
            },
            { value: 'false', label: content.outOfArea.no },
          ]}
        />
        <Checkboxes
          id="contributors"
          legend={content.contributors.legend}
          hint={content.contributors.hint}
          legendSize="m"
          values={contributors}
          onChange={(next) => setValue('contributors', next.join(','))}
          error={errors.fields.contributors}
          items={ASKED.map((c) => ({ value: c, label: content.contributors.options[c] ?? c }))}
        />
        <ButtonGroup>
          <Button disabled={form.submitting}>{value('book') === 'yes' ? content.submit.book : content.submit.request}</Button>
          <ButtonLink href={lacPath} variant="secondary">
            {content.cancel}
          </ButtonLink>
        </ButtonGroup>
      </form>
    </ChildFormFrame>
  );
}
