#!/usr/bin/env python3
"""A coordinator in a real browser (headless Chromium through Selenium against `vstation serve`):
on a phone (390x844, Chinese) signs in at /staff/signin, sees their home page (who, role,
station, the staff pages' bar) without sideways scrolling, signs out; a volunteer's page sends
them back to theirs; five wrong passwords lock the account. On a tablet (1280x800, English) the
district signs in. Screenshots go to the directory given as the second argument. Exit 77
(skipped) when Chromium, chromedriver or Selenium is missing."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402  (skips with 77 when no browser is installed)
from selenium.webdriver.common.by import By  # noqa: E402

vstation, shots = sys.argv[1], sys.argv[2]
world = harness.World(vstation)
run = world.run
run("station", "add", "--code", "icity", "--name", "I城志愿服务站")
run("user", "add", "alice", "--role", "coordinator", "--station", "icity", "--name", "王丽华",
    stdin="correct horse battery\n")
run("user", "add", "dora", "--role", "district", "--name", "District office",
    stdin="district password\n")
server, base = harness.serve(vstation, world.env)
check = harness.Checks()
try:
    driver = harness.browser(harness.PHONE, "zh-CN")

    def sign_in(login, password):
        harness.staff_sign_in(driver, base, login, password)

    driver.get(base + "/staff")
    check("a stranger on a staff page is sent to the staff sign-in",
          driver.current_url.endswith("/staff/signin"))
    check("the form is labelled, in Chinese", "登录名" in driver.page_source)
    driver.save_screenshot(os.path.join(shots, "staff_phone_signin.png"))
    sign_in("alice", "correct horse battery")
    check("signed in lands on the staff home page", driver.current_url.endswith("/staff"))
    body = driver.find_element(By.TAG_NAME, "main").text
    check("it names the account, the role and the station",
          "王丽华" in body and "站长" in body and "I城志愿服务站" in body)
    check("the staff pages' bar is there",
          len(driver.find_elements(By.CSS_SELECTOR, "nav.pages a[href='/staff']")) == 1)
    width = driver.execute_script("return document.documentElement.scrollWidth")
    check(f"nothing wider than the phone ({width}px)", width <= harness.PHONE[0])
    driver.save_screenshot(os.path.join(shots, "staff_phone_home.png"))
    driver.get(base + "/me")
    check("a volunteer's page sends staff back to theirs", driver.current_url.endswith("/staff"))
    harness.submit(driver, driver.find_element(By.CSS_SELECTOR,
                                                "form[action='/staff/signout'] button"))
    check("signing out returns to the staff sign-in", driver.current_url.endswith("/staff/signin"))
    for _ in range(5):
        sign_in("alice", "not the password")
    check("five wrong passwords lock the account", "锁定至" in driver.page_source)
    driver.save_screenshot(os.path.join(shots, "staff_phone_locked.png"))
    sign_in("alice", "correct horse battery")
    check("the right password is refused while locked",
          driver.current_url.endswith("/staff/signin"))
    driver.quit()

    driver = harness.browser(harness.TABLET, "en")
    sign_in("dora", "district password")
    body = driver.find_element(By.TAG_NAME, "main").text
    check("the district signs in on a desktop and sees every station",
          "District office" in body and "every station" in body)
    driver.save_screenshot(os.path.join(shots, "staff_desktop_home.png"))
    driver.quit()
finally:
    server.terminate()
    server.wait(timeout=10)
    world.remove()
sys.exit(check.status())
