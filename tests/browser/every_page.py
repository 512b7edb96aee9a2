#!/usr/bin/env python3
"""Every page of every user, in a real browser (headless Chromium, a 390x844 phone), in Chinese
and in English, on the demo station: the public pages, a volunteer's, and each staff role's
(every link of their navigation bar, a volunteer's page, another week). On each page: no
"no such page" or server error, nothing wider than the phone, every control labelled for a
screen reader and reachable by Tab (harness.unlabelled), and one link of the bar marked as the
current page. One screenshot per role and language.
Exit 77 (skipped) when Chromium, chromedriver or Selenium is missing."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402  (skips with 77 when no browser is installed)

vstation, shots = sys.argv[1], sys.argv[2]
os.makedirs(shots, exist_ok=True)
from selenium.webdriver.common.by import By  # noqa: E402

data = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data", "demo")
world = harness.World(vstation)
run = world.run
run("import", "all", data)
run("pin", "set", "--volunteer", "V0001", stdin="2468\n")
# One certificate issued, so that the staff's list of them is a table on the phone.
run("certificate", "issue", "V0031", "--format", "text", "--out",
    os.path.join(shots, "every_page_certificate.txt"))
for login, role, station, password in [("alice", "coordinator", "icity", "coordinator password"),
                                       ("sue", "secretary", "icity", "secretary password"),
                                       ("dora", "district", None, "district password")]:
    run("user", "add", login, "--role", role, *(["--station", station] if station else []),
        stdin=password + "\n")
server, base = harness.serve(vstation, world.env)
check = harness.Checks()


def look(driver, path):
    driver.get(base + path)
    source = driver.page_source
    broken = any(s in source for s in ("No such page", "页面不存在", "internal error"))
    width = driver.execute_script("return document.documentElement.scrollWidth")
    bad = harness.unlabelled(driver)
    marked = len(driver.find_elements(By.CSS_SELECTOR, "nav.pages a[aria-current]"))
    in_bar = len(driver.find_elements(By.CSS_SELECTOR, "nav.pages"))
    check(f"{path}: a page, {width}px wide, every control labelled and reachable {bad}, "
          f"{marked} link of its bar marked as current",
          not broken and width <= harness.PHONE[0] and not bad and marked == in_bar)


def nav_links(driver):
    return [a.get_attribute("href")[len(base):]
            for a in driver.find_elements(By.CSS_SELECTOR, "nav.pages a")]


try:
    for lang, tag in [("zh-CN", "zh"), ("en", "en")]:
        driver = harness.browser(harness.PHONE, lang)
        for path in ["/signin", "/staff/signin", "/verify", "/poster"]:
            look(driver, path)

        driver.get(base + "/signin")
        driver.find_element(By.ID, "number").send_keys("V0001")
        driver.find_element(By.ID, "pin").send_keys("2468")
        harness.submit(driver, driver.find_element(By.CSS_SELECTOR, "form button"))
        links = nav_links(driver)
        check(f"the volunteer's bar has their pages ({links})", "/me" in links and len(links) >= 4)
        for path in links:
            look(driver, path)
        driver.save_screenshot(os.path.join(shots, f"every_page_volunteer_{tag}.png"))
        driver.delete_all_cookies()

        for login, password, extra in [("alice", "coordinator password", ""),
                                       ("sue", "secretary password", ""),
                                       ("dora", "district password", "?station=1")]:
            harness.staff_sign_in(driver, base, login, password)
            links = nav_links(driver)
            check(f"{login}'s bar has their pages ({links})", "/staff" in links and len(links) >= 3)
            for path in links:
                look(driver, path if path == "/staff" or "?" in path else path + extra)
            if "/staff/week" in links:
                look(driver, "/staff/week" + (extra + "&" if extra else "?") + "week=2023-W26")
            if "/staff/volunteers" in links:
                driver.get(base + "/staff/volunteers")
                first = driver.find_element(By.CSS_SELECTOR, "main a[href^='/staff/volunteers/']")
                look(driver, first.get_attribute("href")[len(base):])
            driver.save_screenshot(os.path.join(shots, f"every_page_{login}_{tag}.png"))
            driver.delete_all_cookies()
        driver.quit()

    # A certificate opened on the smallest phone: every figure and heading on one line (its table's
    # columns squeezed, "50.6" once broke after "50.", 人次 between its characters), nothing
    # wider than the phone.
    driver = harness.browser(harness.SMALL_PHONE)
    for lang in ["zh", "en"]:
        document = os.path.join(shots, f"every_page_certificate_{lang}.html")
        run("--lang", lang, "certificate", "V0046", "--format", "html", "--out", document)
        driver.get("file://" + os.path.abspath(document))
        split = driver.execute_script(
            "return [...document.querySelectorAll('td.n, th')].filter(cell => {"
            "  const r = document.createRange(); r.selectNodeContents(cell);"
            "  return r.getClientRects().length > 1; }).map(cell => cell.textContent)")
        width = driver.execute_script("return document.documentElement.scrollWidth")
        check(f"the certificate ({lang}) at {harness.SMALL_PHONE[0]}px: figures, headings split {split}, "
              f"{width}px wide", not split and width <= harness.SMALL_PHONE[0])
        driver.save_screenshot(os.path.join(shots, f"every_page_certificate_{lang}.png"))
    driver.quit()
finally:
    server.terminate()
    server.wait(timeout=10)
    world.remove()
sys.exit(check.status())
