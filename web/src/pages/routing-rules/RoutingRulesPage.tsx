import { useState } from 'react';
import { safeguardingEndpoints as endpoints } from '../../api/safeguarding-endpoints.js';
import type { RoutingRuleView } from '../../api/safeguarding-schemas.js';
import { useLoad } from '../../api/useLoad.js';
import { LoadFailed, Loading, PageHeading, usePageTitle } from '../../app/page.js';
import { navigate, useSearchParams } from '../../app/router.js';
import { Button, Select, SummaryList, Table, Tag } from '../../components/index.js';
import { ACTION_LABELS, EVENT_TYPE_LABELS, PRIORITY_LABELS } from '../safeguarding-shared/safeguarding.content.js';
import '../safeguarding-shared/safeguarding.css';
import { content } from './page.content.js';

const joinOr = (items: readonly string[], word = 'or') => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`);

/** A rule's conditions in plain English ("the child is under 18 (or unborn) and a safeguarding concern is yes"). */
export function describeConditions(when: Record<string, unknown>): string {
  const parts: string[] = [];
  const statuses = (list: unknown) => joinOr((Array.isArray(list) ? list : []).map((s) => content.statusPhrases[String(s)] ?? String(s)));
  if (when.under18) parts.push(content.conditions.under18);
  if (Array.isArray(when.anyStatus)) parts.push(content.conditions.anyStatus(statuses(when.anyStatus)));
  if (Array.isArray(when.noStatus)) parts.push(content.conditions.noStatus(joinOr((when.noStatus as unknown[]).map((s) => content.statusPhrases[String(s)] ?? String(s)), 'nor')));
  if (typeof when.minPriorMissedAppointments === 'number') parts.push(content.conditions.minPrior(when.minPriorMissedAppointments));
  if (typeof when.maxPriorMissedAppointments === 'number') parts.push(content.conditions.maxPrior(when.maxPriorMissedAppointments));
  if (when.detailIn && typeof when.detailIn === 'object') {
    for (const [field, values] of Object.entries(when.detailIn as Record<string, unknown[]>)) {
      parts.push(content.conditions.detailIn(content.fieldNames[field] ?? field, joinOr(values.map((v) => content.valueNames[String(v)] ?? String(v)))));
    }
  }
  if (Array.isArray(when.detailNotEmpty)) for (const field of when.detailNotEmpty) parts.push(content.conditions.detailNotEmpty(content.fieldNames[String(field)] ?? String(field)));
  if (parts.length === 0) return content.rule.always;
  const text = parts.join(' and ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The routing rules in force, in plain English, for a designated nurse to read (#3: "routing rules are data"). */
export function RoutingRulesPage() {
  const params = useSearchParams();
  const type = params.get('type') ?? '';
  const [choice, setChoice] = useState(type);
  const rules = useLoad(() => endpoints.routingRules(), []);
  usePageTitle(rules.status === 'ok' || rules.status === 'loading' ? content.title : null);
  if (rules.status === 'loading') return <Loading />;
  if (rules.status !== 'ok') return <LoadFailed />;
  const data = rules.data;
  const shown = data.rules.filter((rule) => !type || rule.eventTypes.includes(type));
  const typeOptions = data.eventTypes.map((t) => ({ value: t.type, label: t.label }));
  return (
    <>
      <PageHeading caption={content.caption}>{content.heading}</PageHeading>
      <p className="nhsuk-body">{content.intro(data.version)}</p>
      <form
        className="clasp-filter"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          navigate(choice ? `/routing-rules?type=${encodeURIComponent(choice)}` : '/routing-rules');
        }}
      >
        <Select id="type" label={content.filter.label} options={typeOptions} emptyOption={content.filter.all} value={choice} onChange={setChoice} />
        <Button variant="secondary">{content.filter.submit}</Button>
      </form>
      {shown.map((rule) => (
        <RuleCard key={`${rule.id}-${rule.version}`} rule={rule} targets={data.targets} />
      ))}
      <section className="clasp-section" aria-labelledby="confidentiality-heading">
        <h2 className="nhsuk-heading-m" id="confidentiality-heading">
          {content.confidentiality.heading}
        </h2>
        <p className="nhsuk-body">{content.confidentiality.intro}</p>
        <Table
          caption={content.confidentiality.heading}
          captionHidden
          head={[content.confidentiality.columns.category, content.confidentiality.columns.whomToAsk]}
          rows={data.confidentiality.filter((c) => c.category !== 'standard').map((c) => ({ key: c.category, cells: [c.label, c.whomToAsk] }))}
        />
      </section>
    </>
  );
}

function RuleCard({ rule, targets }: { rule: RoutingRuleView; targets: Record<string, string> }) {
  return (
    <div className="nhsuk-card" data-testid="routing-rule">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-s">
          {rule.description} {rule.priority === 'urgent' ? <Tag colour="red">{PRIORITY_LABELS.urgent}</Tag> : null}
        </h2>
        <SummaryList
          noBorder
          rows={[
            { key: content.rule.events, value: rule.eventTypes.map((t) => EVENT_TYPE_LABELS[t] ?? t).join(', ') },
            { key: content.rule.when, value: describeConditions(rule.when) },
            {
              key: content.rule.to,
              value: (
                <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
                  {rule.to.map((target) => (
                    <li key={target}>{targets[target] ?? target}</li>
                  ))}
                </ul>
              ),
            },
            { key: content.rule.action, value: ACTION_LABELS[rule.action] ?? rule.action },
            { key: content.rule.priority, value: PRIORITY_LABELS[rule.priority] ?? rule.priority },
            { key: content.rule.acknowledge, value: content.rule.hours(rule.acknowledgeWithinWorkingHours) },
            { key: content.rule.source, value: rule.source },
          ]}
        />
        <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">{content.rule.id(rule.id, rule.version)}</p>
      </div>
    </div>
  );
}
