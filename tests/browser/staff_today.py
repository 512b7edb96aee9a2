#!/usr/bin/env python3
"""Today at the station in a real browser (headless Chromium through Selenium against `vstation
serve`, issue 16 point 3). A volunteer who forgot to check out on Friday answers on their phone
when they left; the coordinator (desktop 1280x800, English) sees today's lists (here, rostered
and missing, left), confirms the forgotten check-out with the volunteer's time from the review
queue, and `sessions history` names the coordinator's account. The same pages on a phone (390x844,
Chinese) fit its width, every control is labelled, and the notice-board sheet prints on one or
two A4 pages. Screenshots (and the PDF) go to the directory given as the second argument. Exit 77
(skipped) when Chromium, chromedriver or Selenium is missing."""
import base64
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402  (skips with 77 when no browser is installed)
from selenium.webdriver.common.by import By  # noqa: E402

vstation, shots = sys.argv[1], sys.argv[2]
world = harness.World(vstation)
run = world.run
run("station", "add", "--code", "icity", "--name", "I城志愿服务站")
run("project", "add", "--code", "P1", "--station", "icity", "--name", "交通劝导", "--category",
    "traffic_persuasion", "--published", "2023-03-01", "--starts", "2023-03-04")
for n, name in enumerate(["张三", "李四", "王五", "赵六"], start=1):
    run("volunteer", "add", "--number", f"V{n}", "--name", name, "--join-date", "2023-03-04")
run("pin", "set", "--volunteer", "V2", stdin="1357\n")
for date, start, end in [("2023-06-30", "16:00", "20:00"), ("2023-07-03", "09:00", "12:00"),
                         ("2023-07-03", "14:00", "17:00")]:
    run("shift", "add", "--station", "icity", "--project", "P1", "--date", date, "--start", start,
        "--end", end, "--slots", "2")
with open(os.path.join(world.work, "roster.csv"), "w", encoding="utf-8") as f:
    f.write("volunteer,station,project,date,start\nV2,icity,P1,2023-06-30,16:00\n"
            "V1,icity,P1,2023-07-03,09:00\nV3,icity,P1,2023-07-03,09:00\n"
            "V4,icity,P1,2023-07-03,14:00\n")
run("import", "roster", "roster.csv")
run("checkin", "--volunteer", "V2", "--at", "2023-06-30T15:50")  # and never checked out
run("sessions", "review")  # auto-closes it: a forgotten check-out
run("checkin", "--volunteer", "V4", "--at", "2023-07-03T08:00")
run("checkout", "--volunteer", "V4", "--at", "2023-07-03T09:30")
run("checkin", "--volunteer", "V1", "--at", "2023-07-03T09:05")
run("user", "add", "alice", "--role", "coordinator", "--station", "icity", "--name", "王丽华",
    stdin="correct horse battery\n")
server, base = harness.serve(vstation, world.env)
check = harness.Checks()
drivers = []


def shot(driver, name):
    driver.save_screenshot(os.path.join(shots, name))


def fits(driver, what, width):
    scroll = driver.execute_script("return document.documentElement.scrollWidth")
    check(f"{what}: nothing wider than {width}px ({scroll}px)", scroll <= width)


def labelled(driver, what):
    """Every visible control has a label (or is a button with text) and none is out of the
    keyboard's reach."""
    bad = harness.unlabelled(driver)
    check(f"{what}: every control labelled and reachable by Tab {bad}", not bad)


def staff_sign_in(driver):
    harness.staff_sign_in(driver, base, "alice", "correct horse battery")


