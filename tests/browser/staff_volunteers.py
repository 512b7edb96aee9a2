#!/usr/bin/env python3
"""A coordinator's volunteers in a real browser (headless Chromium through Selenium against
`vstation serve`): on a phone (390x844, Chinese) the list of the station's 60 volunteers, masked,
in pages, searched by name; a volunteer's page; their phone revealed with the coordinator's own
password (a wrong one first, which shows nothing); on a desktop (1280x800, English) the same
pages. A coordinator of station A gets 404 for a station B volunteer's page and API address.
Screenshots in both languages go to the directory given as the second argument. Exit 77
(skipped) when Chromium, chromedriver or Selenium is missing."""
import http.cookiejar
import json
import os
import sys
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402  (skips with 77 when no browser is installed)
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

vstation, shots = sys.argv[1], sys.argv[2]
world = harness.World(vstation)
run = world.run
run("station", "add", "--code", "icity", "--name", "I城志愿服务站")
run("station", "add", "--code", "bcity", "--name", "B城志愿服务站")
with open(os.path.join(world.work, "volunteers.csv"), "w", encoding="utf-8") as f:
    f.write("number,name,phone,join_date,home_station\n")
    f.write("V01,张三丰,13812345678,2023-03-04,icity\n")
    f.write("V02,<script>alert(1)</script>,13912345670,2023-03-04,icity\n")
    for i in range(3, 61):
        f.write(f"V{i:02},志愿者{i},1370000{i:04},2023-03-04,icity\n")
    f.write("B01,李四,13687654321,2023-03-04,bcity\n")
run("import", "volunteers", "volunteers.csv")
run("user", "add", "alice", "--role", "coordinator", "--station", "icity", "--name", "王丽华",
    stdin="correct horse battery\n")
run("user", "add", "bob", "--role", "coordinator", "--station", "bcity", "--name", "Bob",
    stdin="bob's long password\n")
server, base = harness.serve(vstation, world.env, "--station", "icity")
check = harness.Checks()


