import { useEffect, useState } from 'react';
import type { ChronologyEntry, ChronologyResponse } from '../../../../src/contracts/chronology.js';
import { SIGNIFICANCE } from '../../../../src/domain/safeguarding/event-types.js';
import { chronologyExportHref, safeguardingEndpoints as endpoints, type ChronologyParams } from '../../api/safeguarding-endpoints.js';
import { useLoad } from '../../api/useLoad.js';
import { childName, useChild } from '../../api/useChild.js';
import { LoadFailed, Loading, PageHeading, usePageTitle } from '../../app/page.js';
import { Link, navigate, useSearchParams } from '../../app/router.js';
import { BackLink, Button, ButtonGroup, Checkboxes, Radios, Table, Tag, type TagColour } from '../../components/index.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { ChildNotFound } from '../not-found/NotFoundPage.js';
import { ChildSafeguardingNav } from '../safeguarding-shared/ChildSafeguardingNav.js';
import { EVENT_TYPE_LABELS, OUTCOME_LABELS, SIGNIFICANCE_LABELS, STATE_LABELS } from '../safeguarding-shared/safeguarding.content.js';
import '../safeguarding-shared/safeguarding.css';
import { content, SERVICE_LABELS } from './page.content.js';

const PAGE_SIZE = 50;
const SIGNIFICANCE_COLOURS: Record<string, TagColour> = { critical: 'red', significant: 'blue', routine: 'grey' };

const listParam = (params: URLSearchParams, key: string, allowed: readonly string[]) =>
  (params.get(key) ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => allowed.includes(v));

/**
 * A child's (or household's) chronology (#3): a visual timeline and the table that is its text
 * alternative, filters by type, service and significance, "load more" paging, restricted entries as
 * "ask …", the worklist state of each routed event, and links to the CSV and print exports.
 */
