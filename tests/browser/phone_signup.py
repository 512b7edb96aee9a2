#!/usr/bin/env python3
"""A volunteer on a phone (390x844, Chinese) signs up for an open slot and cancels, in a real
browser (headless Chromium through Selenium) against `vstation serve` with a pinned clock. A slot
overlapping one they hold is not offered and a hand-made POST for it is refused; cancelling works
before the station's deadline and is refused after it (the server restarted with a later clock).
Screenshots go to the directory given as the second argument. Exit 77 (skipped) when Chromium,
chromedriver or Selenium is missing."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402  (skips with 77 when no browser is installed)
import urllib.error
import urllib.request

vstation, shots = sys.argv[1], sys.argv[2]
from selenium.webdriver.common.by import By

world = harness.World(vstation)
work, env, run = world.work, world.env, world.run


run("station", "add", "--code", "icity", "--name", "I城志愿服务站", "--contact", "0755-1234")
run("project", "add", "--code", "P1", "--station", "icity", "--name", "交通劝导",
    "--category", "traffic_persuasion", "--published", "2023-03-01", "--starts", "2023-03-01")
run("project", "add", "--code", "P2", "--station", "icity", "--name", "便民服务",
    "--category", "convenience_service", "--published", "2023-03-01", "--starts", "2023-03-01")
run("volunteer", "add", "--number", "V1", "--name", "张三", "--join-date", "2023-03-04")
run("pin", "set", "--volunteer", "V1", stdin="2468\n")
# Shift 1: open (Wed). Shift 2: theirs (Thu 14-17). Shift 3: overlaps shift 2.
run("shift", "add", "--station", "icity", "--project", "P1", "--date", "2023-07-05",
    "--start", "09:00", "--end", "12:00", "--slots", "2")
run("shift", "add", "--station", "icity", "--project", "P2", "--date", "2023-07-06",
    "--start", "14:00", "--end", "17:00", "--slots", "2")
run("shift", "add", "--station", "icity", "--project", "P1", "--date", "2023-07-06",
    "--start", "15:00", "--end", "18:00", "--slots", "2")
run("assignment", "add", "--volunteer", "V1", "--station", "icity", "--project", "P2",
    "--date", "2023-07-06", "--start", "14:00")

failures = []


def check(what, ok):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def serve(now):
    return harness.serve(vstation, dict(env, VSTATION_NOW=now))


def hand_made_post(driver, base, path):
    """A POST made outside the page, with the browser's session cookie and form token."""
    cookie = driver.get_cookie("vs_session")["value"]
    token = driver.find_element(By.CSS_SELECTOR, "input[name=csrf]").get_attribute("value")
    req = urllib.request.Request(base + path, data=f"csrf={token}".encode(), method="POST",
                                 headers={"Cookie": f"vs_session={cookie}",
                                          "Content-Type": "application/x-www-form-urlencoded",
                                          "Accept-Language": "zh-CN"})
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


