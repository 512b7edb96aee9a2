#!/usr/bin/env python3
"""The coordinator's week board in a real browser (headless Chromium through Selenium against
`vstation serve`). On a phone (390x844, Chinese) a coordinator opens the empty week, builds it
(the changes are listed first, nothing saved until they confirm), sees a volunteer's
cancellation appear by itself, and fills the gap from its candidates; the board scrolls
sideways only inside its table. On a desktop (1280x800, English) the same board; the
coordinator of another station cannot open this one's week by URL or API. Screenshots in both
languages go to the directory given as the second argument. Exit 77 (skipped) when Chromium,
chromedriver or Selenium is missing."""
import json
import os
import re
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402  (skips with 77 when no browser is installed)
from selenium.webdriver.common.by import By  # noqa: E402

vstation, shots = sys.argv[1], sys.argv[2]
world = harness.World(vstation)  # the clock: Monday 2023-07-03 10:00, week 2023-W27
run = world.run
run("station", "add", "--code", "icity", "--name", "I城志愿服务站")
run("station", "add", "--code", "bcity", "--name", "B城志愿服务站")
run("project", "add", "--code", "P1", "--station", "icity", "--name", "交通劝导",
    "--category", "traffic_persuasion", "--published", "2023-06-01", "--starts", "2023-06-01")
run("template", "add", "--code", "T1", "--station", "icity", "--project", "P1", "--weekdays",
    "Wed,Fri,Sat", "--start", "09:00", "--end", "12:00", "--slots", "2", "--valid-from",
    "2023-06-01")
run("template", "add", "--code", "T2", "--station", "icity", "--project", "P1", "--weekdays",
    "Thu", "--start", "14:00", "--end", "17:00", "--slots", "2", "--valid-from", "2023-06-01")
for number, name in [("V1", "张三"), ("V2", "李四"), ("V3", "王五"), ("V4", "赵六")]:
    run("volunteer", "add", "--number", number, "--name", name, "--join-date", "2023-03-04")
for number in ["V1", "V2", "V3"]:
    for day in ["Wed", "Fri", "Sat"]:
        run("availability", "add", "--volunteer", number, "--day", day, "--start", "08:00",
            "--end", "13:00")
run("availability", "add", "--volunteer", "V4", "--day", "Thu", "--start", "13:00", "--end", "18:00")
run("user", "add", "alice", "--role", "coordinator", "--station", "icity", "--name", "王丽华",
    stdin="correct horse battery\n")
run("user", "add", "bob", "--role", "coordinator", "--station", "bcity", "--name", "Bob",
    stdin="another password\n")
server, base = harness.serve(vstation, world.env, "--station", "icity")
check = harness.Checks()


def on_shift(week="2023-W27"):
    """The week as CSV (shift,date,start,end,station,project,volunteer,…); empty without shifts."""
    try:
        return run("roster", "show", "--week", week, "--station", "icity", "--format", "csv")
    except subprocess.CalledProcessError:
        return ""


