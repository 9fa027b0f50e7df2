import { useEffect, useState } from 'react';
import type { ChronologyEntry } from '../../../../src/contracts/chronology.js';
import type { LoopView } from '../../../../src/contracts/safeguarding-loops.js';
import { safeguardingEndpoints as endpoints } from '../../api/safeguarding-endpoints.js';
import { useLoad } from '../../api/useLoad.js';
import { ChildFormFrame } from '../../app/ChildFormFrame.js';
import { Loading } from '../../app/page.js';
import { Link, useSearchParams } from '../../app/router.js';
import { SummaryList, Tag } from '../../components/index.js';
import { formatDateTime } from '../../lib/format.js';
import { useForm, type Form } from '../../lib/forms.js';
import { EventForm, initialEventValues, type RecordedEvent } from '../record-event/EventForm.js';
import { MASH_DECISION_LABELS } from '../record-event/event-fields.js';
import { RoutedPanel } from '../record-event/RoutedPanel.js';
import { ChildSafeguardingNav } from '../safeguarding-shared/ChildSafeguardingNav.js';
import '../safeguarding-shared/safeguarding.css';
import { content } from './page.content.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Referral {
  entry: ChronologyEntry;
  loop: LoopView | undefined;
}

/**
 * MASH referral (#3, CQC Bedford 2015 rec 2.8; domain rules §11): record a verbal or written referral,
 * confirm a verbal one in writing (closes the 48-hour clock), record MASH's threshold decision (closes
 * the one-working-day clock). Each referral shows its loop: expected by, received, overdue.
 */
