#!/usr/bin/env python3
"""The secretary and the district in a real browser (issue 16 points 5 and 7): on a phone
(390x844, Chinese) the secretary picks 2023Q2 with a breakdown at /staff/reports, sees the figures
and charts without sideways scrolling, downloads the quarter as xlsx, and its numbers equal
`vstation report quarter 2023Q2 --station icity --format json`; every control of the form is
labelled and reached by Tab. On a desktop (1280x800, English) the secretary issues a certificate
and opens it to print (its own style sheet allowed by the document's policy, no CSP error); the
district compares the stations and opens one's report. Screenshots in both languages at both
sizes go to the directory given as the second argument. Exit 77 (skipped) when Chromium,
chromedriver or Selenium is missing."""
import json
import os
import re
import sys
import time
import xml.etree.ElementTree as ET
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402  (skips with 77 when no browser is installed)
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

vstation, shots = sys.argv[1], sys.argv[2]
world = harness.World(vstation)
run = world.run
run("station", "add", "--code", "icity", "--name", "I城志愿服务站", "--person-in-charge", "李站长")
run("station", "add", "--code", "bcity", "--name", "B城志愿服务站")
run("project", "add", "--code", "P1", "--station", "icity", "--name", "交通劝导", "--category",
    "traffic_persuasion", "--published", "2023-03-01", "--starts", "2023-03-04")
run("project", "add", "--code", "B1", "--station", "bcity", "--name", "法律咨询", "--category",
    "legal_consultation", "--published", "2023-03-01", "--starts", "2023-03-04")
for number, name in [("V1", "王小明"), ("V2", "李华"), ("V3", "陈静")]:
    run("volunteer", "add", "--number", number, "--name", name, "--phone", "13912345678",
        "--join-date", "2023-03-04")
SERVICE = [("icity", "P1", "2023-05-01", "16:00", "20:00", ["V1", "V2"]),
           ("icity", "P1", "2023-06-03", "09:00", "12:00", ["V1"]),
           ("bcity", "B1", "2023-06-05", "09:00", "11:00", ["V3"])]
for station, project, day, start, end, people in SERVICE:
    run("shift", "add", "--station", station, "--project", project, "--date", day, "--start",
        start, "--end", end, "--slots", "2")
    for v in people:
        run("assignment", "add", "--volunteer", v, "--station", station, "--project", project,
            "--date", day, "--start", start)
        run("checkin", "--volunteer", v, "--station", station, "--at", f"{day}T{start}")
        run("checkout", "--volunteer", v, "--at", f"{day}T{end}")
run("user", "add", "sue", "--role", "secretary", "--station", "icity", "--name", "秘书小张",
    stdin="secretary password\n")
run("user", "add", "dora", "--role", "district", "--name", "District office",
    stdin="district password\n")
cli = json.loads(run("report", "quarter", "2023Q2", "--station", "icity", "--format", "json"))

