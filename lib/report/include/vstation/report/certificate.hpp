#pragma once
// The volunteer service certificate (志愿服务证明): what the 2020 national rules on volunteer
// service records ask a certificate to state, computed from the records by the same counting
// rules as the reports, sealed with the SHA-256 of its canonical contents.

#include <optional>
#include <string>
#include <vector>

#include "vstation/domain/entities.hpp"
#include "vstation/store/certificates.hpp"
#include "vstation/store/stats.hpp"

namespace vstation::report {

struct CertificateProject {
  std::string code;  // empty: walk-ins without a project
  std::string name;
  std::optional<Category> category;
  store::stats::ServiceTotals service;
};

struct CertificateCategory {
  std::optional<Category> category;
  store::stats::ServiceTotals service;
};

struct Certificate {
  std::string serial;  // empty: a preview, not issued
  std::string volunteer_number;
  std::string name;
  IdDocType id_type = IdDocType::none;
  std::string id_number_masked;
  std::string station_code;
  std::string station_name;
  std::string person_in_charge;
  std::string contact;
  DateRange period;
  Date issued_on;
  store::stats::ServiceTotals service;  // over the period, at the issuing station
  std::vector<CertificateProject> projects;
  std::vector<CertificateCategory> categories;
  std::string digest;  // SHA-256 of canonical_text(), lower-case hex
  [[nodiscard]] bool issued() const { return !serial.empty(); }
};

// The certificate's contents as of now, from the records.
Certificate compute_certificate(store::Connection& db, const Volunteer& v, const Station& st, DateRange period,
                                std::string serial, Date issued_on);
// One "key=value" line per fact, in a fixed order: what the digest covers.
std::string canonical_text(const Certificate& c);
std::string sha256_hex(std::string_view bytes);
// The short verification code printed on the certificate: the digest's first 16 hex digits.
std::string verification_code(const Certificate& c);

// What a certificate would state, without a serial number and without storing anything.
Certificate preview_certificate(store::Connection& db, const Volunteer& v, const Station& st,
                                DateRange period, Date today);
// Only the service totals a certificate for the period would state (its `service`; zero when
// there is none), without its projects, categories and digest: the volunteer's page shows them.
// Refuses an erased volunteer, as preview_certificate does.
store::stats::ServiceTotals certificate_service(store::Connection& db, const Volunteer& v,
                                                const Station& st, DateRange period);
// The period a certificate covers unless told: the volunteer's first to last day with credited
// service at the station; none if there is no such day.
std::optional<DateRange> service_span(store::Connection& db, const Volunteer& v, const Station& st);
// What a QR code on the printed certificate carries, for a checker to read: serial and code.
// With the station's public web address (`site`, "https://host", see store::web::public_url)
// it is the public check's address, verification_url(); without, "VSTATION-CERT:SERIAL:CODE".
std::string verification_payload(const Certificate& c, std::string_view site = {});
// The public check of the certificate on the station's web face: SITE/verify?serial=…&code=….
std::string verification_url(const Certificate& c, std::string_view site);

// Numbers, computes, seals and stores a new certificate, with an audit row naming `actor` ("coordinator"
// at the CLI, "web secretary sue"): inside the caller's transaction if one is open (so nothing is
// stored unless the caller commits), else in one of its own.
Certificate issue_certificate(store::Connection& db, const Volunteer& v, const Station& st, DateRange period,
                              Date issued_on, Instant issued_at, std::string_view actor);

// A certificate of the same volunteer, station and period issued less than two minutes before
// `now` whose figures still hold: what a second press of "Issue" (a double click, a form sent
// again) gets instead of a second serial for the same service.
std::optional<std::string> just_issued(store::Connection& db, const Volunteer& v, const Station& st,
                                       DateRange period, Instant now);

struct Verification {
  store::certificates::Issued stored;
  Certificate now;      // recomputed from the current records
  bool matches = false; // the recomputed digest equals the stored one
};
std::optional<Verification> verify_certificate(store::Connection& db, std::string_view serial);
// Whether a check code as a person typed or a program read it is the issued certificate's:
// full-width forms, spaces and dashes folded away, either case (the code is hex). What
// `certificate verify --code` and the web's public check both ask.
bool check_code_matches(const store::certificates::Issued& c, std::string_view typed);
// A serial as typed (full-width forms, spaces around, lower case) in the form issue_certificate
// gives it (STATION-YEAR-NNNNNN: the station code's letters, digits, '_' and '-', a four-digit
// year and six digits); nullopt when it cannot be one.
std::optional<std::string> typed_serial(std::string_view typed);

// Who reads a preview (an unnumbered certificate): the coordinator at the station PC is told the
// command that issues it; a volunteer on the web, to ask the coordinator.
enum class PreviewReader { coordinator, volunteer };
// `site`: the station's public web address, or empty (see verification_payload).
std::string render_certificate_text(const Certificate& c, Lang lang, std::string_view site = {},
                                    PreviewReader reader = PreviewReader::coordinator);
std::string render_certificate_html(const Certificate& c, Lang lang, std::string_view site = {},
                                    PreviewReader reader = PreviewReader::coordinator);

}  // namespace vstation::report
