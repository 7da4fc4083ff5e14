-- Periodic monitoring of a Renstra (e.g. Kecamatan Masama's "Mekanisme Monitoring Renstra Secara
-- Periodik"): one cycle per plan and year, run by its SOP's case. The analysis compares each Renstra
-- indicator's actual of the year with the Renstra's target for that year and with its end target;
-- it is kept as analysed, with the concept report, the Sekretaris's correction and the final report.
CREATE TABLE monitoring_cycles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id uuid NOT NULL REFERENCES governments(id),
  agency_id uuid NOT NULL,
  plan_id uuid NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  analysis jsonb,
  analysed_at timestamptz,
  format_file_id uuid,
  concept_file_id uuid,
  correction text NOT NULL DEFAULT '',
  final_file_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  UNIQUE (government_id, id),
  FOREIGN KEY (government_id, agency_id) REFERENCES agencies (government_id, id),
  FOREIGN KEY (government_id, plan_id) REFERENCES plans (government_id, id),
  FOREIGN KEY (government_id, format_file_id) REFERENCES files (government_id, id),
  FOREIGN KEY (government_id, concept_file_id) REFERENCES files (government_id, id),
  FOREIGN KEY (government_id, final_file_id) REFERENCES files (government_id, id)
);
CREATE UNIQUE INDEX monitoring_cycles_open_idx ON monitoring_cycles (plan_id, year) WHERE status = 'open';
