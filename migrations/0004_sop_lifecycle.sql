-- An SOP version is approved (disahkan) by the official the identity names, dated, then made
-- effective from a date; the version it replaces is retired on that date.
ALTER TABLE sop_versions ADD COLUMN approved_by_user_id uuid REFERENCES users(id);
ALTER TABLE sop_versions ADD COLUMN approved_by_employee_id uuid;
ALTER TABLE sop_versions ADD COLUMN approved_by_name text;
ALTER TABLE sop_versions ADD COLUMN approved_by_position_id uuid;
ALTER TABLE sop_versions ADD COLUMN approved_by_position_name text;
ALTER TABLE sop_versions ADD COLUMN approved_acting text CHECK (approved_acting IN ('plt', 'plh'));
ALTER TABLE sop_versions ADD COLUMN approved_on date;
ALTER TABLE sop_versions ADD COLUMN effective_from date;
ALTER TABLE sop_versions ADD COLUMN retired_on date;
CREATE UNIQUE INDEX sop_versions_one_effective ON sop_versions (sop_id) WHERE status = 'effective';