# The summary sheet's labels (either language) and the JSON total each shows.
SUMMARY = {"person-times": "person_times", "服务人次": "person_times",
           "volunteers who served": "volunteers", "参与志愿者人数": "volunteers",
           "credited service hours": "service_hours", "计入服务时长（小时）": "service_hours",
           "shifts": "shifts", "班次": "shifts", "slots demanded": "slots_demanded",
           "需求岗位": "slots_demanded", "slots filled": "slots_filled", "到岗岗位": "slots_filled",
           "projects active": "projects_active", "开展服务项目": "projects_active"}
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def sheet_rows(path, sheet=1):
    """The rows of an xlsx sheet as lists of str/float, with the standard library only."""
    with zipfile.ZipFile(path) as z:
        shared = []
        if "xl/sharedStrings.xml" in z.namelist():
            for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
                shared.append("".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")))
        rows = []
        for row in ET.fromstring(z.read(f"xl/worksheets/sheet{sheet}.xml")).iter(
                f"{{{NS['m']}}}row"):
            cells = []
            for c in row.findall("m:c", NS):
                v = c.find("m:v", NS)
                if c.get("t") == "s":
                    cells.append(shared[int(v.text)])
                elif c.get("t") == "inlineStr":
                    cells.append("".join(t.text or "" for t in c.iter(f"{{{NS['m']}}}t")))
                else:
                    cells.append(float(v.text) if v is not None else "")
            rows.append(cells)
        return rows


server, base = harness.serve(vstation, world.env, "--station", "icity")
check = harness.Checks()
downloads = os.path.join(world.work, "downloads")  # removed with the world
os.makedirs(downloads)
try:
    def shot(driver, name):
        driver.save_screenshot(os.path.join(shots, name))

    def figures_shot(driver, name):
        driver.execute_script("document.getElementById('report-title').scrollIntoView()")
        shot(driver, name)

    def fits(driver, what, width):
        scroll = driver.execute_script("return document.documentElement.scrollWidth")
        check(f"{what}: nothing wider than {width}px ({scroll}px)", scroll <= width)

    def sign_in(driver, login, password):
        harness.staff_sign_in(driver, base, login, password)

    def csp_errors(driver):
        try:
            return [e["message"] for e in driver.get_log("browser")
                    if "Content Security Policy" in e["message"]]
        except Exception:  # noqa: BLE001  (a driver without the log)
            return []

    driver = harness.browser(harness.PHONE, "zh-CN")
    driver.execute_cdp_cmd("Page.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": downloads})
    sign_in(driver, "sue", "secretary password")
    driver.get(base + "/staff/reports")
    check("the secretary's page opens on the last full quarter", "2023Q2" in driver.page_source)
    # Every control of the form labelled, and reached by Tab in order.
    unlabelled = driver.execute_script("""
      return Array.from(document.querySelectorAll('form.report-form input, form.report-form select'))
        .filter(e => e.labels.length === 0).map(e => e.name);""")
    check(f"every control of the form has a label ({unlabelled})", not unlabelled)
    body = driver.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    reached = set()
    for _ in range(40):
        el = driver.switch_to.active_element
        reached.add((el.tag_name, el.get_attribute("name") or el.get_attribute("href")))
        el.send_keys(Keys.TAB)
    names = {n for _, n in reached}
    check(f"Tab reaches the period, quarter, days, breakdowns and the button ({sorted(map(str, names))[:12]})",
          {"period", "quarter", "month", "from", "to", "by"} <= names and
          any(t == "button" for t, _ in reached))
    # Pick the quarter and a breakdown by project, as a person would.
    driver.find_element(By.CSS_SELECTOR, "input[name=period][value=quarter]").click()
    driver.find_element(By.CSS_SELECTOR, "#quarter option[value='2023Q2']").click()
    driver.find_element(By.CSS_SELECTOR, "input[name=by][value=project]").click()
    harness.submit(driver, driver.find_element(By.CSS_SELECTOR, "form.report-form button"))
    check("the breakdown is asked for", "by=project" in driver.current_url)
    cards = driver.find_elements(By.CSS_SELECTOR, ".report .cards .card .v")
    check("the headline cards show the CLI's person-times",
          cards and cards[0].text == str(cli["totals"]["person_times"]))
    charts = driver.find_elements(By.CSS_SELECTOR, ".report .charts svg")
    check("three charts are drawn", len(charts) == 3)
    check("the charts' bars are painted (SVG attributes, allowed by the policy)",
          charts and charts[0].find_elements(By.TAG_NAME, "rect")[1].size["height"] > 0)
    check("the charts' labels take app.css (no inline style needed)",
          driver.execute_script("return getComputedStyle(document.querySelector('svg .ct'))"
                                ".fontWeight") in ("700", "bold"))
    check("no Content-Security-Policy error on the page", not csp_errors(driver))
    fits(driver, "the report on a phone", harness.PHONE[0])
    shot(driver, "staff_reports_phone_zh.png")
    figures_shot(driver, "staff_reports_phone_zh_figures.png")
    driver.find_element(By.CSS_SELECTOR, "a[href*='format=xlsx']").click()
    path = os.path.join(downloads, "report-icity-2023Q2.xlsx")
    for _ in range(100):
        if os.path.exists(path):
            break
        time.sleep(0.1)
    check("the xlsx is downloaded under its name", os.path.exists(path))
    if os.path.exists(path):
        summary = {}
        for row in sheet_rows(path):
            if len(row) >= 2 and isinstance(row[0], str) and row[0] in SUMMARY:
                summary[SUMMARY[row[0]]] = row[1]
        totals = dict(cli["totals"])
        totals["service_hours"] = round(totals["service_minutes"] / 60 + 1e-9, 1)
        check(f"the workbook's summary has the headline figures ({sorted(summary)})",
              {"person_times", "volunteers", "service_hours", "shifts"} <= set(summary))
        for key, value in sorted(summary.items()):
            check(f"xlsx {key} = {value} equals the CLI's JSON {totals[key]}",
                  abs(value - totals[key]) < 1e-9)
        check("the figures are not all zero", summary.get("person_times", 0) == 3)
    driver.get(base + "/staff/reports?lang=en&quarter=2023Q2&by=project")
    fits(driver, "the report on a phone, in English", harness.PHONE[0])
    shot(driver, "staff_reports_phone_en.png")
    figures_shot(driver, "staff_reports_phone_en_figures.png")
    driver.get(base + "/staff/reports?quarter=2026Q5")
    check("a quarter that does not exist is refused, saying why",
          "2026Q5" in driver.find_element(By.TAG_NAME, "main").text)
    driver.get(base + "/staff/certificates?lang=zh")
    fits(driver, "the certificates on a phone", harness.PHONE[0])
    shot(driver, "staff_certificates_phone_zh.png")
    driver.quit()

    driver = harness.browser(harness.TABLET, "en")
    sign_in(driver, "sue", "secretary password")
    driver.get(base + "/staff/reports?period=quarter&quarter=2023Q2&by=project&by=volunteer")
    shot(driver, "staff_reports_desktop_en.png")
    figures_shot(driver, "staff_reports_desktop_en_figures.png")
    driver.get(base + "/staff/reports?period=quarter&quarter=2023Q2&by=project&lang=zh")
    shot(driver, "staff_reports_desktop_zh.png")
    figures_shot(driver, "staff_reports_desktop_zh_figures.png")
    driver.get(base + "/staff/certificates?lang=en")
    driver.find_element(By.ID, "volunteer").send_keys("V1")
    driver.find_element(By.ID, "from").send_keys("04/01/2023")
    driver.find_element(By.ID, "to").send_keys("06/30/2023")
    harness.submit(driver, driver.find_element(By.CSS_SELECTOR,
                                               "form[action='/staff/certificates'] button"))
    flash = driver.find_element(By.CSS_SELECTOR, ".flash").text
    check(f"the certificate is issued ({flash})", "ICITY-2023-000001" in flash)
    check("the register lists it", "ICITY-2023-000001" in driver.find_element(
        By.TAG_NAME, "table").text)
    shot(driver, "staff_certificates_desktop_en.png")
    harness.submit(driver, driver.find_element(By.CSS_SELECTOR, "table a[href$='000001']"))
    check("the certificate opens to print", "ICITY-2023-000001" in driver.page_source)
    check("its own style sheet applies (allowed by its hash): the red double frame",
          driver.execute_script("return getComputedStyle(document.querySelector('.frame'))"
                                ".borderTopStyle") == "double")
    check("no Content-Security-Policy error on the certificate", not csp_errors(driver))
    shot(driver, "staff_certificate_print_en.png")
    listed = run("certificate", "list")
    check("`vstation certificate list` shows it", "ICITY-2023-000001" in listed)
    driver.quit()

    for lang, name in [("en", "staff_district_desktop_en.png"),
                       ("zh-CN", "staff_district_desktop_zh.png")]:
        driver = harness.browser(harness.TABLET, lang)
        sign_in(driver, "dora", "district password")
        driver.get(base + "/staff/district")
        rows = driver.find_elements(By.CSS_SELECTOR, "table.district tbody tr")
        check(f"the district sees both stations and the total ({lang})", len(rows) == 3)
        text = driver.find_element(By.TAG_NAME, "table").text
        check("I城's person-times are the CLI's",
              re.search(r"I城志愿服务站 \(icity\)\s+3\s+2\s+11\.0", text) is not None)
        shot(driver, name)
        if lang == "en":
            harness.submit(driver, driver.find_element(By.CSS_SELECTOR,
                                                       "table.district a[href*='station=2']"))
            check("the district opens B城's report", "B城志愿服务站" in driver.page_source)
        driver.quit()
    driver = harness.browser(harness.PHONE, "zh-CN")
    sign_in(driver, "dora", "district password")
    driver.get(base + "/staff/district")
    fits(driver, "the district on a phone", harness.PHONE[0])
    shot(driver, "staff_district_phone_zh.png")
    driver.quit()
finally:
    server.terminate()
    server.wait(timeout=10)
    world.remove()
sys.exit(check.status())
