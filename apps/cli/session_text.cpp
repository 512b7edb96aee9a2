#include "cli/session_text.hpp"

#include <fmt/format.h>

#include <array>

#include "vstation/text/width.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kShift{"{} {} {}–{} {}", "{} {} {}–{} {}"};
constexpr Msg kWalkIn{"walk-in", "临时"};
constexpr Msg kChange{"session {} ({} {}): {} → {}", "签到记录 {}（{} {}）：{} → {}"};
}  // namespace

Text shift_label(const store::shifts::RosteredShift& s, store::Lookup& lookup) {
  const Station& st = lookup.station_record(s.station);
  const Project& p = lookup.project_record(s.project);
  Date day = local_date(s.time.begin, st.zone);
  return Text::of(kShift, Text(weekday_label(day.weekday())), day.iso().substr(5),
                  local_time(s.time.begin, st.zone).hhmm(), local_time(s.time.end, st.zone).hhmm(),
                  p.name);
}

Text shift_label(const Shift& s, store::Lookup& lookup) {
  return shift_label(store::shifts::RosteredShift{s.id, s.station, s.project, s.time}, lookup);
}

std::vector<std::string> session_row(const Session& s, store::Lookup& lookup, Lang lang) {
  const Station& st = lookup.station_record(s.station);
  const Volunteer& v = lookup.volunteer_record(s.volunteer);
  // The check-out's date only when it is another day than the check-in's.
  std::string out = "—";
  if (s.effective_out)
    out = local_date(*s.effective_out, st.zone) == local_date(s.effective_in, st.zone)
              ? local_time(*s.effective_out, st.zone).hhmm()
              : format_local(*s.effective_out, st.zone);
  return {std::to_string(s.id.value),
          v.number,
          text::mask_name(v.name),
          st.code,
          format_local(s.effective_in, st.zone) + "–" + out,
          s.shift ? std::to_string(s.shift->value) : Text(kWalkIn).render(lang),
          label_of(s.status).render(lang),
          std::to_string(s.credited_minutes)};
}

std::string session_change(const Session& before, const Session& after, store::Lookup& lookup,
                           Lang lang) {
  const TimeZone& zone = lookup.station_record(before.station).zone;
  const Volunteer& v = lookup.volunteer_record(before.volunteer);
  return Text::of(kChange, before.id.value, v.number, text::mask_name(v.name),
                  describe(before, zone), describe(after, zone))
      .render(lang);
}

}  // namespace vstation::cli
