import { useState, type FormEvent } from 'react';
import { consentBody } from '../../../../src/contracts/consent.js';
import { childName, useChild } from '../../api/useChild.js';
import { useLoad } from '../../api/useLoad.js';
import { LoadFailed, Loading, PageHeading, usePageTitle } from '../../app/page.js';
import { Link } from '../../app/router.js';
import { can, useUser } from '../../app/session.js';
import { BackLink, Button, ButtonLink, Checkboxes, DateInput, ErrorSummary, InsetText, NotificationBanner, Radios, Select, Table, Tag, TextInput } from '../../components/index.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { collectDates, hasErrors, submitForm, textValue, useForm } from '../../lib/forms.js';
import { ChildNotFound, ForbiddenPage } from '../not-found/NotFoundPage.js';
import { consentApi } from './consent-api.js';
import { content } from './page.content.js';

const FIELDS = ['purpose', 'recipientOrganisationId', 'recipientService', 'categories', 'scope', 'givenBy', 'competenceBasis', 'parentalResponsibilityRelationshipId', 'givenOn', 'expiresOn'] as const;
const STATUS_COLOUR = { active: 'green', withdrawn: 'grey', expired: 'grey', not_yet_given: 'yellow' } as const;

/**
 * Consent (#5): the child's consents (purpose, who gave it and on what basis, what it covers, date, status,
 * withdrawal), a form to record one, links to withdraw one and to share entries, and what has been shared.
 */
