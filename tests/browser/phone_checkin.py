#!/usr/bin/env python3
"""A volunteer's phone (390x844, Chinese) at the station, in a real browser: headless Chromium
driven by Selenium against `vstation serve` on 127.0.0.1, with a paired kiosk tablet beside it.
The phone opens the tablet's current code (as its camera would), signs in and is sent back to it,
and checks in; the same code two minutes later (a second server with its clock pinned later, on the same
database) is refused as stale; after identifying at the tablet, the phone signs in with the
one-time code the tablet shows. Screenshots go to the directory given as the second argument.
Exit 77 (skipped) when Chromium, chromedriver or Selenium is missing."""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402  (skips with 77 when no browser is installed)

vstation, shots = sys.argv[1], sys.argv[2]
from selenium.webdriver.common.by import By

world = harness.World(vstation)
work, env, run = world.work, world.env, world.run


def serve(now):
    """A server with its clock pinned at `now`, and its base URL."""
    return harness.serve(vstation, dict(env, VSTATION_NOW=now))


run("station", "add", "--code", "icity", "--name", "I城志愿服务站")
run("volunteer", "add", "--number", "V1", "--name", "张三", "--join-date", "2023-03-04")
run("volunteer", "add", "--number", "V2", "--name", "李四", "--join-date", "2023-03-04")
run("pin", "set", "--volunteer", "V1", stdin="2468\n")
run("pin", "set", "--volunteer", "V2", stdin="1357\n")
servers = []
failures = []
try:
    server, base = serve("2023-07-03T10:00+08:00")
    servers.append(server)
    later, base_later = serve("2023-07-03T10:02+08:00")
    servers.append(later)

    tablet, phone = harness.browser(harness.TABLET, "en"), harness.browser(harness.PHONE, "zh-CN")

    def check(what, ok):
        print(("ok   " if ok else "FAIL ") + what)
        if not ok:
            failures.append(what)

    def submit(driver, button):
        """Clicks and waits for the next page (tests/browser/harness.py)."""
        harness.submit(driver, button, timeout=30)

    def fits(driver, what):
        width = driver.execute_script("return document.documentElement.scrollWidth")
        check(f"{what}: nothing wider than the phone ({width}px)", width <= 390)

    link = re.search(r"(http://\S+/kiosk/pair\?code=[0-9a-f]{64})",
                     run("device", "pair", "--name", "desk tablet", "--url", base)).group(1)
    tablet.get(link)
    submit(tablet, tablet.find_element(By.CSS_SELECTOR, "form[action='/kiosk/pair'] button"))
    tablet.get(base + "/api/v1/kiosk/code")
    code_url = json.loads(tablet.find_element(By.TAG_NAME, "body").text)["url"]
    check("the tablet's code is a /c/ link naming nobody",
          re.fullmatch(re.escape(base) + r"/c/[0-9a-f]{20}", code_url) is not None)

    # The phone's camera opens the code: sign in first, then back to the code.
    phone.get(code_url)
    check("a phone not signed in is asked to sign in", phone.current_url.endswith("/signin"))
    phone.find_element(By.ID, "number").send_keys("V1")
    phone.find_element(By.ID, "pin").send_keys("2468")
    submit(phone, phone.find_element(By.CSS_SELECTOR, "form button"))
    check("after signing in it is back at the code", phone.current_url == code_url)
    check("which offers to check in", "您尚未签到" in phone.page_source)
    fits(phone, "the check-in page")
    submit(phone, phone.find_element(By.CSS_SELECTOR, "form[action^='/c/'] button"))
    check("the phone checked them in", "已于 2023-07-03 10:00 签到" in phone.page_source)
    phone.save_screenshot(os.path.join(shots, "phone_checkin.png"))
    check("the session is open in the database", "V1" in run("sessions", "list", "--status", "open"))

    # Two minutes later the same code is stale (the session cookie works on either server).
    phone.get(base_later + code_url[len(base):])
    check("a code from two minutes ago is refused", "此码已过期" in phone.page_source)
    fits(phone, "the stale-code page")
    phone.save_screenshot(os.path.join(shots, "phone_stale.png"))
    check("and changed nothing", "V1" in run("sessions", "list", "--status", "open"))

    # At the tablet V2 identifies with number and PIN and asks to sign in on the phone.
    tablet.get(base + "/kiosk")
    tablet.find_element(By.ID, "number").send_keys("V2")
    tablet.find_element(By.ID, "pin").send_keys("1357")
    submit(tablet, tablet.find_element(By.CSS_SELECTOR, "form[action='/kiosk/input'] button"))
    submit(tablet, tablet.find_element(By.CSS_SELECTOR, "form[action='/kiosk/phone'] button"))
    tablet.save_screenshot(os.path.join(shots, "tablet_phone_code.png"))
    signin_url = tablet.find_element(By.CSS_SELECTOR, ".sign-in-link").text
    check("the tablet shows a one-time sign-in link",
          re.fullmatch(re.escape(base) + r"/s/[A-Z2-7]{26}", signin_url) is not None)
    phone.delete_all_cookies()
    phone.get(signin_url)
    fits(phone, "the sign-in-by-code page")
    submit(phone, phone.find_element(By.CSS_SELECTOR, "form[action^='/s/'] button"))
    check("the phone is signed in as V2", phone.current_url.endswith("/me") and "李四" in phone.page_source)
    phone.save_screenshot(os.path.join(shots, "phone_code_signin.png"))
    phone.delete_all_cookies()
    phone.get(signin_url)
    submit(phone, phone.find_element(By.CSS_SELECTOR, "form[action^='/s/'] button"))
    check("the code works once", "此登录码已使用或已过期" in phone.page_source)
    tablet.quit()
    phone.quit()
finally:
    for s in servers:
        s.terminate()
        s.wait(timeout=10)
    world.remove()
sys.exit(1 if failures else 0)
