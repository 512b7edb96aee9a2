#!/usr/bin/env python3
"""A volunteer on a phone (390x844, Chinese) in a real browser: headless Chromium driven by
Selenium against `vstation serve` on 127.0.0.1. Signs in with number and PIN, sees their own page,
signs out; five wrong PINs lock them out, and the kiosk's lockout says so too. Screenshots go to
the directory given as the second argument. Exit 77 (skipped) when Chromium, chromedriver or
Selenium is missing."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402  (skips with 77 when no browser is installed)
import time

vstation, shots = sys.argv[1], sys.argv[2]
from selenium.webdriver.common.by import By

world = harness.World(vstation)
work, env, run = world.work, world.env, world.run


run("station", "add", "--code", "icity", "--name", "I城志愿服务站")
run("volunteer", "add", "--number", "V1", "--name", "张三", "--join-date", "2023-03-04")
run("volunteer", "add", "--number", "V2", "--name", "<script>alert(1)</script>", "--join-date", "2023-03-04")
run("pin", "set", "--volunteer", "V1", stdin="2468\n")
run("pin", "set", "--volunteer", "V2", stdin="1357\n")
run("pin", "coordinator", stdin="9999\n")
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

    def sign_in(number, pin):
        driver.get(base + "/signin")
        driver.find_element(By.ID, "number").send_keys(number)
        driver.find_element(By.ID, "pin").send_keys(pin)
        submit(driver.find_element(By.CSS_SELECTOR, "form button"))

    sign_in("V1", "2468")
    check("signed in lands on the volunteer's page", driver.current_url.endswith("/me"))
    check("the page greets them by name, in Chinese", "张三，您好" in driver.page_source)
    width = driver.execute_script("return document.documentElement.scrollWidth")
    check(f"nothing wider than the phone ({width}px)", width <= 390)
    driver.save_screenshot(os.path.join(shots, "phone_me.png"))
    submit(driver.find_element(By.CSS_SELECTOR, "form[action='/signout'] button"))
    check("signing out returns to the sign-in page", driver.current_url.endswith("/signin"))
    driver.get(base + "/me")
    check("after signing out the page needs a sign-in again", driver.current_url.endswith("/signin"))

    sign_in("V2", "1357")
    hello = driver.find_element(By.CSS_SELECTOR, ".hello").text
    check("a name holding markup is shown as text", hello.startswith("<script>alert(1)</script>"))
    check("and no script element came of it",
          not driver.execute_script("return document.querySelectorAll('main script').length"))
    submit(driver.find_element(By.CSS_SELECTOR, "form[action='/signout'] button"))

    for i in range(5):
        sign_in("V1", "0000")
    check("five wrong PINs lock the volunteer out", "锁定至" in driver.page_source)
    driver.save_screenshot(os.path.join(shots, "phone_locked.png"))
    sign_in("V1", "2468")
    check("the right PIN is refused while locked", driver.current_url.endswith("/signin"))
    kiosk = subprocess.run([vstation, "kiosk", "--station", "icity"], env=env, text=True,
                           input="V1\n2468\n", capture_output=True)
    check("the kiosk refuses them too", "Locked after wrong PINs" in kiosk.stdout)
    driver.quit()
finally:
    server.terminate()
    server.wait(timeout=10)
    world.remove()
sys.exit(1 if failures else 0)