server = None
driver = None
try:
    server, base = serve("2023-07-03T10:00+08:00")
    driver = harness.browser(harness.PHONE, "zh-CN")

    def submit(button):
        harness.submit(driver, button)

    def sign_in():
        driver.get(base + "/signin")
        driver.find_element(By.ID, "number").send_keys("V1")
        driver.find_element(By.ID, "pin").send_keys("2468")
        submit(driver.find_element(By.CSS_SELECTOR, "form button"))

    def width_ok(page):
        width = driver.execute_script("return document.documentElement.scrollWidth")
        check(f"{page}: nothing wider than the phone ({width}px)", width <= 390)

    sign_in()
    submit(driver.find_element(By.CSS_SELECTOR, "a[href='/shifts']"))
    check("their page links to the open shifts", driver.current_url.endswith("/shifts"))
    page = driver.page_source
    check("the open slot is offered", "/shifts/1/signup" in page)
    check("outside their usual times, and it says so", "不在您平常的时间内" in page)
    check("the slot overlapping theirs is not offered", "/shifts/3/signup" not in page)
    check("and the page says why", "与您已报名的班次时间重叠（1 个班次）" in page)
    width_ok("/shifts")
    driver.save_screenshot(os.path.join(shots, "phone_shifts.png"))
    driver.execute_script("document.querySelector('.not-offered').scrollIntoView()")
    driver.save_screenshot(os.path.join(shots, "phone_shifts_not_offered.png"))
    driver.execute_script("window.scrollTo(0, 0)")

    status, body = hand_made_post(driver, base, "/shifts/3/signup")
    check(f"a hand-made POST for the overlapping slot is refused ({status})", status == 403)
    check("naming the rule", "重叠" in body)
    check("and nothing changed",
          not re.search(r"2023-07-06\s+15:00", run("assignment", "list", "--volunteer", "V1")))

    submit(driver.find_element(By.CSS_SELECTOR, "form[action='/shifts/1/signup'] button"))
    check("signing up lands on their page", driver.current_url.endswith("/me?done=signed-up"))
    check("saying it worked", "报名成功" in driver.page_source)
    card = driver.find_element(By.ID, "shift-1").text
    check("the shift is among theirs", "2023-07-05 09:00–12:00" in card)
    check("with the cancel deadline", "周二 2023-07-04 09:00 前可在此取消" in card)
    width_ok("/me")
    driver.save_screenshot(os.path.join(shots, "phone_signed_up.png"))

    submit(driver.find_element(By.CSS_SELECTOR, "form[action='/shifts/1/cancel'] button"))
    check("cancelling before the deadline works", "已取消报名" in driver.page_source)
    check("and the shift is gone from theirs", not driver.find_elements(By.ID, "shift-1"))
    check("the coordinator sees the drop-out",
          re.search(r"2023-07-05\s+09:00\s+cancelled",
                    run("assignment", "list", "--volunteer", "V1", "--status", "cancelled")))
    check("in the roster's day view too",
          re.search(r"Dropped out[^\n]*\n.*V1[^\n]*#1",
                    run("roster", "show", "--week", "2023-W27", "--station", "icity")))
    driver.get(base + "/shifts")
    submit(driver.find_element(By.CSS_SELECTOR, "form[action='/shifts/1/signup'] button"))
    check("they may take it up again", driver.find_elements(By.ID, "shift-1") != [])

    # Later, past the 24-hour deadline (Tue 09:00) of Wednesday's shift.
    server.terminate()
    server.wait(timeout=10)
    server, base = serve("2023-07-04T09:30+08:00")
    sign_in()
    card = driver.find_element(By.ID, "shift-1").text
    check("after the deadline there is no cancel button",
          not driver.find_elements(By.CSS_SELECTOR, "form[action='/shifts/1/cancel']"))
    check("but a line to contact the coordinator", "请联系站长（0755-1234）" in card)
    driver.save_screenshot(os.path.join(shots, "phone_too_late.png"))
    status, body = hand_made_post(driver, base, "/shifts/1/cancel")
    check(f"a hand-made cancel after the deadline is refused ({status})", status == 403)
    check("telling them to contact the coordinator", "请联系站长" in body)
    check("and they are still on it",
          re.search(r"2023-07-05\s+09:00\s+planned",
                    run("assignment", "list", "--volunteer", "V1", "--status", "planned")))

    # The same page on a tablet.
    driver.quit()
    driver = harness.browser(harness.TABLET, "zh-CN")
    sign_in()
    driver.get(base + "/shifts")
    driver.save_screenshot(os.path.join(shots, "tablet_shifts.png"))

    # In English, with a weekly maximum that leaves room for no shift: the page says why.
    driver.quit()
    run("shift", "add", "--station", "icity", "--project", "P1", "--date", "2023-07-07",
        "--start", "09:00", "--end", "12:00", "--slots", "2")
    run("volunteer", "edit", "V1", "--max-hours-week", "7")  # 6 h taken, a 3-hour shift open
    driver = harness.browser(harness.PHONE, "en")
    sign_in()
    driver.get(base + "/shifts")
    page = driver.page_source
    check("nothing is offered", "/signup" not in page)
    check("and the page names the weekly maximum",
          "Week of 2023-07-03 (2023-W27): you have 6 h of your weekly maximum of 7 h" in page)
    width_ok("/shifts, nothing offered")
    driver.execute_script("document.querySelector('.not-offered').scrollIntoView()")
    driver.save_screenshot(os.path.join(shots, "phone_shifts_none_en.png"))
finally:
    if driver:
        driver.quit()
    if server:
        server.terminate()
        server.wait(timeout=10)
    world.remove()
sys.exit(1 if failures else 0)
