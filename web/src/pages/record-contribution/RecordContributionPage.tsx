import { recordContributionBody } from '../../../../src/contracts/lac.js';
import { endpoints } from '../../api/endpoints.js';
import { ChildFormFrame } from '../../app/ChildFormFrame.js';
import { navigate } from '../../app/router.js';
import { Button, ButtonGroup, ButtonLink, DateInput, TextInput } from '../../components/index.js';
import { CONTRIBUTOR_LABELS, labelFor } from '../../content/labels.content.js';
import { todayIso } from '../../lib/format.js';
import { collectDates, datePartsOf, textValue, submitForm, useForm } from '../../lib/forms.js';
import { AssessmentIntro } from '../lac-shared/AssessmentIntro.js';
import { useAssessment } from '../lac-shared/useAssessment.js';
import { content } from './page.content.js';

const FIELDS = ['contributor', 'receivedOn', 'summary'] as const;

export function RecordContributionPage({ childId, assessmentId, contributor }: { childId: string; assessmentId: string; contributor: string }) {
  const form = useForm(datePartsOf('receivedOn', todayIso()));
  const lacPath = `/children/${encodeURIComponent(childId)}/lac-health`;
  const assessment = useAssessment(childId, assessmentId);
  const who = labelFor(CONTRIBUTOR_LABELS, contributor);
  const requested = assessment.status !== 'ok' || assessment.assessment.contributions.some((c) => c.contributor === contributor);

  const onSubmit = async () => {
    const { dates, errors } = collectDates(form.values, { receivedOn: content.receivedOn });
    const sent = await submitForm({
      form,
      schema: recordContributionBody,
      candidate: { contributor, receivedOn: dates.receivedOn, summary: textValue(form.values, 'summary') },
      fieldOrder: FIELDS,
      extraFieldMessages: errors,
      send: (data) => endpoints.recordContribution(childId, assessmentId, data),
      failedMessage: content.errors.failed,
    });
    if (sent) navigate(lacPath);
  };

  return (
    <ChildFormFrame childId={childId} title={content.title} heading={content.heading(who)} back={content.back} backHref={lacPath} form={form} intro={<AssessmentIntro state={assessment} />}>
      {requested ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void onSubmit();
          }}
        >
          <DateInput id="receivedOn" legend={content.receivedOn.legend} hint={content.receivedOn.hint} values={form.values} onChange={form.setValue} error={form.errors.fields.receivedOn} />
          <TextInput id="summary" label={content.summary.label} hint={content.summary.hint} multiline rows={4} value={form.values.summary ?? ''} onChange={(v) => form.setValue('summary', v)} error={form.errors.fields.summary} />
          <ButtonGroup>
            <Button disabled={form.submitting}>{content.submit}</Button>
            <ButtonLink href={lacPath} variant="secondary">
              {content.cancel}
            </ButtonLink>
          </ButtonGroup>
        </form>
      ) : (
        <p className="nhsuk-body">{content.unknown}</p>
      )}
    </ChildFormFrame>
  );
}
