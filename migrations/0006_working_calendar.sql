-- Each government's working calendar: working days and hours in its time zone, and its holidays.
-- Mutu baku times (due times of tasks) run on it.
ALTER TABLE governments ADD COLUMN work_days integer[] NOT NULL DEFAULT '{1,2,3,4,5}';
ALTER TABLE governments ADD COLUMN work_start text NOT NULL DEFAULT '07:30' CHECK (work_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$');
ALTER TABLE governments ADD COLUMN work_end text NOT NULL DEFAULT '16:00' CHECK (work_end ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$');

CREATE TABLE holidays (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  date date NOT NULL,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (government_id, date)
);
