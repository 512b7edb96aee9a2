#include "static_files.hpp"

namespace vstation::web {
namespace {

// Phones first: one column, large targets; a tablet or desktop gets a centred column.
constexpr std::string_view kCss = R"(*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;font-size:17px;line-height:1.5;color:#1a1a1a;background:#f4f6f8}
header{display:flex;justify-content:space-between;align-items:center;padding:10px 16px;background:#c8102e;color:#fff}
header a{color:#fff}
.brand{font-weight:700}
main{max-width:640px;margin:0 auto;padding:12px 16px 40px;overflow-wrap:anywhere}
h1{font-size:1.4em;margin:12px 0}
.card{background:#fff;border-radius:10px;padding:16px;margin:12px 0;box-shadow:0 1px 3px rgba(0,0,0,.12)}
label{display:block;margin:12px 0 4px;font-weight:600}
input,select{width:100%;font-size:1.1em;padding:10px;border:1px solid #9aa3ad;border-radius:8px}
button{width:100%;margin-top:16px;font-size:1.1em;padding:12px;border:0;border-radius:8px;background:#c8102e;color:#fff}
.help{color:#555;font-size:.9em}
.notice{background:#fff7e0;border-left:4px solid #e0a000;padding:.5em .75em}
.error{color:#b00020;font-weight:600}
.figures div{display:flex;justify-content:space-between;gap:12px;padding:4px 0}
.figures strong{text-align:right;overflow-wrap:anywhere}
.figure{font-weight:700;font-size:1.15em}.stars{color:#d4a017;letter-spacing:2px}
h2{font-size:1.15em;margin:20px 0 8px}.shift .when{font-weight:600}.shift .where{color:#555;font-size:.9em}
button.secondary{background:#fff;color:#c8102e;border:1px solid #c8102e}
.poster{text-align:center}.poster ol{text-align:left;font-size:1.1em}.poster-station{font-size:1.3em;font-weight:700}
.poster-qr svg{width:70mm;height:70mm;max-width:80vw;max-height:80vw}.poster-url{font-family:monospace;word-break:break-all}
@media print{header,.no-print{display:none}body{background:#fff}main{max-width:none}}
nav.pages{display:flex;flex-wrap:wrap;gap:6px;padding:8px 12px;background:#fff;border-bottom:1px solid #dde2e7}
nav.pages a{padding:5px 11px;border-radius:16px;background:#fbe9ec;color:#a00d26;text-decoration:none;font-size:.88em}
nav.pages a[aria-current=page]{background:#c8102e;color:#fff}
.card.warn{border-left:5px solid #d4a017}.question{font-weight:700;margin-top:0}
.window{display:flex;flex-wrap:wrap;align-items:center;gap:8px}.window .when{font-weight:600;flex:1 1 auto}
.pref{font-size:.85em;padding:2px 8px;border-radius:10px;background:#e8eef7}.pref-prefer{background:#dff3e4}.pref-avoid{background:#fde7d9}
form.inline{display:inline}button.small{width:auto;margin:0;padding:6px 12px;font-size:.9em}
fieldset{border:1px solid #dde2e7;border-radius:8px;margin:14px 0 0;padding:4px 12px 12px}legend{font-size:.9em;color:#555}
input.url{font-size:.85em;font-family:monospace}button.copy{margin-top:8px}
a.button{display:block;text-align:center;margin-top:16px;padding:12px;border-radius:8px;background:#c8102e;color:#fff;text-decoration:none;font-size:1.1em}
.flash{background:#e6f4ea;color:#1e5631;border-radius:8px;padding:10px 12px;font-weight:600}
h3.day{font-size:1em;margin:16px 0 4px;color:#444}.slot .why{color:#1e5631;font-size:.9em}.slot .why.bent{color:#8a5a00}
.slot .free{color:#555;font-size:.9em}.late{color:#8a5a00}
.not-offered p{margin:0 0 6px;font-weight:600}.not-offered ul{margin:0;padding-left:20px;color:#555;font-size:.9em}
.kiosk main{max-width:1200px}
.kiosk-grid{display:grid;grid-template-columns:1fr;gap:16px}
@media (min-width:900px){.kiosk-grid{grid-template-columns:1fr 1fr}.kiosk h1{font-size:1.8em}}
.kiosk-code{text-align:center}.kiosk-code img,.qr svg{width:100%;max-width:340px;height:auto}
.station{font-size:1.3em;font-weight:700;margin:0 0 8px}
.scanner{margin-top:20px;border-top:1px solid #ddd}
.screen p{font-size:1.2em;margin:6px 0}
.yes-no{display:flex;flex-wrap:wrap;gap:12px}.yes-no .question{flex:1 1 100%;font-size:1.2em}.yes-no form{flex:1 1 40%}
.people{list-style:none;margin:0;padding:0}.person{padding:12px 16px;margin:8px 0}.person a{font-weight:600;display:inline-block;padding:4px 0}
.person .number{font-family:monospace}.masked,.revealed{font-family:monospace;white-space:nowrap}.figures .masked,.figures .revealed{white-space:normal}.person .masked{color:#444;font-size:.9em;margin-right:10px}
.person .label{font-family:system-ui,sans-serif;color:#666;font-size:.85em}.skills{color:#1e5631;font-size:.85em}
.revealed{background:#fff3cd;padding:0 4px;border-radius:4px}.new-pin{font-family:monospace;font-size:2em;letter-spacing:6px;margin:4px 0}
.pager{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:8px;margin:12px 0}.pager a{padding:10px 14px;border-radius:8px;background:#fbe9ec;color:#a00d26}
.sessions{padding-left:20px}.sessions li{margin:4px 0}.badge svg{width:100%;max-width:320px;height:auto;display:block;margin:0 auto}
.tone-good{border-left:8px solid #1e8e3e}.tone-warn{border-left:8px solid #e0a800}.tone-bad{border-left:8px solid #b00020}
.today h2{margin-top:0}.count{display:inline-block;min-width:1.6em;padding:0 6px;border-radius:10px;background:#e8eef7;text-align:center;font-size:.85em}
ul.people{list-style:none;margin:0;padding:0}ul.people li{padding:6px 0;border-top:1px solid #eef0f2;overflow-wrap:anywhere}ul.people li:first-child{border-top:0}
.who{font-weight:600}.note{font-size:.9em;padding:1px 6px;border-radius:8px;background:#eef0f2}.note.late{background:#fde7d9;color:#8a5a00}.note.done{background:#dff3e4;color:#1e5631}
.review details{margin-top:12px}.review summary{cursor:pointer;color:#a00d26;font-weight:600;padding:6px 0}label.check{display:flex;gap:8px;align-items:center;font-weight:400}label.check input{width:auto}
.sheet main{max-width:1100px}.weeks{display:flex;gap:16px;margin:8px 0}
.sheet-roster table{border-collapse:collapse;width:100%;table-layout:fixed;background:#fff;font-size:.8em}.sheet-roster th,.sheet-roster td{border:1px solid #888;padding:3px 4px;vertical-align:top;overflow-wrap:anywhere}
.sheet-roster th{background:#e8eef7}.sheet-roster .shift{margin-bottom:4px}.sheet-roster .empty{color:#b00}.sheet-roster .time{font-weight:700}.sheet-roster .number{color:#555}.sheet-roster .pinned::after{content:' ●';color:#555}.sheet-roster h1{font-size:1.2em}
@media (max-width:600px){.sheet-roster table,.sheet-roster tr,.sheet-roster td{display:block;width:auto}.sheet-roster tr:first-child{display:none}.sheet-roster td{border:none;border-top:1px solid #888}.sheet-roster td::before{content:attr(data-day);display:block;font-weight:700;background:#e8eef7;padding:2px 4px;margin:0 -4px 4px}}
.sheet-poster{margin-top:24px}
@media print{@page{size:A4;margin:10mm}.sheet main>h1,nav.pages,.sheet .no-print{display:none}.sheet-roster table{font-size:8pt}.sheet-poster{break-before:page;margin-top:0}.sheet-poster .poster-qr svg{max-width:none;max-height:none}}
.wide main{max-width:1200px}.week-title{font-weight:700;margin:4px 0}
.week-pick{display:flex;flex-wrap:wrap;align-items:flex-end;gap:8px}.week-pick label{flex:1 1 100%;margin:0}.week-pick input{flex:1 1 8em;width:auto}.week-pick button{width:auto;margin:0}
.week-nav{display:flex;justify-content:space-between;gap:12px}
.scroll{overflow-x:auto;background:#fff;border-radius:10px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
table.week{border-collapse:collapse;min-width:760px;width:100%;font-size:.85em}
table.week th,table.week td{border:1px solid #dde2e7;padding:6px;vertical-align:top;text-align:left}
table.week thead th{background:#f0f2f5;white-space:nowrap}table.week td.gap{background:#fff4e0}
table.week ul{margin:2px 0 0;padding-left:16px}table.week .project{font-weight:400;color:#555}
ul.people{list-style:none;padding:0;margin:0}ul.people li{padding:6px 0;border-top:1px solid #eef0f2}
ul.people .why{color:#555;font-size:.9em}.actions{display:inline-flex;flex-wrap:wrap;gap:4px;margin-left:4px}
.card.gap{border-left:5px solid #d4a017}label.check{display:flex;gap:8px;align-items:center;font-weight:400}label.check input{width:auto}
a.button.secondary{background:#fff;color:#c8102e;border:1px solid #c8102e}
.facts{display:grid;grid-template-columns:auto 1fr;gap:4px 12px;margin:8px 0}.facts dt{color:#555}.facts dd{margin:0;font-weight:600;overflow-wrap:anywhere}
.wide main{max-width:1040px}.sr-only{position:absolute;left:0;top:0;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.choices{display:flex;flex-wrap:wrap;gap:0 18px}.choice{display:flex;align-items:center;gap:10px;margin:8px 0;font-weight:400}.choice input{width:auto;margin:0;transform:scale(1.3)}
@media (min-width:900px){.report-form{display:grid;grid-template-columns:repeat(3,1fr);gap:0 16px;align-items:start}.report-form .field{margin:0}.report-form .submit{grid-column:1/-1}}
.downloads{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:8px 0}.downloads a{padding:6px 12px;border:1px solid #c8102e;border-radius:16px;color:#a00d26;background:#fff;text-decoration:none}
.report .note{margin:2px 0;color:#555;font-size:.9em}
.report .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(140px,1fr));gap:8px;margin:12px 0}.report .cards .card{margin:0;padding:10px 12px}
.report .card .v{font-size:1.4em;font-weight:700;color:#a00d26}.report .card .k{font-size:.85em;color:#555}
.report .charts{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}.report .charts svg{background:#fff;border:1px solid #dde2e7;border-radius:8px;max-width:100%;height:auto}
svg .ct{font-size:12px;font-weight:700;fill:#222}svg .cl{font-size:10px;fill:#444}svg .cv{font-size:10px;fill:#222}
.report table,.table-scroll table{border-collapse:collapse;font-size:.9em;margin:4px 0 8px}.report td,.table-scroll td,.table-scroll tbody th{background:#fff}
.report table{display:block;overflow-x:auto;max-width:100%}.table-scroll{overflow-x:auto}
.report th,.report td,.table-scroll th,.table-scroll td{border:1px solid #dde2e7;padding:4px 8px;text-align:left;word-break:keep-all;overflow-wrap:normal}
.report th,.table-scroll thead th{background:#fbe9ec;white-space:nowrap}.report td.n,.table-scroll .n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.report td:first-child{white-space:nowrap}.report td.sub{padding-left:20px;color:#444}
tr.total{font-weight:700}caption{text-align:left;font-weight:600;padding:4px 0}
)";

// The kiosk page's live part: a new station code image as each 30-second window begins (the
// page refreshes itself instead when this does not run), and the badge scanner's field focused. Ours, no licence to note.
constexpr std::string_view kKioskJs = R"((function () {
  // The badge scanner types into its field: focused for it only without a touch screen, whose
  // on-screen keyboard would cover the page.
  var scan = document.querySelector('.scanner input[name=line]');
  if (scan && window.matchMedia && matchMedia('(pointer: fine)').matches) scan.focus();
  var img = document.getElementById('station-code');
  if (!img) return;
  function next() {
    fetch('/api/v1/kiosk/code', {credentials: 'same-origin'}).then(function (r) {
      if (r.status === 401) { location.reload(); return null; }
      return r.json();
    }).then(function (j) {
      if (!j) return;
      img.src = '/kiosk/code.svg?w=' + j.window;
      setTimeout(next, j.seconds_left * 1000 + 250);
    }).catch(function () { setTimeout(next, 5000); });
  }
  next();
})();
)";

// Copy buttons: a <button data-copy="ID" hidden> copies the value of the field ID. Shown only
// where this runs; without it the field stays there to select and copy by hand. Ours, no
// licence to note.
constexpr std::string_view kCopyJs = R"((function () {
  var buttons = document.querySelectorAll('button[data-copy]');
  Array.prototype.forEach.call(buttons, function (b) {
    var field = document.getElementById(b.getAttribute('data-copy'));
    if (!field) return;
    var label = b.textContent;
    field.addEventListener('focus', function () { field.select(); });
    function done(ok) {
      b.textContent = ok ? b.getAttribute('data-done') : label;
      if (ok) setTimeout(function () { b.textContent = label; }, 2500);
    }
    b.addEventListener('click', function () {
      field.focus();
      field.select();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(function () { done(true); },
          function () { done(document.execCommand('copy')); });
      } else {
        done(document.execCommand('copy'));
      }
    });
    b.hidden = false;
  });
})();
)";

// The week board's live part: asks /api/v1/staff/week for the week's version every 15 seconds
// and reloads the page when it changed (a volunteer signed up or cancelled); the page refreshes
// itself every minute instead when this does not run. Ours, no licence to note.
constexpr std::string_view kWeekJs = R"((function () {
  var live = document.getElementById('live');
  if (!live || !window.fetch) return;
  var version = live.getAttribute('data-version');
  setInterval(function () {
    if (document.hidden) return;
    fetch(live.getAttribute('data-api'), {credentials: 'same-origin', headers: {Accept: 'application/json'}})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (j) { if (j && j.version && j.version !== version) location.reload(); })
      .catch(function () {});
  }, 15000);
})();
)";

}  // namespace

std::optional<StaticFile> static_file(std::string_view name) {
  if (name == "app.css") return StaticFile{"text/css; charset=utf-8", kCss};
  if (name == "kiosk.js") return StaticFile{"text/javascript; charset=utf-8", kKioskJs};
  if (name == "week.js") return StaticFile{"text/javascript; charset=utf-8", kWeekJs};
  if (name == "copy.js") return StaticFile{"text/javascript; charset=utf-8", kCopyJs};
  return std::nullopt;
}

}  // namespace vstation::web
