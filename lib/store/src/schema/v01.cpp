// Schema version 1: stations, people, skills and trainings, projects, templates and shifts,
// availability, the roster, sessions, the audit trail and incidents. Instants are integer UTC
// seconds; calendar dates are text 'YYYY-MM-DD'; times of day are integer minutes after local
// midnight; flags are integers 0/1. The protective triggers are written per dialect (SQLite
// triggers, PL/pgSQL functions); PostgreSQL also refuses TRUNCATE of the audit trail.
// Tokens and blocks: schema.hpp.

#include "schema/schema.hpp"

namespace vstation::store::schema {
namespace {

constexpr std::string_view kV1 = R"sql(
CREATE TABLE stations (
  id                     {ID},
  code                   {TEXT} NOT NULL UNIQUE CHECK (length(code) > 0),
  name                   {TEXT} NOT NULL CHECK (length(name) > 0),
  location               {TEXT} NOT NULL DEFAULT '',
  utc_offset_min         {INT} NOT NULL DEFAULT 480 CHECK (utc_offset_min BETWEEN -840 AND 840),
  opens_min              {INT} NOT NULL DEFAULT 480,
  closes_min             {INT} NOT NULL DEFAULT 1200,
  rounding_min           {INT} NOT NULL DEFAULT 0 CHECK (rounding_min IN (0, 5, 10, 15, 30)),
  max_session_min        {INT} NOT NULL DEFAULT 720 CHECK (max_session_min > 0),
  early_allowance_min    {INT} NOT NULL DEFAULT 30 CHECK (early_allowance_min >= 0),
  overtime_allowance_min {INT} NOT NULL DEFAULT 0 CHECK (overtime_allowance_min >= 0),
  min_rest_min           {INT} NOT NULL DEFAULT 0 CHECK (min_rest_min >= 0),
  walk_ins               {TEXT} NOT NULL DEFAULT 'allow' CHECK (walk_ins IN ('allow', 'refuse')),
  person_in_charge       {TEXT} NOT NULL DEFAULT '',
  contact                {TEXT} NOT NULL DEFAULT '',
  retired                {INT} NOT NULL DEFAULT 0,
  CHECK (closes_min > opens_min)
);

CREATE TABLE volunteers (
  id               {ID},
  number           {TEXT} NOT NULL UNIQUE CHECK (length(number) > 0),
  name             {TEXT} NOT NULL CHECK (length(name) > 0),
  phone            {TEXT} NOT NULL DEFAULT '',
  id_type          {TEXT} NOT NULL DEFAULT 'none',
  id_number        {TEXT} NOT NULL DEFAULT '',
  birth_date       {TEXT},
  join_date        {TEXT} NOT NULL,
  status           {TEXT} NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'retired')),
  guardian_consent {INT} NOT NULL DEFAULT 0,
  max_shifts_week  {INT} NOT NULL DEFAULT 5 CHECK (max_shifts_week >= 0),
  max_minutes_week {INT} NOT NULL DEFAULT 1200 CHECK (max_minutes_week >= 0),
  home_station_id  {INT} REFERENCES stations (id)
);

CREATE TABLE skills (
  id      {ID},
  code    {TEXT} NOT NULL UNIQUE CHECK (length(code) > 0),
  name_en {TEXT} NOT NULL DEFAULT '',
  name_zh {TEXT} NOT NULL DEFAULT ''
);

CREATE TABLE trainings (
  id           {ID},
  station_id   {INT} NOT NULL REFERENCES stations (id),
  topic        {TEXT} NOT NULL CHECK (length(topic) > 0),
  starts_at    {INT} NOT NULL,
  minutes      {INT} NOT NULL CHECK (minutes > 0),
  skill_id     {INT} REFERENCES skills (id),
  valid_months {INT} NOT NULL DEFAULT 24 CHECK (valid_months >= 0)
);
CREATE INDEX trainings_by_time ON trainings (starts_at);

CREATE TABLE training_attendees (
  training_id  {INT} NOT NULL REFERENCES trainings (id),
  volunteer_id {INT} NOT NULL REFERENCES volunteers (id),
  PRIMARY KEY (training_id, volunteer_id)
);

CREATE TABLE certifications (
  id           {ID},
  volunteer_id {INT} NOT NULL REFERENCES volunteers (id),
  skill_id     {INT} NOT NULL REFERENCES skills (id),
  granted      {TEXT} NOT NULL,
  expires      {TEXT},
  training_id  {INT} REFERENCES trainings (id),
  UNIQUE (volunteer_id, skill_id, granted),
  CHECK (expires IS NULL OR expires >= granted)
);