export function ChronologyPage({ childId }: { childId: string }) {
  const params = useSearchParams();
  const filters: ChronologyParams = {
    type: listParam(params, 'type', Object.keys(EVENT_TYPE_LABELS)),
    service: listParam(params, 'service', Object.keys(SERVICE_LABELS)),
    significance: listParam(params, 'significance', SIGNIFICANCE),
  };
  const household = params.get('household') === '1';
  const key = JSON.stringify([filters, household]);
  const child = useChild(childId);
  const first = useLoad(() => endpoints.chronology(childId, { ...filters, limit: PAGE_SIZE }, household), [childId, key]);
  const [more, setMore] = useState<{ entries: ChronologyEntry[]; nextCursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreFailed, setMoreFailed] = useState(false);
  const [typeChoice, setTypeChoice] = useState<string[]>(filters.type as string[]);
  const [serviceChoice, setServiceChoice] = useState<string[]>(filters.service as string[]);
  const [significanceChoice, setSignificanceChoice] = useState<string[]>(filters.significance as string[]);
  const [scopeChoice, setScopeChoice] = useState(household ? 'household' : 'child');
  useEffect(() => setMore(null), [key]);

  const name = child.status === 'ok' ? childName(child.child) : '';
  usePageTitle(child.status === 'ok' || child.status === 'loading' ? `${household ? content.householdHeading : content.heading}${name ? ` – ${name}` : ''}` : null);
  if (child.status === 'loading') return <Loading />;
  if (child.status === 'not-found' || first.status === 'not-found') return <ChildNotFound />;
  if (child.status === 'error' || first.status === 'error' || first.status === 'forbidden') return <LoadFailed />;

  const base = `/children/${encodeURIComponent(childId)}`;
  const data: ChronologyResponse | null = first.status === 'ok' ? first.data : null;
  const entries = data ? [...data.entries, ...(more?.entries ?? [])] : [];
  const nextCursor = more ? more.nextCursor : (data?.nextCursor ?? null);

  const apply = () => {
    const search = new URLSearchParams();
    if (typeChoice.length) search.set('type', typeChoice.join(','));
    if (serviceChoice.length) search.set('service', serviceChoice.join(','));
    if (significanceChoice.length) search.set('significance', significanceChoice.join(','));
    if (scopeChoice === 'household') search.set('household', '1');
    const query = search.toString();
    navigate(`${base}/chronology${query ? `?${query}` : ''}`);
  };

  const loadMore = async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    setMoreFailed(false);
    try {
      const page = await endpoints.chronology(childId, { ...filters, cursor: nextCursor, limit: PAGE_SIZE }, household);
      setMore((current) => ({ entries: [...(current?.entries ?? []), ...page.entries], nextCursor: page.nextCursor }));
    } catch {
      setMoreFailed(true);
    } finally {
      setLoadingMore(false);
    }
  };

  const typeCounts = new Map((data?.typeCounts ?? []).map((t) => [t.type, t.count]));
  const typeItems = Object.entries(EVENT_TYPE_LABELS)
    .filter(([type]) => typeCounts.has(type) || typeChoice.includes(type))
    .map(([type, label]) => ({ value: type, label: content.filters.typeOption(label, typeCounts.get(type) ?? 0) }));

  return (
    <>
      <BackLink href={base} text={content.back} />
      <PageHeading caption={name}>{household ? content.householdHeading : content.heading}</PageHeading>
      <ChildSafeguardingNav childId={childId} current="chronology" />
      <p className="nhsuk-body">{content.intro}</p>

      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-third clasp-no-print">
          <form
            noValidate
            aria-labelledby="filters-heading"
            onSubmit={(event) => {
              event.preventDefault();
              apply();
            }}
          >
            <h2 className="nhsuk-heading-s" id="filters-heading">
              {content.filters.heading}
            </h2>
            <Radios
              id="scope"
              legend={content.filters.scope}
              small
              value={scopeChoice}
              onChange={setScopeChoice}
              items={[
                { value: 'child', label: content.filters.child },
                { value: 'household', label: content.filters.household },
              ]}
            />
            {typeItems.length > 0 ? <Checkboxes id="type" legend={content.filters.type} small items={typeItems} values={typeChoice} onChange={setTypeChoice} /> : null}
            <Checkboxes id="service" legend={content.filters.service} small items={Object.entries(SERVICE_LABELS).map(([value, label]) => ({ value, label }))} values={serviceChoice} onChange={setServiceChoice} />
            <Checkboxes
              id="significance"
              legend={content.filters.significance}
              small
              items={SIGNIFICANCE.map((value) => ({ value, label: SIGNIFICANCE_LABELS[value] ?? value }))}
              values={significanceChoice}
              onChange={setSignificanceChoice}
            />
            <ButtonGroup>
              <Button variant="secondary">{content.filters.submit}</Button>
              <Link href={`${base}/chronology`} className="nhsuk-link">
                {content.filters.clear}
              </Link>
            </ButtonGroup>
          </form>
        </div>
        <div className="nhsuk-grid-column-two-thirds">
          <section aria-labelledby="exports-heading" className="clasp-no-print">
            <h2 className="nhsuk-heading-s" id="exports-heading">
              {content.exports.heading}
            </h2>
            <ul className="nhsuk-list">
              <li>
                {/* Plain links: the server answers with a file and a print page, not the app. */}
                <a href={chronologyExportHref(childId, 'csv', filters)} download>
                  {content.exports.csv}
                </a>
              </li>
              <li>
                <a href={chronologyExportHref(childId, 'print', filters)}>{content.exports.print}</a>
              </li>
            </ul>
          </section>
          {!data ? (
            <Loading />
          ) : (
            <>
              <p className="nhsuk-body" role="status">
                {content.showing(entries.length, data.total)}
              </p>
              {data.restrictedHiddenByFilter && data.restrictedCount > 0 ? <p className="nhsuk-body-s">{content.restrictedHidden(data.restrictedCount)}</p> : null}
              {entries.length === 0 ? <p className="nhsuk-body">{content.none}</p> : <TimelineStrip entries={entries} />}
            </>
          )}
        </div>
      </div>

      {data && entries.length > 0 ? (
        <>
          <Table
            caption={content.table.caption}
            captionSize="m"
            head={[content.table.columns.when, content.table.columns.event, content.table.columns.service, content.table.columns.significance, content.table.columns.recorded, content.table.columns.worklists]}
            rows={entries.map((entry) => ({ key: entry.id, cells: entryCells(entry) }))}
          />
          {nextCursor ? (
            <Button variant="secondary" type="button" disabled={loadingMore} onClick={() => void loadMore()} className="clasp-no-print">
              {loadingMore ? content.loadingMore : content.loadMore}
            </Button>
          ) : null}
          {moreFailed ? <p className="nhsuk-error-message">{content.errors.failed}</p> : null}
        </>
      ) : null}

      <ChildDrift findings={child.child.drift} />
    </>
  );
}