try:
    # The volunteer answers on their phone: they left at 19:30.
    phone = harness.browser(harness.PHONE, "zh-CN")
    drivers.append(phone)
    phone.get(base + "/signin")
    phone.find_element(By.ID, "number").send_keys("V2")
    phone.find_element(By.ID, "pin").send_keys("1357")
    harness.submit(phone, phone.find_element(By.CSS_SELECTOR, "form button"))
    left = phone.find_element(By.CSS_SELECTOR, ".forgotten input[type=time]")
    phone.execute_script("arguments[0].value = '19:30'", left)
    harness.submit(phone, phone.find_element(By.CSS_SELECTOR, ".forgotten button"))
    check("the volunteer's answer is recorded", "您的答复已记录" in phone.page_source)
    phone.quit()
    drivers.remove(phone)

    desk = harness.browser(harness.TABLET, "en")
    drivers.append(desk)
    staff_sign_in(desk)
    desk.get(base + "/staff/today")
    here = desk.find_element(By.ID, "here").text
    missing = desk.find_element(By.ID, "missing").text
    gone = desk.find_element(By.ID, "left").text
    check("here now: V1 since 09:05 on the morning shift",
          "V1" in here and "since 09:05 · 09:00–12:00 交通劝导" in here)
    check("rostered and missing: V3 late, V4 still to come",
          "V3" in missing and "started 09:00, not checked in" in missing
          and "V4" in missing and "starts 14:00" in missing)
    check("left: V4's walk-in with its hours", "V4" in gone and "credited 1 h 30 min" in gone)
    check("the page refreshes itself",
          len(desk.find_elements(By.CSS_SELECTOR, "meta[http-equiv=refresh]")) == 1)
    check("the bar has Today, Review and Print sheet",
          all(desk.find_elements(By.CSS_SELECTOR, f"nav.pages a[href='{h}']")
              for h in ["/staff/today", "/staff/review", "/staff/sheet"]))
    labelled(desk, "today, desktop")
    shot(desk, "staff_today_desktop_en.png")

    desk.get(base + "/staff/review")
    card = desk.find_element(By.CSS_SELECTOR, ".review")
    check("the queue shows the volunteer's time", "Says they left at 19:30." in card.text)
    labelled(desk, "review, desktop")
    shot(desk, "staff_review_desktop_en.png")
    harness.submit(desk, card.find_element(
        By.XPATH, ".//form[input[@name='as' and @value='proposed']]//button"))
    flash = desk.find_element(By.CSS_SELECTOR, ".flash").text
    check(f"confirmed with the volunteer's time: {flash!r}",
          "is now confirmed: credited 3 h 30 min" in flash)
    history = run("sessions", "history", "1")
    check("sessions history names the web coordinator",
          re.search(r"web coordinator alice\s+confirm", history) is not None)
    check("and the volunteer's answer from their phone", "web volunteer V2" in history)
    shot(desk, "staff_review_done_desktop_en.png")

    # The notice-board sheet: the week's roster, then the sign-in poster; one or two A4 pages.
    desk.get(base + "/staff/sheet")
    check("the sheet has the week's roster and the poster's QR code",
          "2023-W27" in desk.page_source and desk.find_elements(By.CSS_SELECTOR, ".poster-qr svg"))
    shot(desk, "staff_sheet_desktop_en.png")
    pdf = base64.b64decode(desk.execute_cdp_cmd(
        "Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69,
                            "preferCSSPageSize": True})["data"])
    with open(os.path.join(shots, "staff_sheet.pdf"), "wb") as f:
        f.write(pdf)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    check(f"the sheet prints on one or two A4 pages ({pages})", 1 <= pages <= 2)
    # How it prints, as a picture: the print style at A4 width (210 mm at 96 dpi is 794 px).
    desk.set_window_size(794, 1123)
    desk.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    fits(desk, "the sheet at A4 width", 794)
    shot(desk, "staff_sheet_print_a4.png")
    desk.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    desk.set_window_size(*harness.TABLET)
    desk.get(base + "/staff/today?lang=zh")
    shot(desk, "staff_today_desktop_zh.png")
    desk.quit()
    drivers.remove(desk)

    # A coordinator's phone, in Chinese.
    phone = harness.browser(harness.PHONE, "zh-CN")
    drivers.append(phone)
    staff_sign_in(phone)
    phone.get(base + "/staff/today")
    check("today in Chinese", "在岗" in phone.page_source and "已排班未到" in phone.page_source)
    fits(phone, "today, phone", harness.PHONE[0])
    shot(phone, "staff_today_phone_zh.png")
    phone.get(base + "/staff/review")
    check("the walk-in waits in the queue, in Chinese", "按现状确认" in phone.page_source)
    for s in phone.find_elements(By.TAG_NAME, "summary"):
        s.click()  # open fix and reject to show their forms
    fits(phone, "review, phone", harness.PHONE[0])
    labelled(phone, "review, phone")
    shot(phone, "staff_review_phone_zh.png")
    phone.get(base + "/staff/sheet")
    fits(phone, "sheet, phone", harness.PHONE[0])
    shot(phone, "staff_sheet_phone_zh.png")
    phone.get(base + "/staff/review?lang=en")
    shot(phone, "staff_review_phone_en.png")
finally:
    for d in drivers:
        d.quit()
    server.terminate()
    server.wait(timeout=10)
    world.remove()
sys.exit(check.status())
