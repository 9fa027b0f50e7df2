import { endpoints } from '../../api/endpoints.js';
import type { QaGroup } from '../../api/lac-schemas.js';
import { useLoad } from '../../api/useLoad.js';
import { LoadFailed, Loading, PageHeading, usePageTitle } from '../../app/page.js';
import { Table } from '../../components/index.js';
import { QA_ORIGIN_LABELS, labelFor } from '../../content/labels.content.js';
import { LacNav } from '../lac-shared/LacNav.js';
import { lacContent } from '../lac-shared/lac.content.js';
import { content } from './page.content.js';

function GroupTable({ id, groups, heading, caption, keyLabel, labels }: { id: string; groups: readonly QaGroup[]; heading: string; caption: string; keyLabel: string; labels?: Record<string, string> }) {
  if (groups.length === 0) return null;
  return (
    <section className="clasp-section" aria-labelledby={`${id}-heading`}>
      <h2 className="nhsuk-heading-m" id={`${id}-heading`}>
        {heading}
      </h2>
      <Table
        caption={caption}
        captionHidden
        firstCellIsHeader
        head={[keyLabel, content.columns.reviews, content.columns.score, content.columns.percent]}
        columnClasses={[undefined, 'numeric', 'numeric', 'numeric']}
        rows={groups.map((group) => ({
          key: group.key,
          cells: [labels ? labelFor(labels, group.key) : group.key, String(group.reviews), content.points(group.score, group.maxScore), content.percent(group.percent)],
        }))}
      />
    </section>
  );
}

export function LacQaPage() {
  const state = useLoad(() => Promise.all([endpoints.qaSummary(), endpoints.forms()]), []);
  usePageTitle(state.status === 'error' ? null : content.title);
  if (state.status === 'loading') return <Loading />;
  if (state.status !== 'ok') return <LoadFailed />;
  const [summary, { qaChecklist }] = state.data;
  const itemText = new Map(qaChecklist.items.map((item) => [item.id, item.text]));
  return (
    <>
      <PageHeading caption={lacContent.caption}>{content.heading}</PageHeading>
      <LacNav />
      <p className="nhsuk-body">{content.intro}</p>
      <section className="clasp-section" aria-labelledby="overall-heading">
        <h2 className="nhsuk-heading-m" id="overall-heading">
          {content.overall.heading}
        </h2>
        <p className="nhsuk-body">
          {summary.overall.reviews === 0
            ? content.overall.none
            : content.overall.summary(summary.overall.reviews, summary.overall.score, summary.overall.maxScore, content.percent(summary.overall.percent))}
        </p>
      </section>
      <GroupTable id="practitioner" groups={summary.byPractitioner} heading={content.groups.practitioner.heading} caption={content.groups.practitioner.caption} keyLabel={content.groups.practitioner.key} />
      <GroupTable id="team" groups={summary.byTeam} heading={content.groups.team.heading} caption={content.groups.team.caption} keyLabel={content.groups.team.key} />
      <GroupTable id="origin" groups={summary.byOrigin} heading={content.groups.origin.heading} caption={content.groups.origin.caption} keyLabel={content.groups.origin.key} labels={QA_ORIGIN_LABELS} />
      <section className="clasp-section" aria-labelledby="items-heading">
        <h2 className="nhsuk-heading-m" id="items-heading">
          {content.items.heading}
        </h2>
        <p className="nhsuk-body-s">{content.checklist(qaChecklist.title, qaChecklist.version)}</p>
        <Table
          caption={content.items.caption}
          captionHidden
          firstCellIsHeader
          head={[content.items.columns.item, content.items.columns.met, content.items.columns.notMet, content.items.columns.notApplicable, content.items.columns.unanswered, content.items.columns.percentMet]}
          columnClasses={[undefined, 'numeric', 'numeric', 'numeric', 'numeric', 'numeric']}
          rows={summary.byItem.map((item) => ({
            key: item.itemId,
            cells: [itemText.get(item.itemId) ?? item.itemId, String(item.met), String(item.notMet), String(item.notApplicable), String(item.unanswered), content.percent(item.percentMet)],
          }))}
        />
      </section>
    </>
  );
}
