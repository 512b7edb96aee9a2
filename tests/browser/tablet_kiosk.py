#!/usr/bin/env python3
"""The kiosk tablet (1280x800, English) in a real browser: headless Chromium driven by Selenium
against `vstation serve` on 127.0.0.1. Paired with the link `vstation device pair` prints; shows
the station and its rotating QR code; a volunteer checks in with number and PIN; five wrong PINs
lock a volunteer out at the tablet as at the terminal kiosk. Screenshots go to the directory given
as the second argument. Exit 77 (skipped) when Chromium, chromedriver or Selenium is missing."""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402  (skips with 77 when no browser is installed)

vstation, shots = sys.argv[1], sys.argv[2]
from selenium.webdriver.common.by import By

world = harness.World(vstation)
work, env, run = world.work, world.env, world.run


run("station", "add", "--code", "icity", "--name", "I城志愿服务站")
run("volunteer", "add", "--number", "V1", "--name", "张三", "--join-date", "2023-03-04")
run("volunteer", "add", "--number", "V2", "--name", "李四", "--join-date", "2023-03-04")
run("pin", "set", "--volunteer", "V1", stdin="2468\n")
run("pin", "set", "--volunteer", "V2", stdin="1357\n")
run("pin", "coordinator", stdin="9999\n")
server, base = harness.serve(vstation, env)
failures = []
try:
    link = re.search(r"(http://\S+/kiosk/pair\?code=[0-9a-f]{64})",
                     run("device", "pair", "--name", "desk tablet", "--url", base)).group(1)
    driver = harness.browser(harness.TABLET, "en")
    driver.set_window_size(1280, 800)

    def check(what, ok):
        print(("ok   " if ok else "FAIL ") + what)
        if not ok:
            failures.append(what)

    def submit(button):
        """Clicks and waits for the next page (tests/browser/harness.py)."""
        harness.submit(driver, button, timeout=30)

    def number_and_pin(number, pin):
        driver.get(base + "/kiosk")
        driver.find_element(By.ID, "number").send_keys(number)
        driver.find_element(By.ID, "pin").send_keys(pin)
        submit(driver.find_element(By.CSS_SELECTOR, "form[action='/kiosk/input'] button"))

    driver.get(base + "/kiosk")
    check("an unpaired tablet is sent to pairing", "/kiosk/pair" in driver.current_url)
    driver.get(link)
    submit(driver.find_element(By.CSS_SELECTOR, "form[action='/kiosk/pair'] button"))
    check("pairing lands on the kiosk page", driver.current_url == base + "/kiosk")
    check("it shows the station", "I城志愿服务站" in driver.page_source)
    harness.WebDriverWait(driver, 30, ignored_exceptions=(harness.WebDriverException,)).until(lambda d: d.execute_script(
        "var i = document.getElementById('station-code'); return i.complete && i.naturalWidth > 0"))
    check("and its QR code", driver.execute_script(
        "return document.getElementById('station-code').naturalWidth") > 0)
    width = driver.execute_script("return document.documentElement.scrollWidth")
    check(f"nothing wider than the tablet ({width}px)", width <= 1280)
    driver.save_screenshot(os.path.join(shots, "tablet_kiosk.png"))
    driver.get(link)
    submit(driver.find_element(By.CSS_SELECTOR, "form[action='/kiosk/pair'] button"))
    check("a used pairing link is refused", "used already" in driver.page_source)

    number_and_pin("V1", "2468")
    check("number and PIN check the volunteer in", "<title>Checked in</title>" in driver.page_source)
    check("the screen names them, masked", "张*" in driver.page_source)
    check("and offers to sign in on the phone", "Sign in on your phone" in driver.page_source)
    driver.save_screenshot(os.path.join(shots, "tablet_checked_in.png"))
    sessions = run("sessions", "list", "--status", "open")
    check("the session is open in the database", "V1" in sessions)

    for i in range(5):
        number_and_pin("V2", "0000")
    check("five wrong PINs lock the volunteer out", "locked for 5 minutes" in driver.page_source)
    driver.save_screenshot(os.path.join(shots, "tablet_locked.png"))
    number_and_pin("V2", "1357")
    check("the right PIN is refused while locked", "Locked after wrong PINs" in driver.page_source)
    kiosk = subprocess.run([vstation, "kiosk", "--station", "icity"], env=env, text=True,
                           input="V2\n1357\n", capture_output=True)
    check("the terminal kiosk refuses them too", "Locked after wrong PINs" in kiosk.stdout)
    driver.quit()
finally:
    server.terminate()
    server.wait(timeout=10)
    world.remove()
sys.exit(1 if failures else 0)
