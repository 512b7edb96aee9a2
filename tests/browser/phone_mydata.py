#!/usr/bin/env python3
"""A volunteer's own data on a phone (390x844, Chinese) in a real browser: headless Chromium
driven by Selenium against `vstation serve` on 127.0.0.1. Signs in, answers a forgotten check-out
on their page, adds a weekly availability window (and sees a bad one refused), downloads their
certificate (fetched with the session cookie to check the response), makes a calendar link, fetches
the feed and revokes it. Screenshots go to the directory given as the second argument. Exit 77
(skipped) when Chromium, chromedriver or Selenium is missing."""
import http.cookiejar
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402  (skips with 77 when no browser is installed)
import urllib.error
import urllib.request

vstation, shots = sys.argv[1], sys.argv[2]
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

world = harness.World(vstation)
work, env, run = world.work, world.env, world.run


with open(os.path.join(work, "roster.csv"), "w", encoding="utf-8") as f:
    f.write("volunteer,station,project,date,start\n"
            "V1,icity,P1,2023-05-01,16:00\nV1,icity,P1,2023-06-05,16:00\n"
            "V1,icity,P1,2023-07-05,09:00\n")
run("station", "add", "--code", "icity", "--name", "I城志愿服务站")
run("project", "add", "--code", "P1", "--station", "icity", "--name", "交通劝导", "--category",
    "traffic_persuasion", "--published", "2023-03-01", "--starts", "2023-03-04")
run("volunteer", "add", "--number", "V1", "--name", "张三", "--join-date", "2023-03-04")
for date, start, end in [("2023-05-01", "16:00", "20:00"), ("2023-06-05", "16:00", "20:00"),
                         ("2023-07-05", "09:00", "12:00")]:
    run("shift", "add", "--station", "icity", "--project", "P1", "--date", date, "--start", start,
        "--end", end, "--slots", "2")
