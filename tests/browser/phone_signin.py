#!/usr/bin/env python3
"""A volunteer on a phone (390x844, Chinese) in a real browser: headless Chromium driven by
Selenium against `vstation serve` on 127.0.0.1. Signs in with number and PIN, sees their own page,
signs out; five wrong PINs lock them out, and the kiosk's lockout says so too. Screenshots go to
the directory given as the second argument. Exit 77 (skipped) when Chromium, chromedriver or
Selenium is missing."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402  (skips with 77 when no browser is installed)
import time

vstation, shots = sys.argv[1], sys.argv[2]
try:
    from selenium import webdriver
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.expected_conditions import staleness_of
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    print("skipped: python3-selenium is not installed")
    sys.exit(77)
if not shutil.which("chromedriver") or not (shutil.which("chromium") or shutil.which("chromium-browser")):
    print("skipped: chromium or chromium-driver is not installed")
    sys.exit(77)

work = tempfile.mkdtemp()
env = dict(os.environ, VSTATION_DB=os.path.join(work, "t.db"), TZ="UTC", LANG="C.UTF-8",
           VSTATION_NOW="2023-07-03T10:00+08:00")


def run(*args, stdin=None):
    subprocess.run([vstation, *args], env=env, input=stdin, text=True, check=True,
                   capture_output=True)


run("station", "add", "--code", "icity", "--name", "I城志愿服务站")
run("volunteer", "add", "--number", "V1", "--name", "张三", "--join-date", "2023-03-04")
run("volunteer", "add", "--number", "V2", "--name", "<script>alert(1)</script>", "--join-date", "2023-03-04")
run("pin", "set", "--volunteer", "V1", stdin="2468\n")
run("pin", "set", "--volunteer", "V2", stdin="1357\n")
run("pin", "coordinator", stdin="9999\n")
server = subprocess.Popen([vstation, "serve", "--listen", "127.0.0.1:0"], env=env,
                          stdout=subprocess.PIPE, text=True)
failures = []
try:
    line = server.stdout.readline()
    port = re.search(r"127\.0\.0\.1:(\d+)", line).group(1)
    base = f"http://127.0.0.1:{port}"
    options = webdriver.ChromeOptions()
    for a in ["--headless=new", "--no-sandbox"]:
        options.add_argument(a)
    # A phone's viewport (a headless window is never narrower than 500 px).
    options.add_experimental_option(
        "mobileEmulation", {"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 2}})
    options.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN"})
    driver = webdriver.Chrome(options=options)

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
    check("the page greets them by name, in Chinese", "张三，你好" in driver.page_source)
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
    shutil.rmtree(work, ignore_errors=True)
sys.exit(1 if failures else 0)