export function MashReferralPage({ childId }: { childId: string }) {
  const params = useSearchParams();
  const confirmId = UUID.test(params.get('confirm') ?? '') ? params.get('confirm')! : null;
  const decideId = UUID.test(params.get('decide') ?? '') ? params.get('decide')! : null;
  const [saved, setSaved] = useState<{ result: RecordedEvent; label: string } | null>(null);
  const data = useLoad(
    () => Promise.all([endpoints.chronology(childId, { type: ['mash_referral', 'mash_decision'], limit: 200 }), endpoints.childLoops(childId)]),
    [childId, saved],
  );
  const form = useForm(initialEventValues());
  const base = `/children/${encodeURIComponent(childId)}`;

  const referrals: Referral[] =
    data.status === 'ok'
      ? data.data[0].entries
          .filter((entry) => entry.type === 'mash_referral')
          .map((entry) => ({ entry, loop: data.data[1].loops.find((loop) => loop.kind === 'mash_referral' && loop.sourceEventId === entry.id) }))
      : [];
  const decisions = data.status === 'ok' ? data.data[0].entries.filter((entry) => entry.type === 'mash_decision') : [];
  const target = referrals.find((r) => r.entry.id === (confirmId ?? decideId));
  const mode: 'new' | 'confirm' | 'decide' = confirmId && target ? 'confirm' : decideId && target ? 'decide' : 'new';
  const prefillKey = `${mode}-${target?.entry.id ?? ''}`;
  useEffect(() => {
    const details = target?.entry.details ?? {};
    form.clearErrors();
    form.setValues({
      ...initialEventValues(),
      ...(mode === 'confirm'
        ? {
            summary: target?.entry.summary ?? '',
            'details.concern': String(details.concern ?? ''),
            'details.referrerName': String(details.referrerName ?? ''),
            'details.referrerRole': String(details.referrerRole ?? ''),
          }
        : {}),
    });
    // Once per form shown (the referral it is about), not on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [prefillKey]);
  const heading = mode === 'confirm' ? content.confirmHeading : mode === 'decide' ? content.decisionHeading : content.heading;

  return (
    <ChildFormFrame childId={childId} title={heading} heading={heading} back={content.back} form={form} intro={<ChildSafeguardingNav childId={childId} current="mash" />} wide>
      {data.status === 'loading' ? (
        <Loading />
      ) : data.status !== 'ok' ? (
        <p className="nhsuk-body">{content.none}</p>
      ) : saved ? (
        <RoutedPanel result={saved.result} label={saved.label} childId={childId} anotherHref={`${base}/mash-referral`} />
      ) : (
        <>
          <p className="nhsuk-body">{content.intro}</p>
          <section className="clasp-section" aria-labelledby="referrals-heading">
            <h2 className="nhsuk-heading-m" id="referrals-heading">
              {content.referralsHeading}
            </h2>
            {referrals.length === 0 ? <p className="nhsuk-body">{content.none}</p> : referrals.map((referral) => <ReferralCard key={referral.entry.id} referral={referral} decisions={decisions} base={base} />)}
            <p className="nhsuk-body">
              <Link href={`${base}/loops`}>{content.loopsLink}</Link>
            </p>
          </section>
          <div className="nhsuk-grid-row">
            <div className="nhsuk-grid-column-two-thirds">
              <MashForm childId={childId} form={form} mode={mode} target={target} onSaved={(result, label) => setSaved({ result, label })} />
            </div>
          </div>
        </>
      )}
    </ChildFormFrame>
  );
}

function ReferralCard({ referral, decisions, base }: { referral: Referral; decisions: readonly ChronologyEntry[]; base: string }) {
  const { entry, loop } = referral;
  const when = formatDateTime(entry.occurredAt);
  if (entry.restricted) {
    return (
      <div className="nhsuk-card">
        <div className="nhsuk-card__content">
          <p className="nhsuk-body nhsuk-u-margin-bottom-0">
            {when}: {content.referral.restricted(entry.restricted.whomToAsk)}
          </p>
        </div>
      </div>
    );
  }
  const details = entry.details ?? {};
  const isVerbal = details.mode === 'verbal';
  const decision = decisions.find((d) => d.details?.referralEventId === entry.id);
  const written = loop?.steps.find((s) => s.step === 'written_confirmation');
  const decisionStep = loop?.steps.find((s) => s.step === 'mash_decision');
  return (
    <div className="nhsuk-card" data-testid="mash-referral">
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading nhsuk-heading-s">
          {content.referral.heading(isVerbal ? content.referral.verbal : content.referral.written, when)} {loop?.overdue ? <Tag colour="red">{content.step.overdue}</Tag> : null}
        </h3>
        <SummaryList
          noBorder
          rows={[
            { key: content.referral.concern, value: String(details.concern ?? entry.summary ?? '') },
            { key: content.referral.referrer, value: `${String(details.referrerName ?? '')}, ${String(details.referrerRole ?? '')}` },
            ...(loop?.steps ?? []).map((step) => ({
              key: step.label,
              value: (
                <>
                  {step.state === 'expected' ? content.step.expectedBy(formatDateTime(step.expectedBy)) : content.step.received(formatDateTime(step.receivedAt))}
                  {step.acknowledgedAt ? `, ${content.step.acknowledged(formatDateTime(step.acknowledgedAt))}` : ''}{' '}
                  {step.overdue ? <Tag colour="red">{content.step.overdue}</Tag> : null} {step.escalated && step.state === 'expected' ? <Tag colour="orange">{content.step.escalated}</Tag> : null}
                </>
              ),
            })),
            decision ? { key: 'Decision', value: MASH_DECISION_LABELS[String(decision.details?.decision)] ?? String(decision.details?.decision ?? '') } : null,
          ]}
        />
        <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
          {isVerbal && written?.state === 'expected' ? (
            <li>
              <Link href={`${base}/mash-referral?confirm=${entry.id}`}>
                {content.actions.confirm}
                <span className="nhsuk-u-visually-hidden"> {content.actions.forReferral(when)}</span>
              </Link>
            </li>
          ) : null}
          {!decision && (decisionStep ? decisionStep.state === 'expected' : true) ? (
            <li>
              <Link href={`${base}/mash-referral?decide=${entry.id}`}>
                {content.actions.decide}
                <span className="nhsuk-u-visually-hidden"> {content.actions.forReferral(when)}</span>
              </Link>
            </li>
          ) : null}
        </ul>
      </div>
    </div>
  );
}

function MashForm({ childId, form, mode, target, onSaved }: { childId: string; form: Form; mode: 'new' | 'confirm' | 'decide'; target: Referral | undefined; onSaved: (result: RecordedEvent, label: string) => void }) {
  const base = `/children/${encodeURIComponent(childId)}`;
  const when = target ? formatDateTime(target.entry.occurredAt) : '';
  if (mode === 'decide' && target) {
    return (
      <section aria-labelledby="form-heading">
        <h2 className="nhsuk-heading-m" id="form-heading">
          {content.decisionHeading}
        </h2>
        <p className="nhsuk-body">{content.decisionIntro(when)}</p>
        <EventForm childId={childId} type="mash_decision" form={form} fixedDetails={{ referralEventId: target.entry.id }} submitText={content.submitDecision} cancelHref={`${base}/mash-referral`} onSaved={(r) => onSaved(r, 'MASH decision')} />
      </section>
    );
  }
  if (mode === 'confirm' && target) {
    return (
      <section aria-labelledby="form-heading">
        <h2 className="nhsuk-heading-m" id="form-heading">
          {content.confirmHeading}
        </h2>
        <p className="nhsuk-body">{content.confirmIntro(when)}</p>
        <EventForm
          childId={childId}
          type="mash_referral"
          form={form}
          fixedDetails={{ mode: 'written', confirmsVerbalReferralId: target.entry.id }}
          submitText={content.submitConfirm}
          cancelHref={`${base}/mash-referral`}
          onSaved={(r) => onSaved(r, 'Written confirmation')}
        />
      </section>
    );
  }
  return (
    <section aria-labelledby="form-heading">
      <h2 className="nhsuk-heading-m" id="form-heading">
        {content.formHeading}
      </h2>
      <EventForm childId={childId} type="mash_referral" form={form} submitText={content.submitReferral} cancelHref={base} onSaved={(r) => onSaved(r, 'MASH referral')} />
    </section>
  );
}
