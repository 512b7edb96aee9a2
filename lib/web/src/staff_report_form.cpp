// The form of /staff/reports and /staff/district: which period (and station and breakdowns) a
// report is for. A GET form, so a report and its downloads are plain links.

#include "page.hpp"
#include "staff_report_query.hpp"
#include "vstation/domain/calendar.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::web::detail {
namespace {

constexpr Msg kStation{"Station", "站点"};
constexpr Msg kEveryStation{"Every station", "全部站点"};
constexpr Msg kPeriod{"Period", "统计期间"};
constexpr Msg kKindQuarter{"A quarter", "季度"};
constexpr Msg kKindMonth{"A month", "月份"};
constexpr Msg kKindRange{"Days from … to", "指定起止日期"};
constexpr Msg kKindSince{"Since the station opened", "自开站以来"};
constexpr Msg kQuarter{"Quarter", "季度"};
constexpr Msg kMonth{"Month (YYYY-MM)", "月份（YYYY-MM）"};
constexpr Msg kRange{"From … to (both days included)", "起止日期（含当天）"};
constexpr Msg kFrom{"From", "开始日期"};
constexpr Msg kTo{"To", "截止日期"};
constexpr Msg kBreakdowns{"Breakdowns", "分项统计"};
constexpr Msg kShow{"Show the figures", "查看统计"};

constexpr const char* kForm = R"(<form method="get" action="{{action}}" class="card report-form">
{{#stations}}<div class="field"><label for="station">{{station_label}}</label>
<select id="station" name="station"><option value="">{{every}}</option>{{#list}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}} ({{code}})</option>{{/list}}</select></div>
{{/stations}}<fieldset class="field"><legend>{{period_label}}</legend><div class="choices">
{{#kinds}}<label class="choice"><input type="radio" name="period" value="{{value}}"{{#checked}} checked{{/checked}}> {{label}}</label>
{{/kinds}}</div></fieldset>
<div class="field"><label for="quarter">{{quarter_label}}</label>
<select id="quarter" name="quarter">{{#quarters}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{code}}</option>{{/quarters}}</select>
<label for="month">{{month_label}}</label><input id="month" name="month" type="month" value="{{month}}"></div>
<fieldset class="field"><legend>{{range_label}}</legend>
<label for="from">{{from_label}}</label><input id="from" name="from" type="date" value="{{from}}">
<label for="to">{{to_label}}</label><input id="to" name="to" type="date" value="{{to}}">
</fieldset>
{{#full}}<fieldset class="field"><legend>{{by_label}}</legend><div class="choices">
{{#bys}}<label class="choice"><input type="checkbox" name="by" value="{{value}}"{{#checked}} checked{{/checked}}> {{label}}</label>
{{/bys}}</div></fieldset>
{{/full}}<div class="field submit"><button type="submit">{{show}}</button></div>
</form>
)";

}  // namespace

std::string report_form_html(const Ctx& c, const ReportQuery& q, std::string_view action,
                             bool full) {
  const Lang lang = c.lang;
  auto tr = [lang](Msg m) { return std::string(m.in(lang)); };
  Data d;
  d.set("action", std::string(action));
  if (full && !c.staff().station) {
    Data stations;
    Data list{Data::type::list};
    for (const auto& st : store::stations::all(c.db)) {
      Data o;
      o.set("id", std::to_string(st.id.value));
      o.set("name", st.name);
      o.set("code", st.code);
      o.set("selected", q.station && q.station->id == st.id);
      list.push_back(o);
    }
    stations.set("list", list);
    stations.set("station_label", tr(kStation));
    stations.set("every", tr(kEveryStation));
    d.set("stations", stations);
  }
  d.set("period_label", tr(kPeriod));
  Data kinds{Data::type::list};
  const std::pair<const char*, Msg> kKinds[] = {{"quarter", kKindQuarter},
                                                {"month", kKindMonth},
                                                {"range", kKindRange},
                                                {"since-opening", kKindSince}};
  for (const auto& [value, label] : kKinds) {
    Data k;
    k.set("value", value);
    k.set("label", tr(label));
    k.set("checked", q.kind == value);
    kinds.push_back(k);
  }
  d.set("kinds", kinds);
  d.set("quarter_label", tr(kQuarter));
  // This quarter and the eleven before it, and the one asked for.
  Data quarters{Data::type::list};
  Quarter at = Quarter::of(report_today(c, q.station));
  bool listed = false;
  for (int i = 0; i < 12; ++i, at = at.previous()) {
    Data o;
    o.set("code", at.str());
    o.set("selected", at.str() == q.quarter);
    listed = listed || at.str() == q.quarter;
    quarters.push_back(o);
  }
  if (!listed && !q.quarter.empty()) {
    Data o;
    o.set("code", q.quarter);
    o.set("selected", true);
    quarters.push_back(o);
  }
  d.set("quarters", quarters);
  d.set("month_label", tr(kMonth));
  // The month field offers the last full month until one is asked for.
  d.set("month",
        q.month.empty() ? Month::of(report_today(c, q.station)).previous().str() : q.month);
  d.set("range_label", tr(kRange));
  d.set("from_label", tr(kFrom));
  d.set("to_label", tr(kTo));
  d.set("from", q.from);
  d.set("to", q.to);
  d.set("full", full);
  d.set("by_label", tr(kBreakdowns));
  Data bys{Data::type::list};
  for (auto b : {report::By::station, report::By::project, report::By::category, report::By::month,
                 report::By::week, report::By::volunteer}) {
    Data o;
    o.set("value", std::string(report::by_code(b)));
    o.set("label", std::string(report::by_title(b).in(lang)));
    o.set("checked", std::find(q.request.by.begin(), q.request.by.end(), b) != q.request.by.end());
    bys.push_back(o);
  }
  d.set("bys", bys);
  d.set("show", tr(kShow));
  return render(kForm, d);
}

}  // namespace vstation::web::detail
