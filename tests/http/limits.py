#!/usr/bin/env python3
"""`vstation serve`'s limits through a real socket on 127.0.0.1 (the standard library only): an
oversized or endless body is refused with 413, a malformed request line or header with 400, too
many or too large header fields with 431, a request target longer than the header limit with
414 (each in the language of what was read of the request, JSON under /api/), a HEAD request
gets the GET's headers without its body, and a client that sends its request a byte at a time, headers or body, is cut off at the
per-request deadline (shortened to 3 s here through $VSTATION_TEST_REQUEST_DEADLINE) -- while
the server keeps answering everyone else.

usage: limits.py VSTATION_BINARY"""
import os
import re
import select
import shutil
import signal
import sqlite3
import socket
import subprocess
import sys
import tempfile
import threading
import time

DEADLINE = 3
vstation = sys.argv[1]
signal.alarm(120)  # bounded whatever happens
work = tempfile.mkdtemp()
env = dict(os.environ, VSTATION_DB=os.path.join(work, "t.db"), TZ="UTC", LANG="C.UTF-8",
           VSTATION_NOW="2023-07-03T10:00+08:00", VSTATION_TEST_REQUEST_DEADLINE=str(DEADLINE))
env.pop("VSTATION_TEST_PG_URL", None)
subprocess.run([vstation, "station", "add", "--code", "icity", "--name", "I城"], env=env,
               check=True, capture_output=True)
# A session that expired long ago: the server's housekeeping deletes it at start.
with sqlite3.connect(env["VSTATION_DB"]) as db:
    db.execute("INSERT INTO volunteers (number, name, join_date) VALUES ('V1', 'x', '2023-01-01')")
    db.execute("INSERT INTO web_sessions (token_hash, csrf_hash, volunteer_id, created_at, "
               "last_seen_at, expires_at, idle_seconds, idle_expires_at) "
               "VALUES (?, ?, 1, 0, 0, 100, 1800, 100)", ("a" * 64, "b" * 64))
server = subprocess.Popen([vstation, "serve", "--listen", "127.0.0.1:0", "--threads", "2"],
                          env=env, stdout=subprocess.PIPE, text=True)
failures = []


def check(what, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + what + ("" if ok else f" ({detail})"))
    if not ok:
        failures.append(what)


def connect():
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def read_reply(s, limit=10.0):
    """What the server sent until it closed the connection or `limit` seconds passed."""
    data, end = b"", time.monotonic() + limit
    while time.monotonic() < end:
        ready, _, _ = select.select([s], [], [], max(0.0, end - time.monotonic()))
        if not ready:
            break
        try:
            chunk = s.recv(65536)
        except (ConnectionResetError, BrokenPipeError):
            break
        if not chunk:
            break
        data += chunk
    return data


def status(reply):
    m = re.match(rb"HTTP/1\.[01] (\d{3})", reply)
    return int(m.group(1)) if m else None


def exchange(raw):
    with connect() as s:
        s.sendall(raw)
        return read_reply(s)


