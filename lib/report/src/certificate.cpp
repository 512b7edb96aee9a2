#include "vstation/report/certificate.hpp"

#include "vstation/store/session_queries.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "vstation/domain/error.hpp"
#include "vstation/store/privacy.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/text/typed.hpp"
#include "vstation/text/width.hpp"

namespace vstation::report {
namespace stats = store::stats;
namespace {

constexpr Msg kNoCrypto{"the cryptography library failed to start", "加密库初始化失败"};
constexpr Msg kNoService{
    "{} has no credited service from {} to {} at {}; no certificate was issued",
    "{} 在 {} 至 {} 期间于{}没有已计入的服务时长；未出具证明"};
constexpr Msg kErased{"the personal data of {} have been erased; no certificate was issued",
                      "{} 的个人信息已被删除，不能开具证明"};
constexpr Msg kGone{"certificate {}: its volunteer or station no longer exists", "证明 {}：对应的志愿者或服务站已不存在"};

std::string upper(std::string s) {
  for (char& c : s) c = char(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// Values never hold a line break in the canonical text.
std::string flat(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  std::replace(s.begin(), s.end(), '\r', ' ');
  return s;
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw DataError(kNoCrypto);
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  // Every web request with a session hashes its token (and a POST its CSRF token): one pass,
  // as the audit chain's row_hash, not a formatted string per byte.
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

Certificate compute_certificate(store::Connection& db, const Volunteer& v, const Station& st, DateRange period,
                                std::string serial, Date issued_on) {
  Certificate c;
  c.serial = std::move(serial);
  c.volunteer_number = v.number;
  c.name = v.name;
  c.id_type = v.id_type;
  c.id_number_masked = text::mask_id_number(v.id_number);
  c.station_code = st.code;
  c.station_name = st.name;
  c.person_in_charge = st.person_in_charge;
  c.contact = st.contact;
  c.period = period;
  c.issued_on = issued_on;
  stats::Period p{period, st.id, v.id};
  c.service = stats::service_totals(db, p);
  std::map<std::string, Project> projects;
  for (auto& pr : store::projects::all(db)) projects[pr.code] = pr;
  for (const auto& row : stats::service_by(db, p, stats::Group::project)) {
    CertificateProject cp{row.key, "", std::nullopt, row.service};
    if (auto it = projects.find(row.key); it != projects.end()) {
      cp.name = it->second.name;
      cp.category = it->second.category;
    }
    c.projects.push_back(cp);
  }
  for (const auto& row : stats::service_by(db, p, stats::Group::category))
    c.categories.push_back({row.key.empty() ? std::nullopt : std::optional<Category>(parse_enum<Category>(row.key)),
                            row.service});
  c.digest = sha256_hex(canonical_text(c));
  return c;
}

std::string canonical_text(const Certificate& c) {
  std::string out = "vstation-certificate-v1\n";
  auto line = [&](std::string_view k, const std::string& v) { out += std::string(k) + "=" + flat(v) + "\n"; };
  line("serial", c.serial);
  line("volunteer_number", c.volunteer_number);
  line("name", c.name);
  line("id_type", std::string(code_of(c.id_type)));
  line("id_number_masked", c.id_number_masked);
  line("station", c.station_code);
  line("station_name", c.station_name);
  line("person_in_charge", c.person_in_charge);
  line("contact", c.contact);
  line("period_from", c.period.first.iso());
  line("period_to", c.period.last.iso());
  line("issued_on", c.issued_on.iso());
  line("service_minutes", std::to_string(c.service.credited_minutes));
  line("person_times", std::to_string(c.service.person_times));
  for (const auto& p : c.projects)
    line("project", fmt::format("{}|{}|{}|{}|{}", p.code, p.name, p.category ? code_of(*p.category) : "",
                                p.service.person_times, p.service.credited_minutes));
  for (const auto& k : c.categories)
    line("category", fmt::format("{}|{}|{}", k.category ? code_of(*k.category) : "", k.service.person_times,
                                 k.service.credited_minutes));
  return out;
}

std::string verification_code(const Certificate& c) {
  std::string d = c.digest.substr(0, 16);
  return d.substr(0, 4) + "-" + d.substr(4, 4) + "-" + d.substr(8, 4) + "-" + d.substr(12, 4);
}

// A certificate names the person it attests: once their name is erased there is nobody to name.
static void check_not_erased(const Volunteer& v) {
  if (v.name == store::privacy::kErasedName) throw DataError(kErased, v.number);
}

store::stats::ServiceTotals certificate_service(store::Connection& db, const Volunteer& v,
                                                const Station& st, DateRange period) {
  check_not_erased(v);
  return stats::service_totals(db, stats::Period{period, st.id, v.id});
}

Certificate preview_certificate(store::Connection& db, const Volunteer& v, const Station& st,
                                DateRange period, Date today) {
  check_not_erased(v);
  Certificate c = compute_certificate(db, v, st, period, "", today);
  if (c.service.credited_minutes == 0)
    throw DataError(kNoService, v.number, period.first.iso(), period.last.iso(), st.name);
  return c;
}

std::optional<DateRange> service_span(store::Connection& db, const Volunteer& v, const Station& st) {
  auto span = store::session_queries::credited_span(db, v.id, st.id);
  if (!span) return std::nullopt;
  return DateRange{local_date(span->begin, st.zone), local_date(span->end, st.zone)};
}

std::string verification_url(const Certificate& c, std::string_view site) {
  // A serial is capitals, digits, '_' and '-', the code hex and '-': nothing to escape.
  return std::string(site) + "/verify?serial=" + c.serial + "&code=" + verification_code(c);
}

std::string verification_payload(const Certificate& c, std::string_view site) {
  if (!site.empty()) return verification_url(c, site);
  return "VSTATION-CERT:" + c.serial + ":" + verification_code(c);
}

Certificate issue_certificate(store::Connection& db, const Volunteer& v, const Station& st, DateRange period,
                              Date issued_on, Instant issued_at, std::string_view actor) {
  // Joins the caller's transaction when there is one (the CLI commits only once the document
  // is written), else is one of its own.
  check_not_erased(v);
  std::optional<store::Transaction> tx;
  if (!db.in_transaction()) tx.emplace(db, store::Isolation::explicit_locks);
  // Two issues at once take turns for the next serial of the station's year.
  db.lock(store::LockSpace::certificate_serials, std::int64_t(st.id.value) * 10000 + issued_on.year());
  std::int64_t seq = store::certificates::next_seq(db, st.id, issued_on.year());
  std::string serial = fmt::format("{}-{}-{:06d}", upper(st.code), issued_on.year(), seq);
  Certificate c = compute_certificate(db, v, st, period, serial, issued_on);
  // A certificate attests service; with none credited in the period there is nothing to attest.
  if (c.service.credited_minutes == 0)
    throw DataError(kNoService, v.number, period.first.iso(), period.last.iso(), st.name);
  store::certificates::Issued row;
  row.serial = serial;
  row.station = st.id;
  row.volunteer = v.id;
  row.year = issued_on.year();
  row.seq = seq;
  row.period = period;
  row.issued_on = issued_on;
  row.issued_at = issued_at;
  row.minutes = c.service.credited_minutes;
  row.digest = c.digest;
  row.id = store::certificates::insert(db, row);
  store::AuditEntry e;
  e.at = issued_at;
  e.actor = std::string(actor);
  e.entity = "certificate";
  e.entity_id = row.id;
  e.action = "issue";
  e.new_value = serial;
  store::audit::append(db, e);
  if (tx) tx->commit();
  return c;
}

std::optional<Verification> verify_certificate(store::Connection& db, std::string_view serial) {
  auto stored = store::certificates::find(db, upper(std::string(serial)));
  if (!stored) return std::nullopt;
  auto v = store::volunteers::get(db, stored->volunteer);
  auto st = store::stations::get(db, stored->station);
  if (!v || !st) throw DataError(kGone, stored->serial);
  Verification out;
  out.stored = *stored;
  out.now = compute_certificate(db, *v, *st, stored->period, stored->serial, stored->issued_on);
  out.matches = out.now.digest == stored->digest;
  return out;
}

std::optional<std::string> just_issued(store::Connection& db, const Volunteer& v, const Station& st,
                                       DateRange period, Instant now) {
  constexpr std::int64_t kWindowMinutes = 2;
  for (const auto& c : store::certificates::of_volunteer(db, v.id)) {
    if (c.station != st.id || c.period != period) continue;
    if (c.issued_at > now || minutes_between(c.issued_at, now) >= kWindowMinutes) continue;
    if (auto checked = verify_certificate(db, c.serial); checked && checked->matches)
      return c.serial;
  }
  return std::nullopt;
}

bool check_code_matches(const store::certificates::Issued& c, std::string_view typed) {
  std::string given;
  for (char ch : text::typed_code(typed))
    if (ch != '-' && ch != ' ') given += char(std::tolower(static_cast<unsigned char>(ch)));
  return given.size() == 16 && c.digest.size() >= 16 && given == c.digest.substr(0, 16);
}

std::optional<std::string> typed_serial(std::string_view typed) {
  std::string s = upper(text::typed_code(typed));
  if (s.size() < 13 || s.size() > 80) return std::nullopt;
  // ...-YYYY-NNNNNN
  const std::size_t tail = s.size() - 12;
  if (s[tail] != '-' || s[tail + 5] != '-') return std::nullopt;
  for (std::size_t i = tail + 1; i < s.size(); ++i)
    if (i != tail + 5 && !std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
  for (std::size_t i = 0; i < tail; ++i)
    if (!(std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_' || s[i] == '-'))
      return std::nullopt;
  return s;
}

}  // namespace vstation::report
