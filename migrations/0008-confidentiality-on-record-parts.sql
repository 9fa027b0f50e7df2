-- 0008-confidentiality-on-record-parts.sql — why: #5. Entries AND fields carry a confidentiality category
-- (src/domain/access/confidentiality.ts): an alert about a domestic-abuse disclosure, a refuge address kept from
-- a parent who could be the abuser (CQC Bedford 2015 rec 2.2), an adopted child's previous names and NHS number
-- (sealed identity: linked but hidden). Readers not entitled see that a restricted entry exists and whom to ask.
ALTER TABLE manual_flags ADD COLUMN confidentiality text NOT NULL DEFAULT 'standard';
ALTER TABLE child_names ADD COLUMN confidentiality text NOT NULL DEFAULT 'standard';
ALTER TABLE child_identifiers ADD COLUMN confidentiality text NOT NULL DEFAULT 'standard';
ALTER TABLE child_addresses ADD COLUMN confidentiality text NOT NULL DEFAULT 'standard';