CREATE TABLE projects (
  id          {ID},
  code        {TEXT} NOT NULL UNIQUE CHECK (length(code) > 0),
  station_id  {INT} NOT NULL REFERENCES stations (id),
  name        {TEXT} NOT NULL CHECK (length(name) > 0),
  category    {TEXT} NOT NULL,
  published   {TEXT} NOT NULL,
  starts      {TEXT} NOT NULL,
  ends        {TEXT},
  description {TEXT} NOT NULL DEFAULT '',
  retired     {INT} NOT NULL DEFAULT 0,
  CHECK (ends IS NULL OR ends >= starts)
);

CREATE TABLE shift_templates (
  id         {ID},
  code       {TEXT} NOT NULL UNIQUE CHECK (length(code) > 0),
  station_id {INT} NOT NULL REFERENCES stations (id),
  project_id {INT} NOT NULL REFERENCES projects (id),
  weekdays   {INT} NOT NULL CHECK (weekdays BETWEEN 1 AND 127),
  start_min  {INT} NOT NULL CHECK (start_min BETWEEN 0 AND 1440),
  end_min    {INT} NOT NULL CHECK (end_min BETWEEN 0 AND 1440),
  slots      {INT} NOT NULL CHECK (slots >= 1),
  priority   {INT} NOT NULL DEFAULT 1 CHECK (priority >= 1),
  valid_from {TEXT} NOT NULL,
  valid_to   {TEXT},
  retired    {INT} NOT NULL DEFAULT 0,
  CHECK (end_min > start_min)
);

CREATE TABLE template_minimums (
  template_id {INT} NOT NULL REFERENCES shift_templates (id),
  skill_id    {INT} NOT NULL REFERENCES skills (id),
  min_count   {INT} NOT NULL CHECK (min_count >= 1),
  PRIMARY KEY (template_id, skill_id)
);

CREATE TABLE shifts (
  id          {ID},
  station_id  {INT} NOT NULL REFERENCES stations (id),
  project_id  {INT} NOT NULL REFERENCES projects (id),
  template_id {INT} REFERENCES shift_templates (id),
  starts_at   {INT} NOT NULL,
  ends_at     {INT} NOT NULL,
  slots       {INT} NOT NULL CHECK (slots >= 1),
  priority    {INT} NOT NULL DEFAULT 1 CHECK (priority >= 1),
  cancelled   {INT} NOT NULL DEFAULT 0,
  CHECK (ends_at > starts_at),
  UNIQUE (station_id, project_id, starts_at)
);
CREATE INDEX shifts_by_time ON shifts (starts_at);

CREATE TABLE shift_minimums (
  shift_id  {INT} NOT NULL REFERENCES shifts (id),
  skill_id  {INT} NOT NULL REFERENCES skills (id),
  min_count {INT} NOT NULL CHECK (min_count >= 1),
  PRIMARY KEY (shift_id, skill_id)
);

CREATE TABLE availability (
  id           {ID},
  volunteer_id {INT} NOT NULL REFERENCES volunteers (id),
  weekday      {INT} NOT NULL CHECK (weekday BETWEEN 0 AND 6),
  start_min    {INT} NOT NULL CHECK (start_min BETWEEN 0 AND 1440),
  end_min      {INT} NOT NULL CHECK (end_min BETWEEN 0 AND 1440),
  CHECK (end_min > start_min)
);
CREATE INDEX availability_by_volunteer ON availability (volunteer_id);

CREATE TABLE availability_exceptions (
  id           {ID},
  volunteer_id {INT} NOT NULL REFERENCES volunteers (id),
  day          {TEXT} NOT NULL,
  start_min    {INT},
  end_min      {INT},
  available    {INT} NOT NULL DEFAULT 0,
  CHECK ((start_min IS NULL) = (end_min IS NULL)),
  CHECK (end_min IS NULL OR end_min > start_min)
);
CREATE INDEX availability_exceptions_by_volunteer ON availability_exceptions (volunteer_id, day);

