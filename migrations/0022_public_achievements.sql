-- A government may publish its approved achievements on a public page (/publik/<code>): the
-- figures the measurement SOP approved, with no personal data. Off until its admin turns it on.
ALTER TABLE governments ADD COLUMN public_achievements boolean NOT NULL DEFAULT false;
