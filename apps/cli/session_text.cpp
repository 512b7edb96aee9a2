#include "cli/session_text.hpp"

#include <fmt/format.h>

#include <array>

#include "vstation/text/width.hpp"

namespace vstation::cli {
namespace {
constexpr std::array<Msg, 7> kWeekdays{{{"Mon", "周一"},
                                        {"Tue", "周二"},
                                        {"Wed", "周三"},
                                        {"Thu", "周四"},
                                        {"Fri", "周五"},
                                        {"Sat", "周六"},
                                        {"Sun", "周日"}}};
constexpr Msg kShift{"{} {} {}–{} {}", "{} {} {}–{} {}"};
constexpr Msg kDuration{"{} h {} min", "{} 小时 {} 分"};
constexpr Msg kWalkIn{"walk-in", "临时"};
}  // namespace

Text weekday_text(Weekday d) {
  return Text(kWeekdays[std::size_t(d)]);
}

Text shift_label(const Shift& s, store::Lookup& lookup) {
  const Station& st = lookup.station_record(s.station);
  const Project& p = lookup.project_record(s.project);
  Date day = local_date(s.time.begin, st.offset);
  return Text::of(kShift, weekday_text(day.weekday()), day.iso().substr(5),
                  local_time(s.time.begin, st.offset).hhmm(),
                  local_time(s.time.end, st.offset).hhmm(), p.name);
}

Text duration_text(std::int64_t minutes) {
  return Text::of(kDuration, minutes / 60, fmt::format("{:02}", minutes % 60));
}

std::vector<std::string> session_row(const Session& s, store::Lookup& lookup, Lang lang) {
  const Station& st = lookup.station_record(s.station);
  const Volunteer& v = lookup.volunteer_record(s.volunteer);
  std::string out = s.effective_out ? local_time(*s.effective_out, st.offset).hhmm() : "—";
  return {std::to_string(s.id.value),
          v.number,
          text::mask_name(v.name),
          st.code,
          format_local(s.effective_in, st.offset) + "–" + out,
          s.shift ? std::to_string(s.shift->value) : Text(kWalkIn).render(lang),
          label_of(s.status).render(lang),
          std::to_string(s.credited_minutes)};
}

}  // namespace vstation::cli
