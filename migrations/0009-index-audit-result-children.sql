-- 0009-index-audit-result-children.sql — why: the access review (#5) must show the searches and lists a
-- child appeared in (a search result reveals who the child is). Those audit rows name the children only in
-- details.resultChildIds (child_id is null, one row per list), so finding them by child would scan the whole
-- log. This partial GIN index covers only rows that carry a result list; every other audit insert is unchanged.
CREATE INDEX audit_events_result_children_idx ON audit_events
  USING gin ((((record)::jsonb -> 'details') -> 'resultChildIds') jsonb_path_ops)
  WHERE record LIKE '%"resultChildIds"%';
