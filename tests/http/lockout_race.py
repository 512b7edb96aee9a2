#!/usr/bin/env python3
"""The five-failure lockout under guesses sent at once, through `vstation serve` on 127.0.0.1 (the
standard library only): fifteen wrong PINs (or passwords) and the right one at the same moment.
Each is checked (Argon2id) beside the others, so the lock is decided after the check, not
before it: the right one is let in only while fewer than five failures were on record, and
every guess after the fifth is refused as locked (403), not answered "wrong" (401). Until
2026-12-06 eleven were answered "wrong" and the right one signed in after the lock.

usage: lockout_race.py VSTATION_BINARY"""
import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import urllib.parse

vstation = sys.argv[1]
signal.alarm(120)  # bounded whatever happens
failures = []


def check(what, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + what + ("" if ok else f" ({detail})"))
    if not ok:
        failures.append(what)


def burst(port, path, fields, secret_field, wrong, right):
    """Sixteen sign-ins at once: their (status, accepted) answers, the right one's last."""
    guesses = [wrong + str(i) for i in range(15)] + [right]
    barrier, out = threading.Barrier(len(guesses)), [None] * len(guesses)

    def post(i):
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        body = urllib.parse.urlencode(dict(fields, **{secret_field: guesses[i]}))
        barrier.wait()
        c.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})
        r = c.getresponse()
        r.read()
        out[i] = r.status
        c.close()

    threads = [threading.Thread(target=post, args=(i,)) for i in range(len(guesses))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


for round_ in range(2):
    work = tempfile.mkdtemp()
    env = dict(os.environ, VSTATION_DB=os.path.join(work, "t.db"), TZ="UTC", LANG="C.UTF-8",
               VSTATION_NOW="2023-07-03T10:00+08:00")
    env.pop("VSTATION_TEST_PG_URL", None)
    for args, stdin in ((["station", "add", "--code", "icity", "--name", "I城"], None),
                        (["volunteer", "add", "--number", "V1", "--name", "张三", "--join-date",
                          "2023-01-01"], None),
                        (["pin", "set", "V1"], "2468\n"),
                        (["user", "add", "bob", "--role", "coordinator", "--station", "icity"],
                         "password1234\n")):
        subprocess.run([vstation] + args, env=env, input=stdin, text=True, check=True,
                       capture_output=True)
    server = subprocess.Popen([vstation, "serve", "--listen", "127.0.0.1:0", "--threads", "2"],
                              env=env, stdout=subprocess.PIPE, text=True)
    try:
        port = int(re.search(r"127\.0\.0\.1:(\d+)", server.stdout.readline()).group(1))
        for who, path, fields, field, wrong, right in (
                # Wrong guesses a PIN could be (5 or 6 digits): others are refused unread.
                ("volunteer PIN", "/signin", {"number": "V1"}, "pin", "9900", "2468"),
                ("staff password", "/staff/signin", {"login": "bob"}, "password", "wrongpassword",
                 "password1234")):
            out = burst(port, path, fields, field, wrong, right)
            wrong_answers = out[:15].count(401)
            let_in = out[15] == 303
            check(f"round {round_ + 1}, {who}: no answer but 401, 403 and 303",
                  set(out) <= {401, 403, 303}, out)
            # Let in only before the fifth failure (the count then starts again): at most four
            # "wrong" before it and four after; refused, at most four before the lock.
            check(f"round {round_ + 1}, {who}: guesses past the fifth failure are refused as locked",
                  wrong_answers <= (8 if let_in else 4), out)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(work, ignore_errors=True)

print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