function entryCells(entry: ChronologyEntry) {
  const when = (
    <span className="clasp-nowrap" key="w">
      {formatDateTime(entry.occurredAt)}
    </span>
  );
  const significance = (
    <Tag colour={SIGNIFICANCE_COLOURS[entry.significance] ?? 'grey'} key="s">
      {SIGNIFICANCE_LABELS[entry.significance] ?? entry.significance}
    </Tag>
  );
  if (entry.restricted) {
    return [
      when,
      <strong key="r">{content.table.restricted(entry.restricted.whomToAsk)}</strong>,
      '',
      significance,
      '',
      '',
    ];
  }
  return [
    when,
    <div key="e">
      <strong>{entry.typeLabel ?? entry.type}</strong>
      {entry.summary ? <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">{entry.summary}</p> : null}
      {entry.householdEventId ? <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">{content.table.household}</p> : null}
    </div>,
    entry.serviceLabel ?? '',
    significance,
    entry.recorder ? `${entry.recorder.name} (${entry.recorder.roleLabel})${entry.organisation ? `, ${entry.organisation}` : ''}` : (entry.organisation ?? ''),
    entry.worklistItems.length === 0 ? (
      content.table.notRouted
    ) : (
      <ul className="nhsuk-list nhsuk-body-s nhsuk-u-margin-bottom-0" key="wl">
        {entry.worklistItems.map((item) => (
          <li key={item.id} className="nhsuk-u-margin-bottom-1">
            {content.table.worklist(item.teamName, STATE_LABELS[item.state] ?? item.state)}
            {item.escalated ? `, ${content.table.escalated}` : ''}
            {item.outcome ? `. ${content.table.outcome(OUTCOME_LABELS[item.outcome] ?? item.outcome)}` : ''}
          </li>
        ))}
      </ul>
    ),
  ];
}

const STRIP = { width: 720, height: 96, left: 16, right: 16, axisY: 60 };

/** The visual timeline: one dot per entry along a time axis (oldest left), coloured and shaped by significance. */
function TimelineStrip({ entries }: { entries: readonly ChronologyEntry[] }) {
  const times = entries.map((e) => new Date(e.occurredAt).getTime());
  const min = Math.min(...times);
  const max = Math.max(...times);
  const span = Math.max(max - min, 86_400_000);
  const usable = STRIP.width - STRIP.left - STRIP.right;
  const x = (t: number) => STRIP.left + (max === min ? usable / 2 : ((t - min) / span) * usable);
  // Stack dots that would overlap, so each stays visible.
  const placed: { x: number; row: number }[] = [];
  const dots = entries
    .map((entry, index) => ({ entry, t: times[index]! }))
    .sort((a, b) => a.t - b.t)
    .map(({ entry, t }) => {
      const cx = x(t);
      let row = 0;
      while (placed.some((p) => p.row === row && Math.abs(p.x - cx) < 12)) row += 1;
      placed.push({ x: cx, row });
      return { entry, cx, cy: STRIP.axisY - 12 - (row % 4) * 12 };
    });
  const ticks = [min, min + (max - min) / 2, max];
  const label = content.strip.label(entries.length, formatDate(new Date(min).toISOString()), formatDate(new Date(max).toISOString()));
  return (
    <figure className="clasp-chronology-strip" aria-labelledby="strip-heading">
      <figcaption className="nhsuk-heading-xs nhsuk-u-margin-bottom-1" id="strip-heading">
        {content.strip.heading}
      </figcaption>
      <svg viewBox={`0 0 ${STRIP.width} ${STRIP.height}`} role="img" aria-label={label} focusable="false">
        <line className="clasp-chronology-strip__axis" x1={STRIP.left} x2={STRIP.width - STRIP.right} y1={STRIP.axisY} y2={STRIP.axisY} />
        {ticks.map((t, i) => (
          <g key={i}>
            <line className="clasp-chronology-strip__tick" x1={x(t)} x2={x(t)} y1={STRIP.axisY} y2={STRIP.axisY + 6} />
            <text className="clasp-chronology-strip__label" x={x(t)} y={STRIP.axisY + 22} textAnchor={i === 0 ? 'start' : i === ticks.length - 1 ? 'end' : 'middle'}>
              {formatDate(new Date(t).toISOString())}
            </text>
          </g>
        ))}
        {dots.map(({ entry, cx, cy }) => (
          <circle key={entry.id} cx={cx} cy={cy} r={5} className={`clasp-chronology-strip__dot--${entry.restricted ? 'restricted' : entry.significance}`}>
            <title>{`${formatDateTime(entry.occurredAt)}: ${entry.restricted ? content.table.restricted(entry.restricted.whomToAsk) : (entry.typeLabel ?? '')}`}</title>
          </circle>
        ))}
      </svg>
      <ul className="clasp-chronology-strip__key" aria-hidden="true">
        {(['critical', 'significant', 'routine', 'restricted'] as const).map((kind) => (
          <li key={kind} className="nhsuk-body-s nhsuk-u-margin-bottom-0">
            <svg viewBox="0 0 14 14" focusable="false">
              <circle cx={7} cy={7} r={5} className={`clasp-chronology-strip__dot--${kind}`} />
            </svg>
            {content.strip.key[kind]}
          </li>
        ))}
      </ul>
    </figure>
  );
}

/** Drift for this child, from the child's summary (the same findings the summary page shows, restricted ones redacted). */
function ChildDrift({ findings }: { findings: readonly { ruleId: string | null; since: string; description: string; restricted: { whomToAsk: string } | null }[] }) {
  return (
    <section className="clasp-section" aria-labelledby="drift-heading">
      <h2 className="nhsuk-heading-m" id="drift-heading">
        {content.drift.heading}
      </h2>
      <p className="nhsuk-body-s">{content.drift.intro}</p>
      {findings.length === 0 ? (
        <p className="nhsuk-body">{content.drift.none}</p>
      ) : (
        <ul className="nhsuk-list nhsuk-list--bullet" data-testid="child-drift">
          {findings.map((finding, index) => (
            <li key={`${finding.ruleId ?? 'r'}-${index}`}>
              {finding.description} ({content.drift.since(formatDateTime(finding.since))}
              {finding.restricted ? `; ${content.table.restricted(finding.restricted.whomToAsk)}` : ''})
            </li>
          ))}
        </ul>
      )}
      <p className="nhsuk-body-s">
        <Link href="/drift">{content.drift.teamLink}</Link>
      </p>
    </section>
  );
}
