import { useState } from 'react';
import { QA_ANSWERS, scoreQaReview } from '../../../../src/domain/lac/qa-checklist.js';
import { isInputError } from '../../api/client.js';
import { endpoints } from '../../api/endpoints.js';
import { useLoad } from '../../api/useLoad.js';
import { ChildFormFrame } from '../../app/ChildFormFrame.js';
import { Loading } from '../../app/page.js';
import { Link } from '../../app/router.js';
import { Button, ButtonGroup, ButtonLink, NotificationBanner, Radios } from '../../components/index.js';
import { QA_ANSWER_LABELS, labelFor } from '../../content/labels.content.js';
import { buildErrors, errorsFromApi, useForm } from '../../lib/forms.js';
import { AssessmentIntro } from '../lac-shared/AssessmentIntro.js';
import { useAssessment } from '../lac-shared/useAssessment.js';
import { content } from './page.content.js';

export function QaReviewPage({ childId, assessmentId }: { childId: string; assessmentId: string }) {
  const form = useForm({});
  const [saved, setSaved] = useState<{ score: number; maxScore: number; percent: number | null } | null>(null);
  const assessment = useAssessment(childId, assessmentId);
  const forms = useLoad(() => endpoints.forms(), []);
  const lacPath = `/children/${encodeURIComponent(childId)}/lac-health`;
  const checklist = forms.status === 'ok' ? forms.data.qaChecklist : null;
  const fields = checklist ? checklist.items.map((item) => `answers.${item.id}`) : [];

  const onSubmit = async () => {
    if (!checklist) return;
    const answers = Object.fromEntries(checklist.items.map((item) => [item.id, form.values[`answers.${item.id}`] ?? '']));
    // The same scoring as the server: every item answered, "not applicable" only where allowed.
    const score = scoreQaReview({ answers, checklist });
    if (!score.complete) {
      form.setErrors(buildErrors(Object.fromEntries([...score.missing, ...score.invalid].map((id) => [`answers.${id}`, content.item.required])), fields));
      return;
    }
    form.setSubmitting(true);
    try {
      const result = await endpoints.recordQaReview(childId, { assessmentId, answers });
      setSaved({ score: result.score, maxScore: result.maxScore, percent: result.percent });
      window.scrollTo(0, 0);
    } catch (error) {
      form.setErrors(isInputError(error) ? errorsFromApi(error, fields) : buildErrors({}, fields, [content.errors.failed]));
    } finally {
      form.setSubmitting(false);
    }
  };

  let body;
  if (saved) {
    body = (
      <>
        <NotificationBanner success title={content.saved.title} heading={content.saved.heading}>
          <p className="nhsuk-body">{content.saved.score(saved.score, saved.maxScore, content.percent(saved.percent))}</p>
        </NotificationBanner>
        <p className="nhsuk-body">
          <Link href={lacPath}>{content.saved.back}</Link>
        </p>
        <p className="nhsuk-body">
          <Link href="/lac/qa">{content.saved.summary}</Link>
        </p>
      </>
    );
  } else if (assessment.status === 'loading' || forms.status === 'loading') body = <Loading />;
  else if (assessment.status !== 'ok' || !checklist) body = <p className="nhsuk-body">{content.errors.failed}</p>;
  else if (assessment.assessment.status !== 'completed') body = <p className="nhsuk-body">{content.notCompleted}</p>;
  else
    body = (
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void onSubmit();
        }}
      >
        <p className="nhsuk-body">{content.intro(checklist.title.toLowerCase(), checklist.version)}</p>
        {checklist.items.map((item) => {
          const id = `answers.${item.id}`;
          return (
            <Radios
              key={item.id}
              id={id}
              legend={item.text}
              hint={`${content.item.weight(item.weight)}. ${item.source}`}
              inline
              value={form.values[id] ?? ''}
              onChange={(v) => form.setValue(id, v)}
              error={form.errors.fields[id]}
              items={QA_ANSWERS.filter((a) => a !== 'not_applicable' || item.allowNotApplicable).map((a) => ({ value: a, label: labelFor(QA_ANSWER_LABELS, a) }))}
            />
          );
        })}
        <ButtonGroup>
          <Button disabled={form.submitting}>{content.submit}</Button>
          <ButtonLink href={lacPath} variant="secondary">
            {content.cancel}
          </ButtonLink>
        </ButtonGroup>
      </form>
    );

  return (
    <ChildFormFrame childId={childId} title={content.title} heading={content.heading} back={content.back} backHref={lacPath} form={form} intro={<AssessmentIntro state={assessment} />}>
      {body}
    </ChildFormFrame>
  );
}