CREATE TABLE assignments (
  id           {ID},
  shift_id     {INT} NOT NULL REFERENCES shifts (id),
  volunteer_id {INT} NOT NULL REFERENCES volunteers (id),
  status       {TEXT} NOT NULL DEFAULT 'planned'
               CHECK (status IN ('planned', 'confirmed', 'cancelled', 'no_show')),
  source       {TEXT} NOT NULL DEFAULT 'auto' CHECK (source IN ('auto', 'manual')),
  pinned       {INT} NOT NULL DEFAULT 0,
  UNIQUE (shift_id, volunteer_id)
);
CREATE INDEX assignments_by_volunteer ON assignments (volunteer_id);

CREATE TABLE sessions (
  id            {ID},
  volunteer_id  {INT} NOT NULL REFERENCES volunteers (id),
  station_id    {INT} NOT NULL REFERENCES stations (id),
  shift_id      {INT} REFERENCES shifts (id),
  project_id    {INT} REFERENCES projects (id),
  raw_in        {INT} NOT NULL,
  raw_out       {INT},
  eff_in        {INT} NOT NULL,
  eff_out       {INT},
  status        {TEXT} NOT NULL CHECK (status IN
                ('open', 'closed', 'auto_closed', 'confirmed', 'corrected', 'rejected')),
  credited_min  {INT} NOT NULL DEFAULT 0 CHECK (credited_min >= 0),
  note          {TEXT} NOT NULL DEFAULT '',
  CHECK (raw_out IS NULL OR raw_out >= raw_in),
  CHECK (eff_out IS NULL OR eff_out >= eff_in)
);
CREATE INDEX sessions_by_time ON sessions (eff_in);
CREATE INDEX sessions_by_volunteer ON sessions (volunteer_id, eff_in);
CREATE INDEX sessions_by_shift ON sessions (shift_id);
-- At most one open session per volunteer, whatever the station.
CREATE UNIQUE INDEX sessions_one_open ON sessions (volunteer_id) WHERE status = 'open';

-- Raw instants are written once and never changed (docs/design.md §3).
{sqlite}
CREATE TRIGGER sessions_raw_in_fixed BEFORE UPDATE OF raw_in ON sessions
WHEN NEW.raw_in IS NOT OLD.raw_in
BEGIN SELECT RAISE(ABORT, 'raw check-in instants are never changed'); END;
CREATE TRIGGER sessions_raw_out_fixed BEFORE UPDATE OF raw_out ON sessions
WHEN OLD.raw_out IS NOT NULL AND NEW.raw_out IS NOT OLD.raw_out
BEGIN SELECT RAISE(ABORT, 'raw check-out instants are never changed'); END;
{pg}
CREATE FUNCTION sessions_raw_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.raw_in IS DISTINCT FROM OLD.raw_in THEN
    RAISE EXCEPTION 'raw check-in instants are never changed';
  END IF;
  IF OLD.raw_out IS NOT NULL AND NEW.raw_out IS DISTINCT FROM OLD.raw_out THEN
    RAISE EXCEPTION 'raw check-out instants are never changed';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER sessions_raw_fixed BEFORE UPDATE OF raw_in, raw_out ON sessions
FOR EACH ROW EXECUTE FUNCTION sessions_raw_fixed();
{both}

CREATE TABLE audit (
  id        {ID},
  at        {INT} NOT NULL,
  actor     {TEXT} NOT NULL,
  entity    {TEXT} NOT NULL,
  entity_id {INT} NOT NULL,
  action    {TEXT} NOT NULL,
  reason    {TEXT} NOT NULL DEFAULT '',
  old_value {TEXT} NOT NULL DEFAULT '',
  new_value {TEXT} NOT NULL DEFAULT ''
);
CREATE INDEX audit_by_entity ON audit (entity, entity_id);
-- The audit trail is append-only.
{sqlite}
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
{pg}
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only';
END $$;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
{both}

CREATE TABLE incidents (
  id            {ID},
  station_id    {INT} NOT NULL REFERENCES stations (id),
  project_id    {INT} REFERENCES projects (id),
  type          {TEXT} NOT NULL,
  at            {INT} NOT NULL,
  people_served {INT} NOT NULL DEFAULT 0 CHECK (people_served >= 0),
  note          {TEXT} NOT NULL DEFAULT ''
);
CREATE INDEX incidents_by_time ON incidents (at);

CREATE TABLE incident_volunteers (
  incident_id  {INT} NOT NULL REFERENCES incidents (id),
  volunteer_id {INT} NOT NULL REFERENCES volunteers (id),
  PRIMARY KEY (incident_id, volunteer_id)
);
)sql";

}  // namespace

std::vector<Migration> migrations_v1() {
  return {Migration::shared(kV1)};
}

}  // namespace vstation::store::schema
