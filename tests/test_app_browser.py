"""The browser app (app.py) in a real headless browser: Debian's chromium driven by
Playwright, against ``solara run app.py`` served on a free loopback port.

Skipped, with the reason, only where /usr/bin/chromium is absent (``.ci/run`` installs it
with apt).  The screenshot is saved in pytest's temporary directory (its path printed).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from simulation.config import ROOT

CHROMIUM = Path("/usr/bin/chromium")
SERVER_START_SECONDS = 60  # at most, to start solara and import the model
PAGE_SECONDS = 30  # at most, for the page to answer a click

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"{CHROMIUM} is absent (apt-get install chromium): the browser test cannot run",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The app served by ``solara run`` on a free loopback port: its address."""
    port = free_port()
    log = tmp_path_factory.mktemp("solara") / "server.log"
    solara = Path(sys.executable).with_name("solara")
    environment = dict(os.environ, SOLARA_TELEMETRY_MIXPANEL_ENABLE="False")
    with open(log, "w") as output:
        server = subprocess.Popen(
            [solara, "run", "app.py", "--host", "127.0.0.1", "--port", str(port), "--production"],
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    address = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + SERVER_START_SECONDS
    try:
        while True:
            if server.poll() is not None:
                pytest.fail(f"solara run stopped: {log.read_text()[-2000:]}")
            try:
                urllib.request.urlopen(address, timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"solara run did not answer in {SERVER_START_SECONDS} s")
                time.sleep(0.2)  # polling the server, not waiting for the page
        yield address
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM))
        yield chromium
        chromium.close()


def test_load_move_a_slider_step_and_see_the_charts_change(served, browser, tmp_path):
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1500, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_default_timeout(PAGE_SECONDS * 1000)
    page.goto(served)
    # the sessions share one model: start from a fresh one
    page.get_by_role("button", name="Reset").click()
    expect(page.get_by_text("Press Step").first).to_be_visible()

    # move the retraining lever's slider with the keyboard: one step to the right
    seats = page.locator(".v-input").filter(has_text="training retraining: seats per year")
    thumb = seats.get_by_role("slider")
    thumb.focus()
    default = thumb.get_attribute("aria-valuenow")
    thumb.press("ArrowRight")
    expect(thumb).not_to_have_attribute("aria-valuenow", default)
    seats = int(thumb.get_attribute("aria-valuenow"))
    assert seats > int(default)
    page.get_by_role("button", name="Reset").click()
    page.get_by_role("button", name="Step").click()
    # the page names the run: the moved slider's value reached the model
    heading = page.get_by_text(f"seats_per_year={seats}, seed 0, 100 people per agent")
    expect(heading).to_have_text(re.compile(r"after 2022-01"))
    chart = page.locator("img").first
    expect(chart).to_be_visible()
    first = chart.get_attribute("src")
    expect(page.get_by_role("cell", name="Unemployment rate", exact=True)).to_be_visible()

    page.get_by_role("button", name="Step").click()
    expect(heading).to_have_text(re.compile(r"after 2022-02"))
    expect(chart).not_to_have_attribute("src", first)  # redrawn with the second month

    expect(page.get_by_text("Where each target stands")).to_be_visible()
    screenshot = tmp_path / "app.png"
    page.screenshot(path=screenshot, full_page=True)
    print(f"screenshot: {screenshot}")
    assert screenshot.stat().st_size > 0

    page.get_by_role("tab", name="Page 3").click()
    expect(page.get_by_text("Follow one worker")).to_be_visible()
    expect(page.get_by_role("cell", name="2022-02").first).to_be_visible()
    assert not errors, f"errors in the page: {errors}"
