#include "store/migrations.h"

#include "store/list_tables.h"

namespace inspire::store {

const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> migrations = {
      {"organisations, users, sessions, tokens, login attempts, audit", R"sql(
CREATE TABLE organizations (
  id {{id}},
  name TEXT NOT NULL UNIQUE,
  acronym TEXT NOT NULL DEFAULT '',
  type TEXT NOT NULL,
  website TEXT NOT NULL DEFAULT '',
  iati_id TEXT NOT NULL DEFAULT '',
  wg_role TEXT NOT NULL,
  focal_points TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE organization_countries (
  organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  iso3 TEXT NOT NULL,
  PRIMARY KEY (organization_id, iso3)
);
CREATE INDEX organization_countries_iso3 ON organization_countries (iso3);
CREATE TABLE users (
  id {{id}},
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  organization_id BIGINT REFERENCES organizations (id) ON DELETE SET NULL,
  country_iso3 TEXT,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE TABLE api_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL
);
CREATE TABLE login_attempts (
  id {{id}},
  attempt_key TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX login_attempts_key_at ON login_attempts (attempt_key, at);
CREATE TABLE audit (
  id {{id}},
  at TEXT NOT NULL,
  user_id BIGINT,
  user_email TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT
);
CREATE INDEX audit_entity ON audit (entity, entity_id);
)sql"},
      {"published estimates with their provenance", R"sql(
CREATE TABLE estimate_sets (
  id {{id}},
  country_iso3 TEXT NOT NULL,
  year INTEGER NOT NULL,
  source TEXT NOT NULL,
  provenance TEXT NOT NULL,
  published_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
  published_by_email TEXT NOT NULL,
  published_at TEXT NOT NULL,
  UNIQUE (country_iso3, year, source)
);
CREATE TABLE estimates (
  id {{id}},
  set_id BIGINT NOT NULL REFERENCES estimate_sets (id) ON DELETE CASCADE,
  country_iso3 TEXT NOT NULL,
  year INTEGER NOT NULL,
  indicator_id TEXT NOT NULL,
  indicator_name TEXT NOT NULL,
  domain TEXT NOT NULL,
  domain_code TEXT NOT NULL,
  domain_label TEXT NOT NULL,
  n_unweighted INTEGER,
  n_missing INTEGER,
  n_weighted {{real}},
  estimate {{real}},
  se {{real}},
  ci_low {{real}},
  ci_high {{real}},
  deff {{real}},
  df {{real}},
  flag TEXT NOT NULL CHECK (flag IN ('ok', 'caution', 'suppressed')),
  CHECK (flag <> 'suppressed' OR (n_unweighted IS NULL AND n_missing IS NULL AND n_weighted IS NULL
         AND estimate IS NULL AND se IS NULL AND ci_low IS NULL AND ci_high IS NULL
         AND deff IS NULL)),
  CHECK (flag = 'suppressed' OR (n_unweighted IS NOT NULL AND estimate IS NOT NULL
         AND se IS NOT NULL))
);
CREATE INDEX estimates_indicator ON estimates (indicator_id, country_iso3, year);
CREATE INDEX estimates_country ON estimates (country_iso3, year);
)sql"},
      {"activities: who does what where", R"sql(
CREATE TABLE activities (
  id {{id}},
  organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  country_iso3 TEXT NOT NULL,
  area TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('planned', 'ongoing', 'completed')),
  start_date TEXT NOT NULL DEFAULT '',
  end_date TEXT NOT NULL DEFAULT '',
  target_population TEXT NOT NULL DEFAULT '',
  people_reached {{real}},
  budget {{real}},
  currency TEXT NOT NULL DEFAULT '',
  funding_source TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX activities_country ON activities (country_iso3, status);
CREATE INDEX activities_organization ON activities (organization_id);
CREATE TABLE activity_approaches (
  activity_id BIGINT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  approach_id TEXT NOT NULL,
  PRIMARY KEY (activity_id, approach_id)
);
CREATE INDEX activity_approaches_approach ON activity_approaches (approach_id);
)sql"},
      {"a data version that every audited write increases (for response caches)", R"sql(
CREATE TABLE data_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version BIGINT NOT NULL
);
INSERT INTO data_version (id, version) VALUES (1, 0);
)sql"},
      {"needs for support, offers of support, and the matches between them", R"sql(
CREATE TABLE needs (
  id {{id}},
  country_iso3 TEXT NOT NULL,
  organization_id BIGINT REFERENCES organizations (id) ON DELETE SET NULL,
  kind TEXT NOT NULL,
  approaches TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('open', 'matched', 'closed')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX needs_country ON needs (country_iso3, status);
CREATE TABLE offers (
  id {{id}},
  organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  approaches TEXT NOT NULL,
  countries TEXT NOT NULL DEFAULT '[]',
  regions TEXT NOT NULL DEFAULT '[]',
  capacity TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('available', 'withdrawn')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE matches (
  need_id BIGINT NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
  offer_id BIGINT NOT NULL REFERENCES offers (id) ON DELETE CASCADE,
  created_by_email TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (need_id, offer_id)
);
)sql"},
      {"baselines and targets per country, indicator and domain", R"sql(
CREATE TABLE targets (
  id {{id}},
  country_iso3 TEXT NOT NULL,
  indicator_id TEXT NOT NULL,
  domain TEXT NOT NULL DEFAULT 'total',
  domain_code TEXT NOT NULL DEFAULT '',
  direction TEXT NOT NULL CHECK (direction IN ('decrease', 'increase')),
  baseline_value {{real}},
  baseline_year INTEGER,
  baseline_source TEXT NOT NULL DEFAULT '',
  target_value {{real}},
  target_year INTEGER,
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (country_iso3, indicator_id, domain, domain_code)
);
)sql"},
      {"studies of what works, with their reported numbers", R"sql(
CREATE TABLE studies (
  id {{id}},
  study TEXT NOT NULL,
  citation TEXT NOT NULL DEFAULT '',
  doi TEXT NOT NULL DEFAULT '',
  url TEXT NOT NULL DEFAULT '',
  year INTEGER NOT NULL,
  country_iso3 TEXT NOT NULL DEFAULT '',
  setting TEXT NOT NULL DEFAULT '',
  design TEXT NOT NULL,
  risk_of_bias TEXT NOT NULL,
  outcome TEXT NOT NULL,
  indicator_id TEXT NOT NULL DEFAULT '',
  measure TEXT NOT NULL CHECK (measure IN ('OR', 'RR', 'RD', 'SMD', 'MD', 'GEN')),
  favourable TEXT NOT NULL CHECK (favourable IN ('lower', 'higher')),
  ai {{real}}, n1i {{real}}, ci {{real}}, n2i {{real}},
  m1i {{real}}, sd1i {{real}}, m2i {{real}}, sd2i {{real}},
  yi {{real}}, vi {{real}}, sei {{real}},
  note TEXT NOT NULL DEFAULT '',
  created_by_email TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX studies_outcome ON studies (outcome);
CREATE TABLE study_approaches (
  study_id BIGINT NOT NULL REFERENCES studies (id) ON DELETE CASCADE,
  approach_id TEXT NOT NULL,
  PRIMARY KEY (study_id, approach_id)
);
CREATE INDEX study_approaches_approach ON study_approaches (approach_id);
)sql"},
      {"why each suppressed estimate is (primary or complementary), and which sets have had "
       "complementary suppression",
       R"sql(
ALTER TABLE estimates ADD COLUMN suppression TEXT NOT NULL DEFAULT ''
  CHECK (suppression IN ('', 'primary', 'complementary'));
UPDATE estimates SET suppression = 'primary' WHERE flag = 'suppressed';
ALTER TABLE estimate_sets ADD COLUMN protection INTEGER NOT NULL DEFAULT 0;
)sql"},
      {"API tokens expire (those made before: a year after they were made) and carry a label",
       R"sql(
ALTER TABLE api_tokens ADD COLUMN label TEXT NOT NULL DEFAULT '';
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT NOT NULL DEFAULT '';
UPDATE api_tokens
  SET expires_at = CAST(CAST(SUBSTR(created_at, 1, 4) AS INTEGER) + 1 AS TEXT) || SUBSTR(created_at, 5);
CREATE INDEX api_tokens_user ON api_tokens (user_id);
)sql"},
      // Databases made before {{id}} meant AUTOINCREMENT on SQLite: a deleted record's id was
      // given to the next one.
      {"ids never reused", "", true},
      // The confidence level of each published set (its intervals were made at it): from the
      // file's provenance where it was given, else the 0.95 that every earlier file used.
      {"confidence level of each estimate set", R"sql(
ALTER TABLE estimate_sets ADD COLUMN level {{real}} NOT NULL DEFAULT 0.95;
UPDATE estimate_sets SET level = {{provenance_level}}
  WHERE {{provenance_level}} > 0 AND {{provenance_level}} < 1;
)sql"},
      // The lists of needs and offers as rows, so that a filter is an equality on an index
      // instead of a text search through JSON (store/list_tables.h fills them).
      {"lists of needs and offers as rows", R"sql(
CREATE TABLE need_approaches (
  need_id BIGINT NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
  approach_id TEXT NOT NULL,
  PRIMARY KEY (need_id, approach_id)
);
CREATE INDEX need_approaches_approach ON need_approaches (approach_id);
CREATE TABLE offer_approaches (
  offer_id BIGINT NOT NULL REFERENCES offers (id) ON DELETE CASCADE,
  approach_id TEXT NOT NULL,
  PRIMARY KEY (offer_id, approach_id)
);
CREATE INDEX offer_approaches_approach ON offer_approaches (approach_id);
CREATE TABLE offer_countries (
  offer_id BIGINT NOT NULL REFERENCES offers (id) ON DELETE CASCADE,
  iso3 TEXT NOT NULL,
  PRIMARY KEY (offer_id, iso3)
);
CREATE INDEX offer_countries_iso3 ON offer_countries (iso3);
CREATE TABLE offer_regions (
  offer_id BIGINT NOT NULL REFERENCES offers (id) ON DELETE CASCADE,
  region TEXT NOT NULL,
  PRIMARY KEY (offer_id, region)
);
CREATE INDEX offer_regions_region ON offer_regions (region);
)sql",
       false, FillListTables},
      {"needs and offers keep their lists only as rows", R"sql(
ALTER TABLE needs DROP COLUMN approaches;
ALTER TABLE offers DROP COLUMN approaches;
ALTER TABLE offers DROP COLUMN countries;
ALTER TABLE offers DROP COLUMN regions;
)sql"},
      {"implementation rounds: each country's uptake of INSPIRE, section by section", R"sql(
CREATE TABLE implementation_rounds (
  id {{id}},
  country_iso3 TEXT NOT NULL,
  label TEXT NOT NULL,
  reference_year INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'submitted', 'returned', 'validated')),
  copied_from BIGINT REFERENCES implementation_rounds (id) ON DELETE SET NULL,
  responding_agency TEXT NOT NULL DEFAULT '',
  data_coordinator TEXT NOT NULL DEFAULT '',
  consensus_meeting TEXT NOT NULL DEFAULT 'unknown',
  consensus_date TEXT NOT NULL DEFAULT '',
  homicide_data TEXT NOT NULL DEFAULT 'unknown',
  baselines_set TEXT NOT NULL DEFAULT 'unknown',
  targets_set TEXT NOT NULL DEFAULT 'unknown',
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (country_iso3, label)
);
CREATE INDEX implementation_rounds_status ON implementation_rounds (status, country_iso3);
CREATE TABLE implementation_round_sectors (
  round_id BIGINT NOT NULL REFERENCES implementation_rounds (id) ON DELETE CASCADE,
  sector TEXT NOT NULL,
  PRIMARY KEY (round_id, sector)
);
CREATE TABLE implementation_round_history (
  id {{id}},
  round_id BIGINT NOT NULL REFERENCES implementation_rounds (id) ON DELETE CASCADE,
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  user_email TEXT NOT NULL,
  user_role TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  changed_at TEXT NOT NULL
);
CREATE INDEX implementation_round_history_round ON implementation_round_history (round_id, id);
CREATE TABLE implementation_comments (
  id {{id}},
  round_id BIGINT NOT NULL REFERENCES implementation_rounds (id) ON DELETE CASCADE,
  section TEXT NOT NULL,
  item TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  user_email TEXT NOT NULL,
  user_role TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX implementation_comments_round ON implementation_comments (round_id, id);
CREATE TABLE implementation_laws (
  id {{id}},
  round_id BIGINT NOT NULL REFERENCES implementation_rounds (id) ON DELETE CASCADE,
  law TEXT NOT NULL,
  in_place TEXT NOT NULL,
  enforcement TEXT NOT NULL,
  year INTEGER,
  citation TEXT NOT NULL DEFAULT '',
  link TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (round_id, law)
);
CREATE TABLE implementation_approaches (
  id {{id}},
  round_id BIGINT NOT NULL REFERENCES implementation_rounds (id) ON DELETE CASCADE,
  approach_id TEXT NOT NULL,
  support TEXT NOT NULL,
  reach TEXT NOT NULL,
  scale TEXT NOT NULL,
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (round_id, approach_id)
);
CREATE TABLE implementation_milestones (
  id {{id}},
  round_id BIGINT NOT NULL REFERENCES implementation_rounds (id) ON DELETE CASCADE,
  milestone TEXT NOT NULL,
  state TEXT NOT NULL,
  date TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (round_id, milestone)
);
CREATE TABLE implementation_plans (
  id {{id}},
  round_id BIGINT NOT NULL REFERENCES implementation_rounds (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  start_year INTEGER,
  end_year INTEGER,
  funding TEXT NOT NULL,
  costed TEXT NOT NULL,
  measurable_targets TEXT NOT NULL,
  baselines TEXT NOT NULL,
  monitoring_framework TEXT NOT NULL,
  link TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX implementation_plans_round ON implementation_plans (round_id);
CREATE TABLE implementation_plan_forms (
  plan_id BIGINT NOT NULL REFERENCES implementation_plans (id) ON DELETE CASCADE,
  form TEXT NOT NULL,
  PRIMARY KEY (plan_id, form)
);
CREATE TABLE implementation_plan_strategies (
  plan_id BIGINT NOT NULL REFERENCES implementation_plans (id) ON DELETE CASCADE,
  strategy_id TEXT NOT NULL,
  PRIMARY KEY (plan_id, strategy_id)
);
CREATE TABLE implementation_surveys (
  id {{id}},
  round_id BIGINT NOT NULL REFERENCES implementation_rounds (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  year INTEGER,
  age_min {{real}},
  age_max {{real}},
  national TEXT NOT NULL,
  link TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX implementation_surveys_round ON implementation_surveys (round_id);
CREATE TABLE implementation_survey_forms (
  survey_id BIGINT NOT NULL REFERENCES implementation_surveys (id) ON DELETE CASCADE,
  form TEXT NOT NULL,
  PRIMARY KEY (survey_id, form)
);
)sql"},
      {"the working group's work plan, meetings, decisions and actions", R"sql(
CREATE TABLE workplan_objectives (
  id {{id}},
  title TEXT NOT NULL,
  workstream TEXT NOT NULL,
  starts TEXT NOT NULL DEFAULT '',
  ends TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  lead_organization_id BIGINT REFERENCES organizations (id) ON DELETE SET NULL,
  status TEXT NOT NULL CHECK (status IN ('planned', 'on_track', 'at_risk', 'done', 'dropped')),
  progress TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE objective_contributors (
  objective_id BIGINT NOT NULL REFERENCES workplan_objectives (id) ON DELETE CASCADE,
  organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  PRIMARY KEY (objective_id, organization_id)
);
CREATE INDEX objective_contributors_organization ON objective_contributors (organization_id);
CREATE TABLE objective_strategies (
  objective_id BIGINT NOT NULL REFERENCES workplan_objectives (id) ON DELETE CASCADE,
  strategy_id TEXT NOT NULL,
  PRIMARY KEY (objective_id, strategy_id)
);
CREATE TABLE objective_approaches (
  objective_id BIGINT NOT NULL REFERENCES workplan_objectives (id) ON DELETE CASCADE,
  approach_id TEXT NOT NULL,
  PRIMARY KEY (objective_id, approach_id)
);
CREATE INDEX objective_approaches_approach ON objective_approaches (approach_id);
CREATE TABLE objective_countries (
  objective_id BIGINT NOT NULL REFERENCES workplan_objectives (id) ON DELETE CASCADE,
  iso3 TEXT NOT NULL,
  PRIMARY KEY (objective_id, iso3)
);
CREATE INDEX objective_countries_iso3 ON objective_countries (iso3);
CREATE TABLE meetings (
  id {{id}},
  title TEXT NOT NULL,
  kind TEXT NOT NULL
    CHECK (kind IN ('working_group', 'secretariat', 'webinar', 'country_consultation')),
  starts_at TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  duration_minutes {{real}},
  status TEXT NOT NULL CHECK (status IN ('scheduled', 'held', 'cancelled')),
  visibility TEXT NOT NULL CHECK (visibility IN ('public', 'members')),
  location TEXT NOT NULL DEFAULT '',
  link TEXT NOT NULL DEFAULT '',
  country_iso3 TEXT NOT NULL DEFAULT '',
  agenda TEXT NOT NULL DEFAULT '',
  minutes TEXT NOT NULL DEFAULT '',
  starts_utc TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX meetings_starts ON meetings (starts_utc);
CREATE TABLE meeting_participants (
  meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  PRIMARY KEY (meeting_id, organization_id)
);
CREATE INDEX meeting_participants_organization ON meeting_participants (organization_id);
CREATE TABLE meeting_decisions (
  id {{id}},
  meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  text TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('adopted', 'deferred', 'rejected', 'superseded')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (meeting_id, number)
);
CREATE TABLE actions (
  id {{id}},
  title TEXT NOT NULL,
  owner_organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  owner_person TEXT NOT NULL DEFAULT '',
  due TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('open', 'done', 'dropped')),
  meeting_id BIGINT REFERENCES meetings (id) ON DELETE SET NULL,
  objective_id BIGINT REFERENCES workplan_objectives (id) ON DELETE SET NULL,
  need_id BIGINT REFERENCES needs (id) ON DELETE SET NULL,
  country_iso3 TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX actions_owner ON actions (owner_organization_id, status);
CREATE INDEX actions_due ON actions (status, due);
CREATE INDEX actions_meeting ON actions (meeting_id);
CREATE TABLE action_approaches (
  action_id BIGINT NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
  approach_id TEXT NOT NULL,
  PRIMARY KEY (action_id, approach_id)
);
)sql"},
      {"membership applications, the members' votes, and the history of each organisation's role",
       R"sql(
CREATE TABLE membership_applications (
  id {{id}},
  organization_name TEXT NOT NULL,
  organization_type TEXT NOT NULL,
  website TEXT NOT NULL DEFAULT '',
  country_iso3 TEXT NOT NULL DEFAULT '',
  applies_to TEXT NOT NULL CHECK (applies_to IN ('working_group', 'community_of_practice')),
  organization_id BIGINT REFERENCES organizations (id) ON DELETE SET NULL,
  nominated_by_id BIGINT REFERENCES organizations (id) ON DELETE SET NULL,
  motivation TEXT NOT NULL,
  contact_name TEXT NOT NULL DEFAULT '',
  contact_email TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('submitted', 'checked', 'voting', 'admitted', 'declined',
                                         'withdrawn')),
  status_note TEXT NOT NULL DEFAULT '',
  votes_yes INTEGER,
  votes_no INTEGER,
  votes_abstain INTEGER,
  votes_eligible INTEGER,
  applicant_user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX membership_applications_status ON membership_applications (status);
CREATE TABLE membership_votes (
  application_id BIGINT NOT NULL REFERENCES membership_applications (id) ON DELETE CASCADE,
  organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  vote TEXT NOT NULL CHECK (vote IN ('yes', 'no', 'abstain')),
  user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
  voted_at TEXT NOT NULL,
  PRIMARY KEY (application_id, organization_id)
);
CREATE TABLE organization_roles (
  id {{id}},
  organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  since TEXT NOT NULL,
  until TEXT NOT NULL DEFAULT '',
  application_id BIGINT REFERENCES membership_applications (id) ON DELETE SET NULL
);
CREATE INDEX organization_roles_organization ON organization_roles (organization_id);
INSERT INTO organization_roles (organization_id, role, since, until)
  SELECT id, wg_role, SUBSTR(created_at, 1, 10), '' FROM organizations;
)sql"},
      {"support needs routed to members, with the updates of both sides", R"sql(
CREATE TABLE need_assignments (
  id {{id}},
  need_id BIGINT NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
  organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  offer_id BIGINT REFERENCES offers (id) ON DELETE SET NULL,
  due TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL
    CHECK (status IN ('assigned', 'accepted', 'in_progress', 'done', 'declined')),
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX need_assignments_need ON need_assignments (need_id);
CREATE INDEX need_assignments_organization ON need_assignments (organization_id);
CREATE TABLE assignment_updates (
  id {{id}},
  assignment_id BIGINT NOT NULL REFERENCES need_assignments (id) ON DELETE CASCADE,
  status TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  author TEXT NOT NULL,
  organization_id BIGINT REFERENCES organizations (id) ON DELETE SET NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX assignment_updates_assignment ON assignment_updates (assignment_id);
)sql"},
      {"what users follow, and their digest e-mails", R"sql(
CREATE TABLE subscriptions (
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('country', 'approach', 'topic')),
  value TEXT NOT NULL,
  PRIMARY KEY (user_id, kind, value)
);
CREATE TABLE digest_settings (
  user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  frequency TEXT NOT NULL CHECK (frequency IN ('daily', 'weekly', 'never')),
  unsubscribe_token TEXT NOT NULL UNIQUE,
  last_sent_at TEXT NOT NULL
);
)sql"},
      {"the community's library: items, their files' versions and the full-text index", R"sql(
CREATE TABLE library_items (
  id {{id}},
  title TEXT NOT NULL,
  kind TEXT NOT NULL
    CHECK (kind IN ('guide', 'tool', 'training', 'report', 'recording', 'other')),
  summary TEXT NOT NULL DEFAULT '',
  url TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL,
  year INTEGER,
  organization_id BIGINT REFERENCES organizations (id) ON DELETE SET NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX library_items_updated ON library_items (updated_at);
CREATE TABLE library_item_strategies (
  item_id BIGINT NOT NULL REFERENCES library_items (id) ON DELETE CASCADE,
  strategy_id TEXT NOT NULL,
  PRIMARY KEY (item_id, strategy_id)
);
CREATE TABLE library_item_approaches (
  item_id BIGINT NOT NULL REFERENCES library_items (id) ON DELETE CASCADE,
  approach_id TEXT NOT NULL,
  PRIMARY KEY (item_id, approach_id)
);
CREATE INDEX library_item_approaches_approach ON library_item_approaches (approach_id);
CREATE TABLE library_item_countries (
  item_id BIGINT NOT NULL REFERENCES library_items (id) ON DELETE CASCADE,
  iso3 TEXT NOT NULL,
  PRIMARY KEY (item_id, iso3)
);
CREATE INDEX library_item_countries_iso3 ON library_item_countries (iso3);
CREATE TABLE library_versions (
  id {{id}},
  item_id BIGINT NOT NULL REFERENCES library_items (id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  file_name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  content TEXT NOT NULL,
  body_text TEXT NOT NULL DEFAULT '',
  added_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (item_id, number)
);
{{library_search}};
)sql"},
      {"what each published estimate is: a proportion, a mean or a total", R"sql(
ALTER TABLE estimates ADD COLUMN statistic TEXT NOT NULL DEFAULT 'proportion'
  CHECK (statistic IN ('proportion', 'mean', 'total'));
)sql"},
  };
  return migrations;
}

std::string ForEngine(std::string_view sql, Engine engine) {
  const auto replace_all = [](std::string text, std::string_view from, std::string_view to) {
    for (size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size())) {
      text.replace(at, from.size(), to);
    }
    return text;
  };
  const bool postgres = engine == Engine::kPostgres;
  std::string out(sql);
  out = replace_all(out, "{{id}}",
                    postgres ? "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
                             : "INTEGER PRIMARY KEY AUTOINCREMENT");
  out = replace_all(out, "{{real}}", postgres ? "DOUBLE PRECISION" : "REAL");
  // The library's full-text index (hub/library_search.cc): FTS5 by rowid, or a weighted tsvector.
  out = replace_all(out, "{{library_search}}",
                    postgres ? "CREATE TABLE library_search (item_id BIGINT PRIMARY KEY REFERENCES "
                               "library_items (id) ON DELETE CASCADE, document TSVECTOR NOT NULL); "
                               "CREATE INDEX library_search_document ON library_search USING GIN "
                               "(document)"
                             : "CREATE VIRTUAL TABLE library_search USING fts5(title, summary, "
                               "body, tokenize = 'unicode61 remove_diacritics 2')");
  // An estimate set's provenance.options.level when it is a number, else NULL.
  out = replace_all(
      out, "{{provenance_level}}",
      postgres ? "(CASE WHEN jsonb_typeof(provenance::jsonb #> '{options,level}') = 'number' "
                 "THEN (provenance::jsonb #>> '{options,level}')::DOUBLE PRECISION END)"
               : "(CASE WHEN json_type(provenance, '$.options.level') IN ('integer', 'real') "
                 "THEN json_extract(provenance, '$.options.level') END)");
  return out;
}

}  // namespace inspire::store