try:
    driver = harness.browser(harness.PHONE, "zh-CN")

    def sign_in(login, password):
        harness.staff_sign_in(driver, base, login, password)

    sign_in("alice", "correct horse battery")
    driver.find_element(By.CSS_SELECTOR, "nav.pages a[href='/staff/week']").click()
    check("the week board opens on this week", "2023-W27" in driver.page_source)
    check("an empty week says to build it", "本周尚无班次" in driver.page_source)
    harness.submit(driver, driver.find_element(By.CSS_SELECTOR,
                                                "form[action='/staff/week/build'] button"))
    preview = driver.find_element(By.TAG_NAME, "main").text
    check("the build is shown before it is saved", "尚未保存" in preview and "+ V" in preview
          and "将按模板新建 4 个班次" in preview)
    check("nothing is saved by the preview", "V1" not in on_shift())
    driver.save_screenshot(os.path.join(shots, "staff_week_phone_preview_zh.png"))
    harness.submit(driver, driver.find_element(By.CSS_SELECTOR,
                                                "form[action='/staff/week/apply'] button"))
    check("saved, back on the board", "/staff/week" in driver.current_url
          and "已保存" in driver.page_source)
    roster = on_shift()
    check("the saved roster is the previewed one", roster.count("V1") + roster.count("V2")
          + roster.count("V3") == 6)
    width = driver.execute_script("return document.documentElement.scrollWidth")
    check(f"the page is no wider than the phone ({width}px); the table scrolls inside",
          width <= harness.PHONE[0])
    driver.save_screenshot(os.path.join(shots, "staff_week_phone_board_zh.png"))

    # A volunteer on Wednesday's shift cancels: the board shows it by itself (week.js).
    wed = [line.split(",") for line in roster.splitlines() if ",2023-07-05," in line]
    wed_shift, gone = wed[0][0], wed[0][6]
    run("roster", "unassign", "--volunteer", gone, "--shift", wed_shift)
    deadline = time.time() + 40
    while time.time() < deadline and "已退出此班次" not in driver.page_source:
        time.sleep(1)
    check("the cancellation appears on the board without a reload by hand",
          "已退出此班次" in driver.page_source)
    gap = driver.find_element(By.CSS_SELECTOR, f".card.gap[id^='gap-{wed_shift}-']")
    free = [li for li in gap.find_elements(By.CSS_SELECTOR, "li") if "可以排入" in li.text]
    check("the gap names someone free to fill it", len(free) == 1)
    who = re.match(r"(V\d)", free[0].text).group(1)
    button = free[0].find_element(By.CSS_SELECTOR, "button")
    check("its Assign button is labelled for a screen reader",
          "安排到" in (button.get_attribute("aria-label") or ""))
    harness.submit(driver, button)
    check("the gap is filled from the candidates",
          who in "".join(line for line in on_shift().splitlines() if "2023-07-05" in line))
    driver.save_screenshot(os.path.join(shots, "staff_week_phone_filled_zh.png"))
    driver.quit()

    driver = harness.browser(harness.TABLET, "en")
    sign_in("alice", "correct horse battery")
    driver.get(base + "/staff/week?week=2023-W27")
    body = driver.find_element(By.TAG_NAME, "main").text
    check("the board in English on a desktop", "Gaps and who could fill them" in body)
    labels = driver.execute_script(
        "return [...document.querySelectorAll('main button, main input:not([type=hidden]), main select')]"
        ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')"
        " && !(e.tagName === 'BUTTON' && e.textContent.trim())).length")
    check(f"every control is labelled ({labels} without)", labels == 0)
    driver.save_screenshot(os.path.join(shots, "staff_week_desktop_board_en.png"))
    driver.find_element(By.CSS_SELECTOR, "header a.lang").click()
    driver.save_screenshot(os.path.join(shots, "staff_week_desktop_board_zh.png"))
    driver.quit()

    # Bob runs station B: station A's week is not there for him, by URL or by API.
    driver = harness.browser(harness.TABLET, "en")
    sign_in("bob", "another password")
    driver.get(base + "/staff/week?week=2023-W27&station=1")
    check("another station's week by URL: no such page", "B城" not in driver.page_source
          and "I城" not in driver.page_source and "/staff/week/assign" not in driver.page_source)
    cookie = driver.get_cookie("vs_session")["value"]
    req = urllib.request.Request(base + "/api/v1/staff/week?week=2023-W27&station=1",
                                 headers={"Cookie": "vs_session=" + cookie})
    try:
        urllib.request.urlopen(req)
        status = 200
    except urllib.error.HTTPError as e:
        status = e.code
        json.loads(e.read())
    check(f"another station's week by API: 404 ({status})", status == 404)
    driver.save_screenshot(os.path.join(shots, "staff_week_desktop_other_station_en.png"))
    driver.quit()
finally:
    server.terminate()
    server.wait(timeout=10)
    world.remove()
sys.exit(check.status())
