"""The digest's 30-day chart in a real Chromium: client names in Polish, Danish and Thai are
text the browser draws with its own fonts (a Thai name in a font that has Thai glyphs, not as
boxes), and the chart has no image."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from assistant.digest import ClientActivity, Digest, ManagerDigest, render_html
from tests.live.test_review_browser import browser  # noqa: F401 - the module's Chromium fixture, reused

pytestmark = pytest.mark.live

NAMES = {"zloty": "Złoty Kłos", "blaa": "Blåbærgården", "thai": "ร้านกาแฟใบไม้"}
#: As many characters as the Thai name, from the Private Use Area: no font draws them, so they
#: show as the "missing glyph" boxes a name in a font without its script would show.
TOFU = "\ue000" * len(NAMES["thai"])


def _digest() -> Digest:
    md = ManagerDigest(manager="anna@agency.example")
    md.clients = [
        ClientActivity(client_id="zloty", name=NAMES["zloty"], labels_30d={"in_scope": 4, "out_of_scope": 2}),
        ClientActivity(client_id="blaa", name=NAMES["blaa"], labels_30d={"in_scope": 3}),
        ClientActivity(client_id="thai", name=NAMES["thai"], labels_30d={"red_flag": 1, "in_scope": 2}),
    ]
    return Digest(
        day=date(2026, 12, 7), generated_at=datetime(2026, 12, 7, 7, 0, tzinfo=UTC), cadence_days=14, managers=[md]
    )


def _thai_families() -> set[str]:
    """The installed font families that cover Thai (fontconfig)."""
    if shutil.which("fc-list") is None:
        pytest.skip("fc-list (fontconfig) not installed")
    out = subprocess.run(["fc-list", ":lang=th", "family"], capture_output=True, text=True, check=True).stdout
    return {name.strip() for line in out.splitlines() for name in line.split(",") if name.strip()}


def test_chart_names_render_as_text_in_every_script(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    thai_fonts = _thai_families()
    if not thai_fonts:
        pytest.skip("no font with Thai glyphs installed (Debian: fonts-thai-tlwg)")
    page = browser.new_page(viewport={"width": 760, "height": 900})
    try:
        page.set_content(render_html(_digest()))
        assert page.locator("img").count() == 0
        chart = page.locator(
            "xpath=//h2[starts-with(normalize-space(), 'Labels per client')]/following-sibling::table[1]"
        )
        names = chart.locator("xpath=./tbody/tr/td[1]")
        assert names.all_inner_texts() == list(NAMES.values())
        thai_cell = names.nth(2)
        # The fonts Chromium drew the Thai name with: one of them covers Thai.
        cdp = page.context.new_cdp_session(page)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        cells = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": "td"})["nodeIds"]
        thai_node = next(
            n
            for n in cells
            if cdp.send("DOM.getOuterHTML", {"nodeId": n})["outerHTML"].endswith(f">{NAMES['thai']}</td>")
        )
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": thai_node})["fonts"]
        used = {f["familyName"] for f in fonts if f["glyphCount"] > 0}
        assert used & thai_fonts, (used, thai_fonts)
        # And it does not look like missing-glyph boxes of the same length.
        drawn = thai_cell.screenshot(path=str(tmp_path / "thai.png"))
        thai_cell.evaluate("(td, tofu) => { td.textContent = tofu; }", TOFU)
        boxes = thai_cell.screenshot(path=str(tmp_path / "tofu.png"))
        assert drawn != boxes
        page.screenshot(path=str(tmp_path / "digest.png"), full_page=True)
    finally:
        page.close()