def health_quickly():
    """A normal client gets its answer well before any slow client is cut off."""
    start = time.monotonic()
    reply = exchange(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    return status(reply) == 200 and time.monotonic() - start < DEADLINE / 2


def trickle(first, byte, results, key):
    """Sends `first`, then `byte` every 0.2 s until the server closes; records how long it took
    (None: still open after DEADLINE + 5 s)."""
    start = time.monotonic()
    s = connect()
    try:
        s.sendall(first)
        while time.monotonic() - start < DEADLINE + 5:
            ready, _, _ = select.select([s], [], [], 0.2)
            if ready:
                try:
                    if not s.recv(65536):
                        break
                except ConnectionResetError:
                    break
                continue
            try:
                s.sendall(byte)
            except (BrokenPipeError, ConnectionResetError):
                break
        else:
            results[key] = None
            return
        results[key] = time.monotonic() - start
    finally:
        s.close()


try:
    line = server.stdout.readline()
    port = int(re.search(r"127\.0\.0\.1:(\d+)", line).group(1))
    check("the server answers", health_quickly())
    for _ in range(50):
        with sqlite3.connect(env["VSTATION_DB"]) as db:
            left = db.execute("SELECT COUNT(*) FROM web_sessions").fetchone()[0]
        if not left:
            break
        time.sleep(0.1)
    check("housekeeping at start deleted the expired session", left == 0, left)

    # Bodies: announced too large (refused before it is sent), and endless (chunks until 64 KiB).
    reply = exchange(b"POST /signin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10000000\r\n"
                     b"Content-Type: application/x-www-form-urlencoded\r\n\r\n")
    check("an oversized body is refused with 413", status(reply) == 413, reply[:80])
    with connect() as s:
        s.sendall(b"POST /signin HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
                  b"Content-Type: application/x-www-form-urlencoded\r\n\r\n")
        chunk, reply, start = b"1000\r\n" + b"a" * 0x1000 + b"\r\n", b"", time.monotonic()
        while time.monotonic() - start < 10 and not reply:
            try:
                s.sendall(chunk)
            except (BrokenPipeError, ConnectionResetError):
                break
            if select.select([s], [], [], 0)[0]:
                reply = read_reply(s, 2)
        reply = reply or read_reply(s, 2)
    check("an endless body is refused with 413", status(reply) == 413, reply[:80])

    # Malformed requests.
    for raw in [b"GARBAGE\r\n\r\n", b"GET /healthz HTTX/1.1\r\nHost: x\r\n\r\n",
                b"G\x01T /healthz HTTP/1.1\r\nHost: x\r\n\r\n",
                b"GET /healthz HTTP/1.1\r\nNo colon here\r\n\r\n",
                b"GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
                b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"\x00" * 40]:
        reply = exchange(raw)
        check(f"a malformed request {raw[:24]!r} gets 400", status(reply) == 400, reply[:80])

    # Too many header fields, and too many bytes of them.
    many = b"".join(b"X-Field-%d: v\r\n" % i for i in range(150))
    reply = exchange(b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + many + b"\r\n")
    check("150 header fields get 431", status(reply) == 431, reply[:80])
    reply = exchange(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"v" * 20000 + b"\r\n\r\n")
    check("20 kB of header fields get 431", status(reply) == 431, reply[:80])
    reply = exchange(b"GET /healthz?q=" + b"v" * 20000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    check("a 20 kB request target gets 414", status(reply) == 414, reply[:80])
    reply = exchange(b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + many[:1000] + b"Connection: close\r\n\r\n")
    check("a request within the limits is served", status(reply) == 200, reply[:80])

    # The refusals speak the language of what was read of the request, as JSON under /api/; in
    # both languages when none of it was read.
    zh = b"Host: x\r\nAccept-Language: zh-CN,zh;q=0.9\r\nConnection: close\r\n"
    reply = exchange(b"POST /api/v1/signin HTTP/1.1\r\n" + zh + b"Content-Length: 10000000\r\n\r\n")
    check("an oversized API body: 413 as JSON in Chinese", status(reply) == 413 and
          b"application/json" in reply and "超过 64 KiB".encode() in reply, reply[-200:])
    reply = exchange(b"GET /healthz HTTP/1.1\r\nHost: x\r\nCookie: lang=zh\r\n" + many + b"\r\n")
    check("too many fields: 431 as a page in the cookie's language", status(reply) == 431 and
          b"text/html" in reply and "请求头字段超过 100 个".encode() in reply, reply[-200:])
    reply = exchange(b"POST /signin HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\n"
                     b"Content-Length: 10000000\r\n\r\n")
    check("an oversized form: 413 in English", status(reply) == 413 and
          b"more than 64 KiB" in reply and "超过".encode() not in reply, reply[-200:])
    reply = exchange(b"GET /healthz?q=" + b"v" * 20000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    check("a 20 kB target: 414 in both languages", "网址过长".encode() in reply and
          b"Address too long" in reply, reply[-200:])

    # HEAD: the GET's headers, its Content-Length too, and no body (the next answer follows).
    for path in [b"/static/app.css", b"/signin"]:
        get = exchange(b"GET " + path + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        body = get.partition(b"\r\n\r\n")[2]
        both = exchange(b"HEAD " + path + b" HTTP/1.1\r\nHost: x\r\n\r\n"
                        b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        head, _, rest = both.partition(b"\r\n\r\n")
        length = re.search(rb"(?i)content-length: *(\d+)", head)
        check(f"HEAD {path.decode()}: the GET's length, no body", status(both) == 200 and
              length is not None and int(length.group(1)) == len(body) and
              rest.startswith(b"HTTP/1.1 200"), (len(body), head[-120:], rest[:40]))

    # Slow clients: headers a byte at a time, a body a byte at a time (and chunk by chunk), all
    # at once; the server cuts each off at the deadline and answers others meanwhile.
    results, threads = {}, []
    slow = {
        "headers": (b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ", b"a"),
        "body": (b"POST /signin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 60000\r\n"
                 b"Content-Type: application/x-www-form-urlencoded\r\n\r\n", b"a"),
        "chunks": (b"POST /signin HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n",
                   b"1\r\na\r\n"),
    }
    for i in range(3):  # more slow clients than the server has threads
        for name, (first, byte) in slow.items():
            t = threading.Thread(target=trickle, args=(first, byte, results, f"{name}{i}"))
            t.start()
            threads.append(t)
    time.sleep(0.5)
    served = [health_quickly() for _ in range(5)]
    check("others are served while slow clients trickle", all(served), served)
    for t in threads:
        t.join()
    for key, took in sorted(results.items()):
        check(f"slow client ({key}) cut off at the deadline",
              took is not None and DEADLINE - 0.5 <= took <= DEADLINE + 3, took)
    check("the server still answers", health_quickly())
finally:
    server.send_signal(signal.SIGTERM)
    try:
        code = server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        code = "killed"
    check("SIGTERM stops the server", code == 0, code)

shutil.rmtree(work, ignore_errors=True)
print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
