// The kiosk's conversation as a value: saved after an input and restored before the next one by
// a kiosk whose memory is the database (the web kiosk). The screen of a pending question is
// rebuilt from the records, the same screen the question showed.

#include <charconv>

#include "kiosk_text.hpp"
#include "vstation/kiosk/kiosk.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::kiosk {
namespace {

using Step = Conversation::Step;

constexpr std::pair<Step, std::string_view> kSteps[] = {
    {Step::idle, "idle"},
    {Step::pin, "pin"},
    {Step::confirm_forgotten, "confirm_forgotten"},
    {Step::ask_left, "ask_left"},
    {Step::offer_check_in, "offer_check_in"},
    {Step::confirm_short, "confirm_short"},
    {Step::exit_pin, "exit_pin"},
};

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t at = 0;
  while (true) {
    auto next = s.find(sep, at);
    out.push_back(s.substr(at, next == std::string_view::npos ? s.npos : next - at));
    if (next == std::string_view::npos) return out;
    at = next + 1;
  }
}

std::optional<std::int64_t> number(std::string_view s) {
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (s.empty() || ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return n;
}

// An empty field is absent; otherwise a positive id (false if it is none).
template <class Id>
bool optional_id(std::string_view s, std::optional<Id>& out) {
  if (s.empty()) return true;
  auto n = number(s);
  if (!n || *n <= 0) return false;
  out = Id{*n};
  return true;
}

template <class Id>
std::string id_text(const std::optional<Id>& id) {
  return id ? std::to_string(id->value) : std::string();
}

}  // namespace

std::string Conversation::encode() const {
  std::string out;
  for (const auto& [s, name] : kSteps)
    if (s == step) out = name;
  out += ';';
  for (std::size_t i = 0; i < pin_candidates.size(); ++i)
    out += (i ? "," : "") + std::to_string(pin_candidates[i].value);
  out += ';' + id_text(volunteer) + ';' + id_text(question) + ';' + std::to_string(latest.seconds) +
         ';' + (late_deadline ? std::to_string(late_deadline->seconds) : std::string()) + ';' +
         std::to_string(short_seconds);
  if (pin_checked) out += ";1";
  return out;
}

std::optional<Conversation> Conversation::decode(std::string_view s) {
  auto f = split(s, ';');
  if (f.size() != 7 && !(f.size() == 8 && f[7] == "1")) return std::nullopt;
  Conversation c;
  c.pin_checked = f.size() == 8;
  bool known = false;
  for (const auto& [step, name] : kSteps)
    if (name == f[0]) {
      c.step = step;
      known = true;
    }
  if (!known) return std::nullopt;
  if (!f[1].empty())
    for (auto id : split(f[1], ',')) {
      std::optional<VolunteerId> v;
      if (id.empty() || !optional_id(id, v)) return std::nullopt;
      c.pin_candidates.push_back(*v);
    }
  if (!optional_id(f[2], c.volunteer) || !optional_id(f[3], c.question)) return std::nullopt;
  auto latest = number(f[4]);
  auto shorter = number(f[6]);
  if (!latest || !shorter || *shorter < 0) return std::nullopt;
  c.latest = Instant{*latest};
  c.short_seconds = *shorter;
  if (!f[5].empty()) {
    auto deadline = number(f[5]);
    if (!deadline) return std::nullopt;
    c.late_deadline = Instant{*deadline};
  }
  return c;
}

std::optional<VolunteerId> Kiosk::identified() const {
  if (state_ != State::idle || !current_record_) return std::nullopt;
  return current_record_->id;
}

Conversation Kiosk::save() const {
  Conversation c;
  c.step = state_;
  c.pin_candidates = pin_candidates_;
  if (current_record_) c.volunteer = current_record_->id;
  if (question_) {
    c.question = question_->session.id;
    c.latest = question_->latest;
    c.late_deadline = question_->late_deadline;
  }
  if (state_ == State::confirm_short) c.short_seconds = short_seconds_;
  c.pin_checked = pin_checked_ && current_record_.has_value();
  return c;
}

bool Kiosk::restore(const Conversation& c) {
  welcome();
  std::optional<Volunteer> record;
  if (c.volunteer && !(record = store::volunteers::get(db_, *c.volunteer))) return false;
  const bool asks = c.step == State::confirm_forgotten || c.step == State::ask_left;
  const bool answers = asks || c.step == State::offer_check_in || c.step == State::confirm_short;
  if (answers && !record) return false;
  if (c.step == State::pin && c.pin_candidates.empty()) return false;
  std::optional<Question> question;
  if (asks) {
    if (!c.question) return false;
    auto session = store::sessions::get(db_, *c.question);
    if (!session || session->volunteer != record->id) return false;
    std::optional<Shift> shift;
    if (session->shift) shift = store::shifts::get(db_, *session->shift);
    question = Question{std::move(*session), std::move(shift), c.latest, c.late_deadline};
  }
  current_record_ = std::move(record);
  pin_candidates_ = c.pin_candidates;
  short_seconds_ = c.short_seconds;
  pin_checked_ = c.pin_checked && current_record_.has_value();
  state_ = c.step;
  question_ = question;
  if (asks) {
    asked_ = question_screen(*question_);
    if (state_ == State::ask_left) asked_.prompt = Text(kAskLeft);
  } else if (state_ == State::confirm_short) {
    asked_ = short_screen(current_record_->id);
  } else if (state_ == State::offer_check_in) {
    asked_ = offer_screen(current_record_->id);
  }
  asked_.expect = expect_of(state_);
  return true;
}

}  // namespace vstation::kiosk
