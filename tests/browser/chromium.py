"""Runs Debian's headless Chromium for the browser tests: offline, with a fresh profile each time.

find() names the browser or None (find_or_skip() also says the test is skipped); dump_dom() returns the page's DOM after its scripts ran (the
load event); screenshot() writes a PNG. Nothing here touches the network: every page is a local
file and the flags turn off Chromium's own background traffic.
"""
import os
import shutil
import subprocess
import tempfile

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--hide-scrollbars", "--mute-audio"]


def find():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


def find_or_skip(output_dir):
    """The browser, with `output_dir` made for what the test writes; or None after the line that
    makes ctest report the test skipped."""
    browser = find()
    if browser is None:
        print("skipped: chromium is not installed (apt-get install chromium)")
    else:
        os.makedirs(output_dir, exist_ok=True)
    return browser


def _run(browser, args, timeout=120):
    with tempfile.TemporaryDirectory(prefix="openness-chromium-") as profile:
        env = dict(os.environ)
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        proc = subprocess.run([browser] + FLAGS + ["--user-data-dir=" + profile] + args,
                              capture_output=True, timeout=timeout, env=env)
    return proc


def dump_dom(browser, url, width=1400, height=1000):
    proc = _run(browser, [f"--window-size={width},{height}", "--virtual-time-budget=5000",
                          "--dump-dom", url])
    if proc.returncode != 0 or not proc.stdout:
        raise RuntimeError(f"chromium --dump-dom failed ({proc.returncode}): "
                           + proc.stderr.decode("utf-8", "replace")[-2000:])
    return proc.stdout.decode("utf-8")


def screenshot(browser, url, path, width=1400, height=1000):
    proc = _run(browser, [f"--window-size={width},{height}", "--virtual-time-budget=5000",
                          "--screenshot=" + path, url])
    if proc.returncode != 0 or not os.path.exists(path) or os.path.getsize(path) == 0:
        raise RuntimeError(f"chromium --screenshot failed ({proc.returncode}): "
                           + proc.stderr.decode("utf-8", "replace")[-2000:])
