// vstation_generate: the seeded, deterministic generator of the demo station's CSV files
// (data/demo/) and, with --scale, of a district of many stations for benchmarks.
//
//   vstation_generate [--out DIR] [--seed N] [--scale N] [--from DATE] [--to DATE] [--summary]
//
// The same seed and options give byte-identical files. Rows are written as they are made, one
// station at a time, so memory stays flat however many sessions are asked for.

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <string>

#include "model.hpp"
#include "summary.hpp"

namespace {

constexpr const char* kUsage =
    "usage: vstation_generate [--out DIR] [--seed N] [--scale N] [--from DATE] [--to DATE] "
    "[--summary]\n"
    "\n"
    "Writes the demo station's CSV files (stations, skills, volunteers, certifications, projects,\n"
    "templates, shifts, availability, roster, sessions, incidents, trainings) into DIR.\n"
    "\n"
    "  --out DIR     output directory (default data/demo; required with --scale)\n"
    "  --seed N      random seed (default 20230304); the same seed gives the same bytes\n"
    "  --scale N     a district of N stations s001… instead of the demo station icity\n"
    "  --from DATE   first day (default 2023-03-04, the station's opening)\n"
    "  --to DATE     last day (default 2023-06-30)\n"
    "  --summary     re-read the written files and print the totals by the counting rules\n";

[[noreturn]] void usage_error(const std::string& what) {
  std::fprintf(stderr, "vstation_generate: %s\n\n%s", what.c_str(), kUsage);
  std::exit(2);
}

unsigned long long number(const char* opt, const char* s, unsigned long long max) {
  char* end = nullptr;
  errno = 0;
  const unsigned long long v = std::strtoull(s, &end, 10);
  if (errno != 0 || end == s || *end != '\0' || s[0] == '-' || v > max)
    usage_error(std::string(opt) + ": not a number in range: " + s);
  return v;
}

std::string random_name(gen::Rng& rng) {
  const auto given = rng.chance(0.5) ? gen::male_given() : gen::female_given();
  return std::string(gen::surnames()[rng.below(static_cast<std::uint32_t>(gen::surnames().size))]) +
         given[rng.below(static_cast<std::uint32_t>(given.size))];
}

}  // namespace

int main(int argc, char** argv) {
  std::string out_dir = "data/demo";
  bool out_given = false, summary = false;
  unsigned long long seed = 20230304, scale = 0;
  int from = gen::days_from_civil(2023, 3, 4), to = gen::days_from_civil(2023, 6, 30);
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> const char* {
      if (i + 1 >= argc) usage_error(a + " needs a value");
      return argv[++i];
    };
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (a == "--out") {
      out_dir = value();
      out_given = true;
    } else if (a == "--seed") {
      seed = number("--seed", value(), ~0ULL);
    } else if (a == "--scale") {
      scale = number("--scale", value(), 99999);
      if (scale == 0) usage_error("--scale: at least 1 station");
    } else if (a == "--from" || a == "--to") {
      const char* v = value();
      if (!gen::parse_date(v, a == "--from" ? from : to) ||
          gen::format_date(a == "--from" ? from : to) != v)
        usage_error(a + ": not a date (YYYY-MM-DD): " + v);
    } else if (a == "--summary") {
      summary = true;
    } else {
      usage_error("unknown option " + a);
    }
  }
  if (to < from) usage_error("--to is before --from");
  if (scale > 0 && !out_given)
    usage_error("--scale needs --out (data/demo holds the demo station)");

  try {
    const auto t0 = std::chrono::steady_clock::now();
    std::filesystem::create_directories(out_dir);
    gen::StationTotals all;
    {
      gen::Outputs out(out_dir);
      out.skills.str("first_aid").str("First aid").str("应急救助").end();
      out.skills.str("legal").str("Legal consultation").str("法律咨询").end();
      out.skills.str("counseling").str("Psychological counseling").str("心理疏导").end();
      out.skills.str("traffic").str("Traffic persuasion").str("交通劝导").end();

      auto add = [&](const gen::StationTotals& t) {
        all.shifts += t.shifts, all.roster += t.roster, all.sessions += t.sessions;
        all.incidents += t.incidents, all.trainings += t.trainings, all.projects += t.projects;
        all.person_times += t.person_times, all.credited_minutes += t.credited_minutes;
        all.people_served += t.people_served, all.rescues += t.rescues;
      };
      if (scale == 0) {
        gen::StationSpec s;
        s.code = "icity";
        s.name = "I城志愿服务站";
        s.location = "深圳市龙岗区平湖街道华南城西广场（地铁华南城站出口旁，原核酸检测亭）";
        s.person_in_charge = "林晓峰";
        s.contact = "0755-89931204";
        s.seed = gen::splitmix64(seed);
        add(gen::generate_station(s, from, to, out));
      } else {
        gen::Rng names(gen::splitmix64(seed ^ 0x5ca1eULL));
        const int station_width = scale > 999 ? static_cast<int>(std::to_string(scale).size()) : 3;
        const int number_width = std::max(4, static_cast<int>(std::to_string(scale * 108).size()));
        long long next_volunteer = 1;
        const auto streets = gen::streets();
        for (unsigned long long k = 1; k <= scale; ++k) {
          gen::StationSpec s;
          char code[16];
          std::snprintf(code, sizeof code, "s%0*llu", station_width, k);
          s.code = code;
          s.code_prefix = s.code + "-";
          const char* street = streets[(k - 1) % streets.size];
          s.name = std::string(street) + "志愿服务站" + std::to_string(k) + "号";
          s.location = std::string("深圳市龙岗区") + street + "街道";
          s.person_in_charge = random_name(names);
          char phone[24];
          std::snprintf(phone, sizeof phone, "0755-%08u", 20000000u + names.below(80000000u));
          s.contact = phone;
          s.volunteer_count = names.range(92, 108);
          s.first_volunteer = next_volunteer;
          s.number_width = number_width;
          s.seed = gen::splitmix64(seed ^ (k * 0x9e3779b97f4a7c15ULL));
          next_volunteer += s.volunteer_count;
          add(gen::generate_station(s, from, to, out));
          if (k % 100 == 0) std::fprintf(stderr, "  %llu/%llu stations\n", k, scale);
        }
      }
    }
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(
        stderr,
        "wrote %s in %.2f s: %lld projects, %lld shifts, %lld roster rows, %lld sessions, "
        "%lld incidents, %lld trainings\n"
        "generator's own count: %lld person-times, %.1f credited hours, %lld rescue assists, "
        "%lld people served\n",
        out_dir.c_str(), secs, all.projects, all.shifts, all.roster, all.sessions, all.incidents,
        all.trainings, all.person_times, static_cast<double>(all.credited_minutes) / 60.0,
        all.rescues, all.people_served);
    if (summary) return gen::print_summary(out_dir, from, to) == 0 ? 0 : 1;
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "vstation_generate: %s\n", e.what());
    return 1;
  }
}
