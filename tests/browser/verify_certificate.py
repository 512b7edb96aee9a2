#!/usr/bin/env python3
"""The public certificate check (issue 16 point 6) in a real browser: the station sets its public
address, the coordinator issues a certificate, and a third party (no session, no account) opens
the address the certificate gives on a phone (390x844, Chinese), sees it valid with the hours, the
period and the station and nothing about the person; on a desktop (1280x800, English) they type the
serial and the code as people type them, then a forged code. The printed certificate is shown at A4
width and on a 360-px phone. Screenshots go to the directory given as the second argument. Exit 77
(skipped) when Chromium, chromedriver or Selenium is missing."""
import os
import re
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402  (skips with 77 when no browser is installed)

vstation, shots = sys.argv[1], sys.argv[2]
from selenium.webdriver.common.by import By  # noqa: E402

world = harness.World(vstation)
work, env, run = world.work, world.env, world.run
NAME, PHONE_NUMBER, ID_NUMBER = "王小明", "13912345678", "E98765432"

run("station", "add", "--code", "icity", "--name", "I城志愿服务站", "--person-in-charge", "李站长",
    "--contact", "0755-12345678")
run("project", "add", "--code", "P1", "--station", "icity", "--name", "交通劝导", "--category",
    "traffic_persuasion", "--published", "2023-03-01", "--starts", "2023-03-04")
run("volunteer", "add", "--number", "V1", "--name", NAME, "--phone", PHONE_NUMBER, "--id-type",
    "passport", "--id-number", ID_NUMBER, "--join-date", "2023-03-04")
run("shift", "add", "--station", "icity", "--project", "P1", "--date", "2023-05-01", "--start",
    "16:00", "--end", "20:00", "--slots", "2")
run("assignment", "add", "--volunteer", "V1", "--station", "icity", "--project", "P1", "--date",
    "2023-05-01", "--start", "16:00")
run("checkin", "--volunteer", "V1", "--at", "2023-05-01T15:50")
run("checkout", "--volunteer", "V1", "--at", "2023-05-01T20:03")

server, base = harness.serve(vstation, env)
check = harness.Checks()
drivers = []
try:
    # The address is the server's (its port is chosen at start); the certificate's QR code then
    # opens BASE/verify?serial=…&code=… (the unit tests check the QR drawn is that address's).
    run("station", "public-url", "icity", "--url", base)
    text = run("certificate", "issue", "V1", "--from", "2023-04-01", "--to", "2023-06-30")
    run("certificate", "issue", "V1", "--from", "2023-04-01", "--to", "2023-06-30", "--format",
        "html", "--out", "cert.html")
    serial = re.search(r"ICITY-2023-\d{6}", text).group(0)
    code = re.search(r"Verification code: ([0-9a-f-]{19})", text).group(1)
    check("the printed certificate names the public check",
          f"open {base}/verify and type the serial number" in text)
    qr_url = f"{base}/verify?serial={serial}&code={code}"

    def shot(driver, name):
        driver.save_screenshot(os.path.join(shots, name))

    def fits(driver, what, width):
        scroll = driver.execute_script("return document.documentElement.scrollWidth")
        check(f"{what}: nothing wider than {width}px ({scroll}px)", scroll <= width)

    def private(driver, what):
        body = driver.find_element(By.TAG_NAME, "body").text
        src = driver.page_source
        check(f"{what}: no name, number, phone or ID",
              not any(s in body or s in src for s in [NAME, "王", PHONE_NUMBER, ID_NUMBER, "V1 "])
              and "*****" not in src)

    # A third party's phone opens the QR code's address.
    phone = harness.browser(harness.PHONE, "zh-CN")
    drivers.append(phone)
    phone.get(qr_url)
    body = phone.find_element(By.TAG_NAME, "body").text
    check("phone: valid, in Chinese", "有效：本证明与出具服务站的记录一致" in body)
    check("phone: the station, the period and the hours",
          "I城志愿服务站" in body and "2023-04-01 至 2023-06-30" in body and "4.0" in body)
    check("phone: the serial shown", serial in body)
    private(phone, "phone")
    fits(phone, "phone", 390)
    shot(phone, "verify_phone_valid_zh.png")

    # The printed certificate on a 360-px phone and at A4 width.
    small = harness.browser((360, 740), "zh-CN")
    drivers.append(small)
    small.get("file://" + os.path.join(work, "cert.html"))
    fits(small, "certificate on a 360-px phone", 360)
    shot(small, "certificate_phone_360.png")

    # A desktop: typed by hand, as people type (lower case, the code without dashes in capitals).
    desk = harness.browser(harness.TABLET, "en")
    drivers.append(desk)
    desk.get(base + "/verify")
    check("desktop: the form is labelled",
          desk.find_element(By.CSS_SELECTOR, "label[for=serial]").text == "Serial number"
          and desk.find_element(By.CSS_SELECTOR, "label[for=code]").text == "Verification code")
    desk.find_element(By.ID, "serial").send_keys(" " + serial.lower() + " ")
    desk.find_element(By.ID, "code").send_keys(code.replace("-", "").upper())
    shot(desk, "verify_desktop_form_en.png")
    harness.submit(desk, desk.find_element(By.CSS_SELECTOR, "form button"))
    body = desk.find_element(By.TAG_NAME, "body").text
    check("desktop: valid, in English", "Valid: this certificate matches the records" in body)
    check("desktop: period and hours", "2023-04-01 to 2023-06-30" in body and "4.0" in body)
    private(desk, "desktop")
    shot(desk, "verify_desktop_valid_en.png")

    # A forged code: one clear answer, nothing of the certificate.
    forged = code[:-1] + ("0" if code[-1] != "0" else "1")
    desk.get(base + "/verify?" + urllib.parse.urlencode({"serial": serial, "code": forged}))
    body = desk.find_element(By.TAG_NAME, "body").text
    check("desktop: a forged code is refused",
          "no certificate has this serial number and verification code" in body
          and "I城志愿服务站" not in body)
    shot(desk, "verify_desktop_forged_en.png")

    # The printed certificate at A4 width (210 mm at 96 dpi is 794 px).
    desk.set_window_size(794, 1123)
    desk.get("file://" + os.path.join(work, "cert.html"))
    fits(desk, "certificate at A4 width", 794)
    shot(desk, "certificate_a4.png")
    pdf = desk.execute_cdp_cmd("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69,
                                                     "preferCSSPageSize": True})
    import base64
    pages = base64.b64decode(pdf["data"]).count(b"/Type /Page\n") + \
        base64.b64decode(pdf["data"]).count(b"/Type /Page\r")
    pages = pages or len(re.findall(rb"/Type\s*/Page[^s]", base64.b64decode(pdf["data"])))
    check(f"certificate prints on one A4 page ({pages})", pages == 1)
finally:
    for d in drivers:
        d.quit()
    server.terminate()
    server.wait(timeout=10)
    world.remove()
sys.exit(check.status())