def api(path, cookie=None, body=None):
    """(status, JSON) of an API call, with the session cookie `cookie` (a value) if given."""
    req = urllib.request.Request(base + path, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    if cookie:
        req.add_header("Cookie", "vs_session=" + cookie)
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    try:
        with opener.open(req) as r:
            got = {c.name: c.value for c in jar}
            return r.status, json.loads(r.read() or b"null"), got.get("vs_session")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null"), None


try:
    # Station B's volunteer, as Bob's API sees it.
    status, _, bob = api("/api/v1/staff/signin", body={"login": "bob",
                                                       "password": "bob's long password"})
    check("bob signs in through the API", status == 200 and bob)
    status, theirs, _ = api("/api/v1/staff/volunteers", bob)
    check("bob's list holds only station B's volunteer", status == 200 and theirs["total"] == 1)
    b01 = theirs["volunteers"][0]["id"]

    driver = harness.browser(harness.PHONE, "zh-CN")

    def sign_in(login, password):
        harness.staff_sign_in(driver, base, login, password)

    def fits(what):
        width = driver.execute_script("return document.documentElement.scrollWidth")
        check(f"{what}: nothing wider than the window ({width}px)",
              width <= driver.execute_script("return window.innerWidth"))

    sign_in("alice", "correct horse battery")
    driver.find_element(By.CSS_SELECTOR, "nav.pages a[href='/staff/volunteers']").click()
    body = driver.find_element(By.TAG_NAME, "main").text
    check("the bar leads to the list, in Chinese", "编号或姓名" in body)
    check("phones are masked", "138******78" in body and "13812345678" not in body)
    check("a name holding markup shows as text", "<script>alert(1)</script>" in body)
    check("station B's volunteer is not listed", "李四" not in body)
    check("a page of 50 of the 60", "共 60 名志愿者" in body and "第 1 页，共 2 页" in body)
    fits("the list on a phone")
    driver.save_screenshot(os.path.join(shots, "staff_volunteers_phone_zh.png"))
    harness.submit(driver, driver.find_element(By.CSS_SELECTOR, "nav.pager a[rel=next]"))
    check("the next page", "V60" in driver.find_element(By.TAG_NAME, "main").text)
    # Search by name, with the keyboard only.
    box = driver.find_element(By.ID, "q")
    box.clear()
    box.send_keys("张三")
    Select(driver.find_element(By.ID, "skill")).select_by_index(0)
    harness.submit(driver, driver.find_element(By.CSS_SELECTOR, "form.search button"))
    rows = driver.find_elements(By.CSS_SELECTOR, "li.person")
    check("the search finds the one volunteer", len(rows) == 1 and "张三丰" in rows[0].text)
    harness.submit(driver, rows[0].find_element(By.TAG_NAME, "a"))
    page = driver.find_element(By.TAG_NAME, "main").text
    check("their page: masked phone, hours, shifts", "138******78" in page and "本季度" in page)
    fits("a volunteer's page on a phone")
    driver.save_screenshot(os.path.join(shots, "staff_volunteer_phone_zh.png"))
    # A wrong password shows nothing; the right one the phone, once.
    Select(driver.find_element(By.ID, "field")).select_by_value("phone")
    driver.find_element(By.ID, "password").send_keys("not my password")
    harness.submit(driver, driver.find_element(By.CSS_SELECTOR, "form.reveal button"))
    check("a wrong password reveals nothing",
          "密码错误" in driver.page_source and "13812345678" not in driver.page_source)
    Select(driver.find_element(By.ID, "field")).select_by_value("phone")
    driver.find_element(By.ID, "password").send_keys("correct horse battery")
    harness.submit(driver, driver.find_element(By.CSS_SELECTOR, "form.reveal button"))
    check("the right password reveals the phone",
          driver.find_element(By.CSS_SELECTOR, "strong.revealed").text == "13812345678")
    driver.save_screenshot(os.path.join(shots, "staff_volunteer_phone_zh_revealed.png"))
    driver.get(driver.current_url)  # the page again (a GET): masked again
    check("the next look is masked again", "13812345678" not in driver.page_source)
    # Station B's volunteer: 404 by URL and by API, with alice's own session.
    alice = driver.get_cookie("vs_session")["value"]
    try:
        urllib.request.urlopen(urllib.request.Request(
            base + f"/staff/volunteers/{b01}", headers={"Cookie": "vs_session=" + alice}))
        page_status = 200
    except urllib.error.HTTPError as e:
        page_status = e.code
    check("station B's volunteer's page is 404 for station A's coordinator", page_status == 404)
    driver.get(base + f"/staff/volunteers/{b01}")
    check("and shows nothing of them", "李四" not in driver.page_source)
    status, answer, _ = api(f"/api/v1/staff/volunteers/{b01}", alice)
    check("and the API answers 404", status == 404 and "李四" not in json.dumps(answer))
    driver.get(base + "/staff/volunteers?lang=en")
    fits("the list on a phone, in English")
    driver.save_screenshot(os.path.join(shots, "staff_volunteers_phone_en.png"))
    driver.quit()

    driver = harness.browser(harness.TABLET, "en")
    sign_in("alice", "correct horse battery")
    driver.get(base + "/staff/volunteers")
    check("the list on a desktop, in English", "Number or name" in driver.page_source)
    fits("the list on a desktop")
    driver.save_screenshot(os.path.join(shots, "staff_volunteers_desktop_en.png"))
    driver.find_element(By.LINK_TEXT, "V01 张三丰").click()
    check("a volunteer's page in English", "This quarter" in driver.page_source)
    driver.save_screenshot(os.path.join(shots, "staff_volunteer_desktop_en.png"))
    # Every control is reachable by Tab and labelled.
    unlabelled = driver.execute_script("""
      return [...document.querySelectorAll('main input:not([type=hidden]), main select')]
        .filter(e => !(e.id && document.querySelector('label[for="' + e.id + '"]')))
        .map(e => e.name);""")
    check(f"every field has a label ({unlabelled})", unlabelled == [])
    untabbable = driver.execute_script("""
      return [...document.querySelectorAll(
        'main a, main button, main input:not([type=hidden]), main select')]
        .filter(e => e.tabIndex < 0).length;""")
    check("every control is reachable by Tab", untabbable == 0)
    driver.get(driver.current_url + "?lang=zh")
    driver.save_screenshot(os.path.join(shots, "staff_volunteer_desktop_zh.png"))
    driver.quit()
finally:
    server.terminate()
    server.wait(timeout=10)
    world.remove()
sys.exit(check.status())
