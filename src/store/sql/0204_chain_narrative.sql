-- 0204: the narrative sections of a report up the chain, which the
-- officials write beside the figures gemis computes: results,
-- shortcomings, causes, proposals (store/chainreports.h, chain_sections).
-- Like an agency's narrative (0200) they are kept with the report, saved
-- while it may change and locked with its figures once it is accepted
-- (core/workflow.h's wf_report refuses every step then).
ALTER TABLE chain_reports ADD COLUMN results TEXT;
ALTER TABLE chain_reports ADD COLUMN shortcomings TEXT;
ALTER TABLE chain_reports ADD COLUMN causes TEXT;
ALTER TABLE chain_reports ADD COLUMN proposals TEXT;
