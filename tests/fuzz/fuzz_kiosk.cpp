// libFuzzer target: kiosk input lines. The input is split into lines; each goes through
// kiosk::clean_input (what the terminal layer does with raw keystrokes) and Kiosk::handle, on
// a station with volunteers, a rostered shift, PINs and a coordinator PIN. The database is a
// temporary file; the sessions and lockouts an input makes are removed before the next one.

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "vstation/kiosk/kiosk.hpp"
#include "vstation/kiosk/secrets.hpp"
#include "vstation/store/identity.hpp"
#include "vstation/store/repos.hpp"

using namespace vstation;

namespace {

struct World {
  std::unique_ptr<store::Connection> db;
  StationId station;
  Instant now;
  World() {
    namespace fs = std::filesystem;
    auto dir = fs::temp_directory_path() / ("vstation-fuzz-kiosk-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    db = store::open_database((dir / "kiosk.db").string());
    Station st;
    st.code = "icity";
    st.name = "I城";
    station = st.id = store::stations::insert(*db, st);
    Project p;
    p.code = "P1";
    p.station = station;
    p.name = "traffic";
    p.category = Category::traffic_persuasion;
    p.published = p.starts = parse_date("2023-05-01");
    p.id = store::projects::insert(*db, p);
    Shift sh;
    sh.station = station;
    sh.project = p.id;
    sh.time = {parse_instant("2023-05-01T09:00", UtcOffset{480}),
               parse_instant("2023-05-01T12:00", UtcOffset{480})};
    sh.slots = 3;
    sh.id = store::shifts::insert(*db, sh);
    for (int i = 1; i <= 3; ++i) {
      Volunteer v;
      v.number = "V" + std::to_string(i);
      v.name = "张三" + std::to_string(i);
      v.phone = "1381234000" + std::to_string(i);
      v.join_date = parse_date("2023-03-04");
      v.home_station = station;
      v.id = store::volunteers::insert(*db, v);
      Assignment a;
      a.shift = sh.id;
      a.volunteer = v.id;
      store::assignments::insert(*db, a);
      if (i == 2) store::identity::set_pin_hash(*db, v.id, kiosk::hash_pin("2468"));
    }
    store::identity::set_setting(*db, "coordinator_pin", kiosk::hash_pin("9999"));
    now = parse_instant("2023-05-01T08:55", UtcOffset{480});
  }
};

World& world() {
  static World w;
  return w;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto& w = world();
  Instant now = w.now;
  {
    kiosk::Kiosk k(*w.db, w.station, [&] { return now; });
    std::string_view in(reinterpret_cast<const char*>(data), size);
    for (std::size_t pos = 0; pos <= in.size() && !k.finished();) {
      auto nl = in.find('\n', pos);
      auto raw = in.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
      if (auto line = kiosk::clean_input(raw)) (void)k.handle(*line);
      now = now.plus_minutes(7);  // time moves on between keystrokes: toggles, auto-close
      if (nl == std::string_view::npos) break;
      pos = nl + 1;
    }
  }
  // Back to the starting state for the next input.
  w.db->execute("DELETE FROM sessions");
  w.db->execute("DELETE FROM kiosk_lockouts");
  return 0;
}