run("import", "roster", "roster.csv")
run("pin", "set", "--volunteer", "V1", stdin="2468\n")
# Served on 1 May (credited: the certificate has something to state); on 5 June they forgot to
# check out, and the review closes it as a forgotten check-out waiting for their answer.
run("checkin", "--volunteer", "V1", "--at", "2023-05-01T15:50")
run("checkout", "--volunteer", "V1", "--at", "2023-05-01T20:03")
run("checkin", "--volunteer", "V1", "--at", "2023-06-05T15:50")
run("sessions", "review")
server, base = harness.serve(vstation, env)
failures = []
try:
    driver = harness.browser(harness.PHONE, "zh-CN")

    def check(what, ok):
        print(("ok   " if ok else "FAIL ") + what)
        if not ok:
            failures.append(what)

    def submit(button):
        harness.submit(driver, button)

    def fits(page):
        width = driver.execute_script("return document.documentElement.scrollWidth")
        check(f"{page}: nothing wider than the phone ({width}px)", width <= 390)

    def shot(name):
        driver.save_screenshot(os.path.join(shots, name))

    def set_value(element, value):
        # Time pickers differ by browser and language; the test sets the value as a picker would.
        driver.execute_script("arguments[0].value = arguments[1]", element, value)

    def fetch(path, cookie=None):
        """(status, headers, body) of a GET outside the browser."""
        request = urllib.request.Request(base + path, headers={"Accept-Language": "zh-CN"})
        if cookie:
            request.add_header("Cookie", cookie)
        try:
            with urllib.request.urlopen(request, timeout=10) as r:
                return r.status, r.headers, r.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read().decode("utf-8")

    def nav(href):
        submit(driver.find_element(By.CSS_SELECTOR, f"nav.pages a[href='{href}']"))

    driver.get(base + "/signin")
    driver.find_element(By.ID, "number").send_keys("V1")
    driver.find_element(By.ID, "pin").send_keys("2468")
    submit(driver.find_element(By.CSS_SELECTOR, "form button"))
    check("signed in lands on the volunteer's page", driver.current_url.endswith("/me"))

    # The forgotten check-out question, answered with the time they left.
    cards = driver.find_elements(By.CSS_SELECTOR, ".forgotten")
    check("their page asks about the forgotten check-out", len(cards) == 1 and "您没有签退" in cards[0].text)
    check("naming its day, check-in time and place",
          len(cards) == 1 and "周一 2023-06-05 16:00–20:00" in cards[0].text
          and "签到时间 15:50，地点：I城志愿服务站，项目：交通劝导" in cards[0].text)
    check("and the way to the next star level", "小时可达下一星级" in driver.page_source)
    fits("/me with the question")
    shot("phone_me_forgotten.png")
    left = driver.find_element(By.CSS_SELECTOR, ".forgotten input[name='left']")
    check("the shift's end is offered", left.get_attribute("value") == "20:00")
    set_value(left, "20:40")
    submit(driver.find_element(By.CSS_SELECTOR, ".forgotten button"))
    check("the answer is thanked for", "答复已记录" in driver.page_source)
    review = run("sessions", "review")
    check("the coordinator sees the answer", "20:40" in review)
    driver.get(base + "/me")
    check("and the question is asked no more", not driver.find_elements(By.CSS_SELECTOR, ".forgotten"))

    # Weekly availability: a bad window is refused naming the field, a good one is added.
    nav("/me/availability")
    Select(driver.find_element(By.ID, "day")).select_by_value("Sat")
    set_value(driver.find_element(By.ID, "start"), "12:00")
    set_value(driver.find_element(By.ID, "end"), "09:00")
    submit(driver.find_element(By.CSS_SELECTOR, "form[action='/me/availability'] button"))
    error = driver.find_elements(By.CSS_SELECTOR, ".error")
    check("end before start is refused, naming the end", error and "结束时间" in error[0].text)
    shot("phone_availability_refused.png")
    set_value(driver.find_element(By.ID, "start"), "09:00")
    set_value(driver.find_element(By.ID, "end"), "12:00")
    Select(driver.find_element(By.ID, "preference")).select_by_value("prefer")
    submit(driver.find_element(By.CSS_SELECTOR, "form[action='/me/availability'] button"))
    windows = driver.find_elements(By.CSS_SELECTOR, ".window")
    check("the window is listed", len(windows) == 1 and "09:00–12:00" in windows[0].text)
    listed = run("availability", "list", "--volunteer", "V1")
    check("and stored, as the CLI lists it", "Sat" in listed and "prefer" in listed)
    fits("/me/availability")
    shot("phone_availability.png")
    Select(driver.find_element(By.ID, "day")).select_by_value("Sat")
    set_value(driver.find_element(By.ID, "start"), "11:00")
    set_value(driver.find_element(By.ID, "end"), "13:00")
    submit(driver.find_element(By.CSS_SELECTOR, "form[action='/me/availability'] button"))
    error = driver.find_elements(By.CSS_SELECTOR, ".error")
    check("a window over the Saturday one is refused, naming it",
          error and "重叠" in error[0].text and "周六 09:00–12:00" in error[0].text)
    check("and not added", len(driver.find_elements(By.CSS_SELECTOR, ".window")) == 1)
    fits("/me/availability refused overlap")
    shot("phone_availability_overlap.png")

    # The certificate: the page offers the last full quarter; the download is an attachment.
    nav("/me/certificate")
    quarter = Select(driver.find_element(By.ID, "quarter")).first_selected_option
    check("the last full quarter is offered", quarter.get_attribute("value") == "2023Q2")
    fits("/me/certificate")
    shot("phone_certificate.png")
    cookie = "vs_session=" + driver.get_cookie("vs_session")["value"]
    status, headers, body = fetch("/me/certificate?quarter=2023Q2&format=html", cookie)
    check("the certificate downloads", status == 200 and "志愿服务证明" in body and "张三" in body)
    check("as an attachment named without personal data",
          headers.get("Content-Disposition") == 'attachment; filename="certificate-2023Q2.html"')
    status, headers, body = fetch("/me/certificate?quarter=2023Q1", cookie)
    check("a quarter without service is a friendly page",
          status == 200 and "Content-Disposition" not in headers and "没有计入的服务时长" in body)
    status, headers, body = fetch("/me/certificate?quarter=2023Q2")
    check("no certificate without the session (sent to sign in)",
          "Content-Disposition" not in headers and "志愿服务证明" not in body)

    # The calendar link: made, shown once, fetched, revoked.
    nav("/me/calendar")
    submit(driver.find_element(By.CSS_SELECTOR, "form[action='/me/calendar'] button"))
    url = driver.find_element(By.ID, "feed-url").get_attribute("value")
    check("a private calendar link is shown", re.fullmatch(r"http://127\.0\.0\.1:\d+/calendar/[0-9a-f]{64}\.ics", url) is not None)
    copy = driver.find_elements(By.CSS_SELECTOR, "button[data-copy='feed-url']")
    check("a Copy button is shown (by copy.js)", copy and copy[0].is_displayed())
    if copy:
        copy[0].click()
        check("and copying selects the link",
              driver.execute_script("return document.activeElement.id") == "feed-url")
    fits("/me/calendar with the link")
    shot("phone_calendar.png")
    path = url[len(base):]
    status, headers, body = fetch(path)
    check("the feed is a calendar", status == 200 and headers.get("Content-Type", "").startswith("text/calendar"))
    check("with the coming shift and a reminder", "DTSTART:20230705T010000Z" in body and "BEGIN:VALARM" in body)
    check("naming no one", "张三" not in body and "V1" not in body)
    driver.get(base + "/me/calendar")
    check("the link is not shown again", url not in driver.page_source)
    submit(driver.find_element(By.CSS_SELECTOR, "form[action='/me/calendar/revoke'] button"))
    status, _, _ = fetch(path)
    check("a revoked link finds nothing", status == 404)
    driver.quit()

    # The same pages in English.
    driver = harness.browser(harness.PHONE, "en")
    driver.get(base + "/signin")
    driver.find_element(By.ID, "number").send_keys("V1")
    driver.find_element(By.ID, "pin").send_keys("2468")
    submit(driver.find_element(By.CSS_SELECTOR, "form button"))
    check("in English, the way to the next level", "more to the next level" in driver.page_source)
    fits("/me in English")
    shot("phone_me_en.png")
    nav("/me/calendar")
    submit(driver.find_element(By.CSS_SELECTOR, "form[action='/me/calendar'] button"))
    check("the Copy button in English", "Copy the link" in driver.page_source)
    fits("/me/calendar in English")
    shot("phone_calendar_en.png")
    driver.quit()

    # In WeChat's built-in browser (its user agent) on a 360-px phone: the same pages fit, the
    # pages that hand a file or a calendar outside say how to open the phone's browser, and the
    # certificate opens as a page there (WeChat saves no downloads). Real WeChat is not here.
    driver = harness.browser(harness.SMALL_PHONE, "zh-CN", harness.WECHAT_UA)
    driver.get(base + "/signin")
    driver.find_element(By.ID, "number").send_keys("V1")
    driver.find_element(By.ID, "pin").send_keys("2468")
    submit(driver.find_element(By.CSS_SELECTOR, "form button"))
    check("WeChat: signed in", driver.current_url.endswith("/me"))

    def fits_small(page):
        width = driver.execute_script("return document.documentElement.scrollWidth")
        check(f"WeChat {page}: nothing wider than 360 px ({width}px)", width <= 360)

    for page in ["/me", "/shifts", "/me/availability"]:
        driver.get(base + page)
        fits_small(page)
    shot("wechat_me.png")
    for page in ["/me/calendar", "/me/certificate"]:
        driver.get(base + page)
        check(f"WeChat {page}: says to open the phone's browser", "在浏览器中打开" in driver.page_source)
        fits_small(page)
    shot("wechat_certificate.png")
    submit(driver.find_element(By.CSS_SELECTOR, "form[action='/me/certificate'] button"))
    check("WeChat: the certificate opens as a page", "志愿服务证明" in driver.page_source)
    fits_small("the certificate")
    shot("wechat_certificate_open.png")
    driver.quit()
finally:
    server.terminate()
    server.wait(timeout=10)
    world.remove()
sys.exit(1 if failures else 0)
