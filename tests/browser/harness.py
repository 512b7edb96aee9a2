"""What every browser test shares: the skip when no browser is installed, the phone and tablet
viewports, starting `vstation serve` on 127.0.0.1, waiting for a form's next page, and the
ok/FAIL lines. Imported by the scripts beside it."""
import atexit
import os
import re
import shutil
import subprocess
import sys
import tempfile

try:
    from selenium import webdriver
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    print("skipped: python3-selenium is not installed")
    sys.exit(77)
if not shutil.which("chromedriver") or not (shutil.which("chromium")
                                            or shutil.which("chromium-browser")):
    print("skipped: chromium or chromium-driver is not installed")
    sys.exit(77)

PHONE = (390, 844)
NOW = "2023-07-03T10:00+08:00"  # a Monday: every script's pinned clock


def _pg_url(base, name):
    """`base` (a PostgreSQL URL naming its maintenance database) with the database `name`."""
    head, _, query = base.partition("?")
    return head.rsplit("/", 1)[0] + "/" + name + ("?" + query if query else "")


class World:
    """A fresh database in a temporary directory, a fixed time zone and the pinned clock, and
    `run` for the vstation command line on it. With VSTATION_BROWSER_PG_URL (a PostgreSQL
    server's maintenance database) the database is a fresh one on that server instead, dropped
    by remove()."""

    def __init__(self, vstation, now=NOW):
        self.vstation = vstation
        self.work = tempfile.mkdtemp()
        self.pg_base = os.environ.get("VSTATION_BROWSER_PG_URL", "")
        self.pg_name = ""
        db = os.path.join(self.work, "t.db")
        if self.pg_base:
            self.pg_name = f"vstation_browser_{os.getpid()}"
            subprocess.run(["psql", "-X", "-q", self.pg_base, "-c",
                            f"DROP DATABASE IF EXISTS {self.pg_name}", "-c",
                            f"CREATE DATABASE {self.pg_name}"], check=True, capture_output=True)
            db = _pg_url(self.pg_base, self.pg_name)
        self.env = dict(os.environ, VSTATION_DB=db, TZ="UTC", LANG="C.UTF-8", VSTATION_NOW=now)

    def run(self, *args, stdin=None):
        """Runs `vstation ARGS` in the work directory; its standard output."""
        return subprocess.run([self.vstation, *args], env=self.env, input=stdin, text=True,
                              check=True, capture_output=True, cwd=self.work).stdout

    def remove(self):
        shutil.rmtree(self.work, ignore_errors=True)
        if self.pg_name:
            subprocess.run(["psql", "-X", "-q", self.pg_base, "-c",
                            f"DROP DATABASE IF EXISTS {self.pg_name} WITH (FORCE)"],
                           capture_output=True)
TABLET = (1280, 800)


# WeChat's built-in browser on Android (XWeb, a Chromium), as its user agent names itself.
WECHAT_UA = ("Mozilla/5.0 (Linux; Android 13; M2102J2SC) AppleWebKit/537.36 (KHTML, like Gecko) "
             "Version/4.0 Chrome/111.0.5563.116 Mobile Safari/537.36 XWEB/5235 MMWEBSDK/20230701 "
             "MicroMessenger/8.0.40.2420(0x28002837) WeChat/arm64 Weixin NetType/WIFI "
             "Language/zh_CN ABI/arm64")
SMALL_PHONE = (360, 640)


def browser(size=PHONE, lang="zh-CN", user_agent=None):
    """Headless Chromium at a viewport of `size`, asking for pages in `lang`. A phone is emulated
    (a headless window is never narrower than 500 px); a tablet is a window of that size.
    `user_agent`: what the browser calls itself (WECHAT_UA: as WeChat's)."""
    options = webdriver.ChromeOptions()
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu"]:
        options.add_argument(a)
    if size[0] < 500:
        emulation = {"deviceMetrics": {"width": size[0], "height": size[1], "pixelRatio": 2}}
        if user_agent:
            emulation["userAgent"] = user_agent
        options.add_experimental_option("mobileEmulation", emulation)
    else:
        options.add_argument(f"--window-size={size[0]},{size[1]}")
        if user_agent:
            options.add_argument(f"--user-agent={user_agent}")
    options.add_experimental_option("prefs", {"intl.accept_languages": lang})
    # Chromium leaves a directory for its process-singleton socket in TMPDIR whenever the driver
    # ends it: each browser gets a TMPDIR of its own, removed when the script ends.
    scratch = tempfile.mkdtemp(prefix="vstation-browser-")
    atexit.register(shutil.rmtree, scratch, ignore_errors=True)
    service = Service(env=dict(os.environ, TMPDIR=scratch))
    return webdriver.Chrome(options=options, service=service)


def serve(vstation, env, *args):
    """`vstation serve` on a free port of 127.0.0.1: (process, base URL)."""
    server = subprocess.Popen([vstation, "serve", "--listen", "127.0.0.1:0", *args], env=env,
                              stdout=subprocess.PIPE, text=True)
    line = server.stdout.readline()
    found = re.search(r"127\.0\.0\.1:(\d+)", line)
    if not found:
        server.kill()
        raise RuntimeError(f"vstation serve did not start: {line!r}")
    return server, f"http://127.0.0.1:{found.group(1)}"


def submit(driver, button, timeout=20):
    """Clicks and waits until the next page has loaded. The document's time origin changes with
    every page load; comparing it avoids asking the driver about an element of a page being
    torn down (which a loaded machine turns into random inspector errors)."""
    before = driver.execute_script("return performance.timeOrigin")
    button.click()

    def loaded(d):
        try:
            return d.execute_script(
                "return document.readyState === 'complete' && performance.timeOrigin") \
                not in (False, before)
        except WebDriverException:
            return False
    WebDriverWait(driver, timeout).until(loaded)


def staff_sign_in(driver, base, login, password):
    """Signs a staff account in by the form at /staff/signin."""
    driver.get(base + "/staff/signin")
    driver.find_element(By.ID, "login").send_keys(login)
    driver.find_element(By.ID, "password").send_keys(password)
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form button"))


def unlabelled(driver):
    """The page's controls that a screen reader cannot name (no <label for>, no enclosing label,
    no text, no aria-label) or that the keyboard cannot reach (tabindex < 0)."""
    return driver.execute_script("""
      var out = [];
      document.querySelectorAll('input:not([type=hidden]), select, textarea, button, summary, a')
        .forEach(function (e) {
          var named = (e.id && document.querySelector('label[for="' + e.id + '"]'))
            || e.closest('label') || (e.textContent || '').trim() || e.getAttribute('aria-label');
          if (!named || e.tabIndex < 0) out.push(e.outerHTML.slice(0, 80));
        });
      return out;""")


class Checks:
    """ok/FAIL lines; the exit status counts the failures."""

    def __init__(self):
        self.failures = []

    def __call__(self, what, ok):
        print(("ok   " if ok else "FAIL ") + what, flush=True)
        if not ok:
            self.failures.append(what)
        return ok

    def status(self):
        return 1 if self.failures else 0
