#!/usr/bin/python3
"""Browser tests of the explorer (`dlexplain serve`), as a learner would use it, in headless Chromium.

Run by `make test` beside `swift test`, with Debian's python3-selenium (run with /usr/bin/python3):

    /usr/bin/python3 Tests/Browser/serve_browser_test.py [.build/debug/dlexplain-serve]

Trains two small checkpoints (an early and a late one, side by side) with the `dlexplain` built next to the
server, starts the server on a free port with a bound of three training sessions, then drives each page in turn
(one module per page: playground_page, training_page, cnn_page; what they share is in browser_support) and checks
Chromium's performance log for any request that is not to the local server. Screenshots go to Output/serve-tests/.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

from selenium.webdriver.support.ui import WebDriverWait

import cnn_page
import playground_page
import training_page
from browser_support import FAILURES, ROOT, SHOTS, check, chromium, free_port, start_server

SESSIONS = 3


def train_checkpoints(cli, folder):
    """An early seed net (1 epoch on the first 1200 training images) and a late one (2 epochs on the first 3600),
    both Adam: about 30 % and 70 % right, so the two views differ. Each epoch also scores the 5000 validation
    images and each run the 10 000 test images, which in the debug build cost more than the training itself:
    the late net sees its 7200 images in 2 epochs rather than 6 of 1200."""
    runs = {}
    for name, epochs, limit in [("early", 1, 1200), ("late", 2, 3600)]:
        # Each in a folder of its own: a run holds its checkpoint's folder against other runs.
        runs[name] = subprocess.Popen([cli, "train", "--arch", "seed", "--epochs", str(epochs), "--limit", str(limit),
                                       "--optimizer", "adam",
                                       "--checkpoint", os.path.join(folder, name, f"{name}.dlxckpt"),
                                       "--out", os.path.join(folder, name, "run")],
                                      stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    # Side by side: much of a debug-build run is single-threaded (loading, scoring, figures).
    for name, run in runs.items():
        output = run.communicate()[0]
        if run.returncode != 0:
            raise SystemExit(f"training the {name} checkpoint failed:\n{output[-2000:]}")


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug", "dlexplain-serve")
    os.makedirs(SHOTS, exist_ok=True)
    out = tempfile.mkdtemp(prefix="dlexplain-serve-browser-")
    checkpoints = os.path.join(out, "checkpoints")
    started = time.monotonic()
    print("training an early and a late checkpoint")
    train_checkpoints(os.path.join(os.path.dirname(binary), "dlexplain"), checkpoints)
    print(f"  trained in {time.monotonic() - started:.0f} s")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    server = start_server(binary, port, out, ["--sessions", str(SESSIONS), "--checkpoints", checkpoints])
    driver = chromium()
    wait = WebDriverWait(driver, 30)
    try:
        playground_page.run(driver, base, wait)
        training_page.run(driver, base, wait, port, SESSIONS)
        cnn_page.run(driver, base, wait)

        print("network")
        urls = []
        for entry in driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message.get("method") == "Network.requestWillBeSent":
                urls.append(message["params"]["request"]["url"])
        foreign = [u for u in urls if not (u.startswith(base) or u.startswith("data:") or u.startswith("blob:")
                                            or u == "about:blank")]
        check(len(urls) > 10 and not foreign, f"{len(urls)} requests, none outside {base} ({foreign[:3]})")
    finally:
        driver.quit()
        server.terminate()
        server.wait(timeout=10)
    if FAILURES:
        print(f"{len(FAILURES)} browser check(s) failed")
        sys.exit(1)
    print(f"browser tests passed in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
