// Volunteers of one station: names, contact data, skills, weekly availability and dated
// exceptions.

#include <algorithm>
#include <cstdio>
#include <set>

#include "model.hpp"

namespace gen {

const char* code_of(Skill s) {
  switch (s) {
    case Skill::none:
      return "";
    case Skill::first_aid:
      return "first_aid";
    case Skill::legal:
      return "legal";
    case Skill::counseling:
      return "counseling";
    case Skill::traffic:
      return "traffic";
  }
  return "";
}

namespace {

// Contiguous shift masks: 08–12, 12–16, 16–20, 08–16, 12–20, 08–20.
constexpr std::uint8_t kContiguous[] = {1, 2, 4, 3, 6, 7};

int add_years(int day, int years) {
  int y = 0, m = 0, d = 0;
  civil_from_days(day, y, m, d);
  if (m == 2 && d == 29) d = 28;
  return days_from_civil(y + years, m, d);
}

// A bijection on [0, 10^8) (a four-round Feistel network on two 4-digit halves), so phone
// numbers are unique within a district without looking like a counter.
std::uint64_t scramble8(std::uint64_t x, std::uint64_t key) {
  std::uint64_t l = x / 10000, r = x % 10000;
  for (int round = 0; round < 4; ++round) {
    const std::uint64_t f = splitmix64(r ^ (key + static_cast<std::uint64_t>(round))) % 10000;
    const std::uint64_t nl = r;
    r = (l + f) % 10000;
    l = nl;
  }
  return l * 10000 + r;
}

std::string resident_id(Rng& rng, int birth, bool male) {
  int y = 0, m = 0, d = 0;
  civil_from_days(birth, y, m, d);
  char b[24];
  const int seq = rng.range(0, 99) * 10 + rng.range(0, 4) * 2 + (male ? 1 : 0);
  std::snprintf(b, sizeof b, "%s%04d%02d%02d%03d",
                area_codes()[rng.below(static_cast<std::uint32_t>(area_codes().size))], y, m, d,
                seq);
  // ISO 7064 MOD 11-2 check character, as on real resident identity cards.
  static constexpr int kWeight[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (b[i] - '0') * kWeight[i];
  std::string id(b, 17);
  id.push_back("10X98765432"[sum % 11]);
  return id;
}

void write_windows(Outputs& out, const std::string& number, const char* day, std::uint8_t mask,
                   bool available) {
  if (mask == 7) {  // the whole day: start and end left empty
    out.availability.str(number).str(day).empty().empty().str(available ? "yes" : "no").end();
    return;
  }
  for (int s = 0; s < 3;) {
    if ((mask & (1 << s)) == 0) {
      ++s;
      continue;
    }
    int e = s;
    while (e < 3 && (mask & (1 << e)) != 0) ++e;
    out.availability.str(number)
        .str(day)
        .time(kSlotStart[s])
        .time(kSlotStart[e - 1] + kShiftMinutes)
        .str(available ? "yes" : "no")
        .end();
    s = e;
  }
}

}  // namespace

std::vector<Exception> make_volunteers(const StationSpec& spec, int from, int to, Rng& rng,
                                       std::vector<Volunteer>& vols, Outputs& out) {
  const int n = spec.volunteer_count;
  const int span = to - from + 1;
  // Profiles: a few minors, students, retirees and professionals; mostly working residents.
  std::vector<Profile> profiles(static_cast<std::size_t>(n), Profile::worker);
  std::size_t k = 0;
  auto put = [&](Profile p, int count) {
    for (int i = 0; i < count && k < profiles.size(); ++i) profiles[k++] = p;
  };
  put(Profile::minor, n / 50);
  put(Profile::student, n * 12 / 100);
  put(Profile::retiree, n / 50);
  put(Profile::lawyer, n / 20);
  put(Profile::counselor, n / 20);
  put(Profile::idle, n / 50);
  for (std::size_t i = profiles.size(); i > 1; --i)
    std::swap(profiles[i - 1], profiles[rng.below(static_cast<std::uint32_t>(i))]);

  int fy = 0, fm = 0, fd = 0;
  civil_from_days(from, fy, fm, fd);
  std::set<std::string> names;
  vols.assign(static_cast<std::size_t>(n), Volunteer{});
  const int hk_index = n >= 50 ? static_cast<int>(rng.below(static_cast<std::uint32_t>(n))) : -1;
  const std::uint64_t phone_key = splitmix64(spec.seed);

  for (int i = 0; i < n; ++i) {
    Volunteer& v = vols[static_cast<std::size_t>(i)];
    v.profile = profiles[static_cast<std::size_t>(i)];
    const long long global = spec.first_volunteer + i;
    char num[32];
    std::snprintf(num, sizeof num, "V%0*lld", spec.number_width, global);
    v.number = num;

    const bool male = rng.chance(0.5);
    std::string name;
    for (int tries = 0; tries < 20; ++tries) {
      name = surnames()[rng.below(static_cast<std::uint32_t>(surnames().size))];
      const auto given = male ? male_given() : female_given();
      name += given[rng.below(static_cast<std::uint32_t>(given.size))];
      if (names.insert(name).second) break;
    }

    int age = 0;
    switch (v.profile) {
      case Profile::minor:
        age = rng.range(12, 13);
        break;
      case Profile::student:
        age = rng.range(16, 20);
        break;
      case Profile::retiree:
        age = rng.range(61, 68);
        break;
      case Profile::lawyer:
        age = rng.range(28, 52);
        break;
      case Profile::counselor:
        age = rng.range(30, 55);
        break;
      default:
        age = rng.range(21, 55);
        break;
    }
    const int birth = add_years(from, -age - 1) + rng.range(1, 364);

    const bool professional = v.profile == Profile::lawyer || v.profile == Profile::counselor;
    const double r = rng.unit();
    v.join = professional || r < 0.45 ? from
             : r < 0.75               ? from + rng.range(1, std::min(27, span - 1))
                                      : from + rng.range(std::min(28, span - 1),
                                           span <= 200 ? std::min(span - 1, 115) : span - 1);
    if (v.join > to) v.join = to;

    // Weekly availability, in whole shifts.
    auto any_weekday = [&] { return rng.range(1, 5); };
    switch (v.profile) {
      case Profile::minor:
        v.weekly[7] |= 2;
        break;
      case Profile::student:
        v.weekly[6] |= rng.pick(kContiguous);
        v.weekly[7] |= rng.pick(kContiguous);
        if (rng.chance(0.5)) v.weekly[any_weekday()] |= 4;
        break;
      case Profile::retiree:
        for (int d = 1; d <= 5; ++d)
          if (rng.chance(0.75)) v.weekly[d] |= rng.chance(0.6) ? 3 : 1;
        break;
      case Profile::lawyer:
        v.weekly[6] |= 2;
        if (rng.chance(0.5)) v.weekly[any_weekday()] |= 2;
        if (rng.chance(0.4)) v.weekly[any_weekday()] |= 4;
        break;
      case Profile::counselor:
        v.weekly[3] |= 2;
        if (rng.chance(0.5)) v.weekly[any_weekday()] |= 2;
        if (rng.chance(0.5)) v.weekly[7] |= rng.chance(0.5) ? 2 : 4;
        break;
      case Profile::worker: {
        const double w = rng.unit();
        if (w < 0.4) {
          for (int c = rng.range(1, 3); c > 0; --c) v.weekly[any_weekday()] |= 4;
          if (rng.chance(0.5)) v.weekly[rng.range(6, 7)] |= rng.pick(kContiguous);
        } else if (w < 0.75) {
          v.weekly[6] |= rng.pick(kContiguous);
          if (rng.chance(0.6)) v.weekly[7] |= rng.pick(kContiguous);
        } else {
          for (int c = rng.range(2, 4); c > 0; --c)
            v.weekly[any_weekday()] |= rng.pick(kContiguous);
        }
        break;
      }
      case Profile::idle:
        break;
    }

    switch (v.profile) {
      case Profile::minor:
        v.max_shifts = 1, v.max_hours = 4;
        break;
      case Profile::student:
        v.max_shifts = 2, v.max_hours = 8;
        break;
      case Profile::retiree:
        v.max_shifts = 4, v.max_hours = 16;
        break;
      case Profile::lawyer:
      case Profile::counselor:
        v.max_shifts = rng.range(1, 2), v.max_hours = 8;
        break;
      default:
        v.max_shifts = rng.range(1, 3);
        v.max_hours = v.max_shifts * 4 + (rng.chance(0.3) ? 4 : 0);
        break;
    }
    const double e = rng.unit();
    v.weight = professional ? 1.0 : e < 0.2 ? 3.0 : e < 0.7 ? 1.0 : 0.4;

    // Identity document: most give a resident ID, one a Hong Kong/Macao permit, some none.
    std::string id_type, id_number;
    if (i == hk_index) {
      id_type = "hk_macao_permit";
      char b[16];
      std::snprintf(b, sizeof b, "H%08u", static_cast<unsigned>(rng.below(100000000)));
      id_number = b;
    } else if (rng.chance(0.55)) {
      id_type = "resident_id";
      id_number = resident_id(rng, birth, male);
    }
    const char* prefix =
        phone_prefixes()[rng.below(static_cast<std::uint32_t>(phone_prefixes().size))];
    char phone[16];
    std::snprintf(phone, sizeof phone, "%s%08llu", prefix,
                  static_cast<unsigned long long>(
                      scramble8(static_cast<std::uint64_t>(global) % 100000000ULL, phone_key)));

    out.volunteers.str(v.number)
        .str(name)
        .str(phone)
        .str(id_type)
        .str(id_number)
        .date(birth)
        .date(v.join)
        .str("active")
        .str(age < 18 ? "yes" : "")
        .num(v.max_shifts)
        .num(v.max_hours)
        .str(spec.code)
        .end();

    // Certifications held before joining.
    const double fa = v.profile == Profile::retiree     ? 0.5
                      : v.profile == Profile::counselor ? 0.4
                      : v.profile == Profile::worker    ? 0.28
                      : v.profile == Profile::student   ? 0.15
                                                        : 0;
    if (rng.chance(fa)) {
      // About a third of the certificates run out during the first four months.
      const int back = rng.range(30, 730);
      v.first_aid_granted = back >= 480 ? from - 730 + (back - 480) / 2 : from - back;
      v.first_aid_expires = add_years(v.first_aid_granted, 2) - 1;
      out.certifications.str(v.number)
          .str("first_aid")
          .date(v.first_aid_granted)
          .date(v.first_aid_expires)
          .end();
    }
    if (v.profile == Profile::lawyer) {
      v.legal = true;
      out.certifications.str(v.number)
          .str("legal")
          .date(add_years(from, -rng.range(3, 20)) + rng.range(0, 300))
          .empty()
          .end();
    }
    if (v.profile == Profile::counselor) {
      v.counseling = true;
      out.certifications.str(v.number)
          .str("counseling")
          .date(add_years(from, -rng.range(2, 12)) + rng.range(0, 300))
          .empty()
          .end();
    }
    if ((v.profile == Profile::worker || v.profile == Profile::student) && rng.chance(0.1)) {
      const int g = from - rng.range(10, 300);
      out.certifications.str(v.number).str("traffic").date(g).date(add_years(g, 2) - 1).end();
    }

    for (int d = 1; d <= 7; ++d)
      if (v.weekly[d] != 0) write_windows(out, v.number, kWeekdayCode[d], v.weekly[d], true);
  }

  // Dated exceptions: a few days away (home town, holidays), a few extra days offered.
  std::vector<Exception> exc;
  for (int i = 0; i < n; ++i) {
    if (vols[static_cast<std::size_t>(i)].profile == Profile::idle) continue;
    const std::size_t mine = exc.size();
    auto taken = [&](int d) {
      for (std::size_t j = mine; j < exc.size(); ++j)
        if (exc[j].day == d) return true;
      return false;
    };
    for (int block = 0; block < std::max(1, span / 120); ++block) {
      if (rng.chance(0.15)) {
        const int start = from + rng.range(0, span - 1), len = rng.range(1, 3);
        const std::uint8_t mask = rng.chance(0.8) ? 7 : rng.pick(kContiguous);
        for (int d = start; d < start + len && d <= to; ++d)
          if (!taken(d)) exc.push_back({d, i, false, mask});
      }
      if (rng.chance(0.05)) {
        const int d = from + rng.range(0, span - 1);
        const std::uint8_t mask = rng.pick(kContiguous);
        if (!taken(d)) exc.push_back({d, i, true, mask});
      }
    }
  }
  std::stable_sort(exc.begin(), exc.end(), [](const Exception& a, const Exception& b) {
    return a.vol != b.vol ? a.vol < b.vol : a.day < b.day;
  });
  for (const auto& x : exc) {
    const auto& v = vols[static_cast<std::size_t>(x.vol)];
    const std::string day = format_date(x.day);
    write_windows(out, v.number, day.c_str(), x.mask, x.available);
  }
  std::stable_sort(exc.begin(), exc.end(),
                   [](const Exception& a, const Exception& b) { return a.day < b.day; });
  return exc;
}

}  // namespace gen
