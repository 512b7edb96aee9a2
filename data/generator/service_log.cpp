// The service log of one staffed shift: traffic persuasion counts, convenience services,
// emergency aid, legal consultations, counseling, learning exchanges, and the rescue assists
// spread evenly over the season.

#include <string>
#include <vector>

#include "season.hpp"

namespace gen::detail {

void Season::service_log(int day, int /*slot*/, const Plan& plan,
                         const std::vector<Presence>& present, std::vector<Incident>& log) {
  // Rescue assists are spread evenly: one falls at a random shift of every block of
  // kRescueBlock shifts (or at the next staffed shift after it).
  if (shift_no_ % kRescueBlock == 0) rescue_target_ = shift_no_ + rng_.below(kRescueBlock);
  if (shift_no_ == rescue_target_) rescue_pending_ = true;
  ++shift_no_;
  if (present.empty()) return;
  int m = 0, d = 0, y = 0;
  civil_from_days(day, y, m, d);
  // The volunteer who served (one with the skill when one is needed) and, for team work, up
  // to helpers − 1 others on duty at that moment.
  std::vector<const Presence*> able;
  auto add = [&](int project, const char* type, int people, std::string note, int helpers,
                 Skill need = Skill::none) {
    able.clear();
    for (const auto& p : present)
      if (vols_[static_cast<std::size_t>(p.vol)].has(need, day)) able.push_back(&p);
    if (able.empty()) return;
    const auto& first = *able[rng_.below(static_cast<std::uint32_t>(able.size()))];
    const int t = first.out - first.in > 1 ? rng_.range(first.in, first.out - 1) : first.in;
    std::string vs = vols_[static_cast<std::size_t>(first.vol)].number;
    for (const auto& p : present) {
      if (helpers <= 1) break;
      if (p.vol == first.vol || p.in > t || p.out <= t) continue;
      const auto& num = vols_[static_cast<std::size_t>(p.vol)].number;
      if (vs.find(num) != std::string::npos) continue;
      vs += ';';
      vs += num;
      --helpers;
    }
    log.push_back({t, project, type, people, std::move(vs), std::move(note)});
  };
  auto convenience = [&](int project, int kinds) {
    bool used[5] = {};
    for (; kinds > 0; --kinds) {
      int k = static_cast<int>(rng_.below(5));
      if (used[k]) continue;
      used[k] = true;
      switch (k) {
        case 0:
          add(project, "convenience_service", rng_.range(12, 52), "提供饮用水", 1);
          break;
        case 1:
          if (m >= 4 && m <= 9)
            add(project, "convenience_service", rng_.range(2, 14), "借出爱心雨伞", 1);
          break;
        case 2:
          add(project, "convenience_service", rng_.range(2, 9), "手机充电", 1);
          break;
        case 3:
          add(project, "convenience_service", rng_.range(8, 40), "问路指引", 1);
          break;
        default:
          add(project, "convenience_service", rng_.range(1, 6), "帮忙看管行李、寻找失物", 1);
          break;
      }
    }
  };
  const auto& proj = projects_[static_cast<std::size_t>(plan.project)];
  const int pi = plan.project;
  switch (proj.cat) {
    case Cat::traffic_persuasion: {
      const int helmets = rng_.range(20, 85), lights = rng_.range(6, 45);
      add(pi, "traffic_persuasion", helmets + lights,
          "劝导未戴头盔骑行者" + std::to_string(helmets) + "人、闯红灯行人" +
              std::to_string(lights) + "人",
          3);
      break;
    }
    case Cat::convenience_service:
      convenience(pi, rng_.range(2, 4));
      break;
    case Cat::emergency_aid: {
      const double q = rng_.unit();
      for (int c = q < 0.45 ? 0 : q < 0.8 ? 1 : 2; c > 0; --c)
        add(pi, "emergency_aid", 1,
            emergency_notes()[rng_.below(static_cast<std::uint32_t>(emergency_notes().size))], 2);
      break;
    }
    case Cat::legal_consultation:
      for (int c = rng_.range(1, 4); c > 0; --c)
        add(pi, "legal_consultation", rng_.chance(0.75) ? 1 : 2,
            legal_notes()[rng_.below(static_cast<std::uint32_t>(legal_notes().size))], 1,
            Skill::legal);
      break;
    case Cat::psychological_support:
      for (int c = rng_.range(0, 3); c > 0; --c)
        add(pi, "counseling", 1,
            counseling_notes()[rng_.below(static_cast<std::uint32_t>(counseling_notes().size))], 1,
            Skill::counseling);
      break;
    case Cat::learning_exchange:
      add(pi, "other", rng_.range(10, 40), "学习交流：" + proj.name, 3);
      break;
    default:
      add(pi, "other", rng_.range(40, 120), proj.name, 3);
      break;
  }
  if (proj.cat != Cat::convenience_service && rng_.chance(0.5)) convenience(kConvenience, 1);
  if (rescue_pending_) {
    rescue_pending_ = false;
    const auto notes = rescue_notes();
    std::size_t k = rng_.below(static_cast<std::uint32_t>(notes.size));
    if (k == 5 && (m < 4 || m > 9)) k = 0;  // rainstorms belong to the rainy season
    const int people = k == 4 ? rng_.range(8, 20) : k == 5 ? rng_.range(2, 6) : 1;
    add(kRescue, "rescue_assist", people, notes[k], rng_.range(1, 3));
    ++t_.rescues;
  }
}

}  // namespace gen::detail