export function ConsentPage({ childId }: { childId: string }) {
  const user = useUser();
  const child = useChild(childId);
  const list = useLoad(() => consentApi.list(childId), [childId]);
  const recipients = useLoad(() => consentApi.recipients(), []);
  const shares = useLoad(() => consentApi.shares(childId), [childId]);
  const form = useForm({});
  const [categories, setCategories] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const name = child.status === 'ok' ? childName(child.child) : '';
  usePageTitle(child.status === 'ok' || child.status === 'loading' ? `${content.consents.title}${name ? ` – ${name}` : ''}` : null, hasErrors(form.errors));
  if (child.status === 'loading' || list.status === 'loading') return <Loading />;
  if (child.status === 'not-found' || list.status === 'not-found') return <ChildNotFound />;
  if (list.status === 'forbidden') return <ForbiddenPage />;
  if (child.status === 'error' || list.status === 'error') return <LoadFailed />;
  const data = list.data;
  const base = `/children/${encodeURIComponent(childId)}`;
  const mayRecord = can(user, 'consent', 'create');
  const mayWithdraw = can(user, 'consent', 'update');
  const organisations = recipients.status === 'ok' ? recipients.data.organisations : [];

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const { dates, errors } = collectDates(form.values, { givenOn: content.form.givenOn, expiresOn: content.form.expiresOn });
    const extra: Record<string, string> = { ...errors };
    if (!form.values.purpose) extra.purpose = content.form.purpose.required;
    if (!form.values.givenBy) extra.givenBy = content.form.givenBy.required;
    if (!dates.givenOn && !errors.givenOn) extra.givenOn = content.form.givenOn.required;
    if (categories.length === 0) extra.categories = content.form.categories.required;
    const youngPerson = form.values.givenBy === 'young_person';
    const candidate = {
      purpose: form.values.purpose,
      recipientOrganisationId: form.values.purpose === 'share_with_service' ? textValue(form.values, 'recipientOrganisationId') : undefined,
      recipientService: form.values.purpose === 'share_with_service' ? textValue(form.values, 'recipientService') : undefined,
      categories,
      scope: form.values.scope ?? '',
      givenBy: form.values.givenBy,
      competenceBasis: youngPerson ? textValue(form.values, 'competenceBasis') : undefined,
      parentalResponsibilityRelationshipId: form.values.givenBy === 'parental_responsibility' ? textValue(form.values, 'parentalResponsibilityRelationshipId') : undefined,
      givenOn: dates.givenOn ?? '',
      expiresOn: dates.expiresOn,
    };
    if (form.values.purpose === 'share_with_service' && !candidate.recipientOrganisationId) extra.recipientOrganisationId = content.form.recipientOrganisationId.required;
    if (youngPerson && !candidate.competenceBasis) extra.competenceBasis = content.form.competenceBasis.required;
    if (form.values.givenBy === 'parental_responsibility' && !candidate.parentalResponsibilityRelationshipId) extra.parentalResponsibilityRelationshipId = content.form.parentalResponsibilityRelationshipId.required;
    const sent = await submitForm({ form, schema: consentBody, candidate, fieldOrder: FIELDS, extraFieldMessages: extra, send: (body) => consentApi.record(childId, body), failedMessage: content.form.failed });
    if (sent) {
      form.clearErrors();
      form.setValues({});
      setCategories([]);
      setSaved(true);
      list.reload();
    }
  };

  return (
    <>
      <BackLink href={base} text={content.consents.back} />
      {saved ? <NotificationBanner success title={content.success} heading={content.form.saved} /> : null}
      <ErrorSummary items={form.errors.items} focusKey={form.attempt} />
      <PageHeading caption={name}>{content.consents.heading}</PageHeading>
      <p className="nhsuk-body">{content.consents.intro}</p>
      <InsetText>{content.form.age(data.ageYears)}</InsetText>

      {data.consents.length === 0 ? (
        <p className="nhsuk-body">{content.consents.none}</p>
      ) : (
        <Table
          caption={content.consents.tableCaption}
          head={content.consents.head}
          rows={data.consents.map((c) => ({
            key: c.id,
            cells: [
              <>
                {c.purposeLabel}
                <br />
                <span className="nhsuk-body-s">{c.recipient ? content.consents.recipient(c.recipient.organisationName, c.recipient.serviceLabel) : content.consents.recipientAny}</span>
              </>,
              c.parentalResponsibility ? content.consents.givenByPr(c.parentalResponsibility.name, c.parentalResponsibility.kind) : content.consents.givenByYoungPerson(c.competenceBasisLabel, c.competenceAssessedBy),
              <>
                {c.categories.map((k) => k.label).join(', ')}
                {c.scope ? (
                  <>
                    <br />
                    <span className="nhsuk-body-s">“{c.scope}”</span>
                  </>
                ) : null}
              </>,
              <>
                {formatDate(c.givenOn)}
                {c.expiresOn ? ` to ${formatDate(c.expiresOn)}` : ''}
              </>,
              <>
                <Tag colour={STATUS_COLOUR[c.status]}>{content.consents.status[c.status] ?? c.status}</Tag>
                {c.withdrawn ? <p className="nhsuk-body-s">{content.consents.withdrawnOn(formatDate(c.withdrawn.on), c.withdrawn.by)}</p> : null}
              </>,
              mayWithdraw && !c.withdrawn ? (
                <Link href={`${base}/consents/${encodeURIComponent(c.id)}/withdraw`}>
                  {content.consents.withdrawLink}
                  <span className="nhsuk-u-visually-hidden"> {content.consents.withdrawLinkFor(c.purposeLabel)}</span>
                </Link>
              ) : (
                ''
              ),
            ],
          }))}
        />
      )}

      {can(user, 'share', 'create') ? (
        <p className="nhsuk-body">
          <ButtonLink href={`${base}/share`} variant="secondary">
            {content.consents.shareLink}
          </ButtonLink>
        </p>
      ) : null}

      {mayRecord ? (
        <form noValidate onSubmit={(event) => void onSubmit(event)}>
          <h2 className="nhsuk-heading-m">{content.form.heading}</h2>
          <Radios id="purpose" legend={content.form.purpose.legend} items={data.options.purposes.map((o) => ({ value: o.id, label: o.label }))} value={form.values.purpose ?? ''} onChange={(v) => form.setValue('purpose', v)} error={form.errors.fields.purpose} />
          {form.values.purpose === 'share_with_service' ? (
            <>
              <Select id="recipientOrganisationId" label={content.form.recipientOrganisationId.label} emptyOption={content.form.recipientOrganisationId.empty} options={organisations.map((o) => ({ value: o.id, label: o.name }))} value={form.values.recipientOrganisationId ?? ''} onChange={(v) => form.setValue('recipientOrganisationId', v)} error={form.errors.fields.recipientOrganisationId} />
              <Select id="recipientService" label={content.form.recipientService.label} hint={content.form.recipientService.hint} emptyOption={content.form.recipientService.empty} options={data.options.services.map((o) => ({ value: o.id, label: o.label }))} value={form.values.recipientService ?? ''} onChange={(v) => form.setValue('recipientService', v)} error={form.errors.fields.recipientService} />
            </>
          ) : null}
          <Checkboxes id="categories" legend={content.form.categories.legend} items={data.options.categories.map((o) => ({ value: o.id, label: o.label }))} values={categories} onChange={setCategories} error={form.errors.fields.categories} />
          <TextInput id="scope" multiline rows={3} label={content.form.scope.label} hint={content.form.scope.hint} value={form.values.scope ?? ''} onChange={(v) => form.setValue('scope', v)} error={form.errors.fields.scope} />
          <Radios
            id="givenBy"
            legend={content.form.givenBy.legend}
            hint={content.form.givenBy.hint}
            items={data.options.givers.map((o) => ({
              value: o.id,
              label: o.label,
              conditional:
                o.id === 'young_person' ? (
                  <Radios id="competenceBasis" legend={content.form.competenceBasis.legend} items={data.options.competenceBases.map((b) => ({ value: b.id, label: b.label }))} value={form.values.competenceBasis ?? ''} onChange={(v) => form.setValue('competenceBasis', v)} error={form.errors.fields.competenceBasis} small />
                ) : data.parentalResponsibilityHolders.length === 0 ? (
                  <p className="nhsuk-body">{content.form.parentalResponsibilityRelationshipId.none}</p>
                ) : (
                  <Select
                    id="parentalResponsibilityRelationshipId"
                    label={content.form.parentalResponsibilityRelationshipId.label}
                    emptyOption={content.form.parentalResponsibilityRelationshipId.empty}
                    options={data.parentalResponsibilityHolders.map((h) => ({ value: h.relationshipId, label: `${h.name ?? h.kind} (${h.kind})` }))}
                    value={form.values.parentalResponsibilityRelationshipId ?? ''}
                    onChange={(v) => form.setValue('parentalResponsibilityRelationshipId', v)}
                    error={form.errors.fields.parentalResponsibilityRelationshipId}
                  />
                ),
            }))}
            value={form.values.givenBy ?? ''}
            onChange={(v) => form.setValue('givenBy', v)}
            error={form.errors.fields.givenBy}
          />
          <DateInput id="givenOn" legend={content.form.givenOn.legend} hint={content.form.givenOn.hint} values={form.values} onChange={form.setValue} error={form.errors.fields.givenOn} />
          <DateInput id="expiresOn" legend={content.form.expiresOn.legend} values={form.values} onChange={form.setValue} error={form.errors.fields.expiresOn} />
          <Button disabled={form.submitting}>{content.form.submit}</Button>
        </form>
      ) : null}

      <h2 className="nhsuk-heading-m">{content.consents.sharesHeading}</h2>
      {shares.status === 'ok' && shares.data.shares.length > 0 ? (
        <Table
          caption={content.consents.sharesHeading}
          captionHidden
          head={content.consents.sharesHead}
          rows={shares.data.shares.map((s) => ({
            key: s.id,
            cells: [formatDateTime(s.sharedAt), s.recipient ?? (s.report ? content.consents.report(s.report) : ''), String(s.eventIds.length), content.consents.basis[s.basis] ?? s.basis, s.sharedBy],
          }))}
        />
      ) : (
        <p className="nhsuk-body">{content.consents.sharesNone}</p>
      )}
    </>
  );
}


