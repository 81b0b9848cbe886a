"""The 新旧对照 HTML page, rendered in headless Chromium: layout and highlighting checked in the live DOM.

Skipped where no Chromium is installed (Debian: `apt-get install chromium`).
"""

from __future__ import annotations

import json
import re
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from policykit.diff import diff_documents
from policykit.pipeline import parse_text
from policykit.render.diff import html_page
from tests import browser

pytestmark = pytest.mark.browser

TIMEOUT = 60

OLD = """关于印发2025年能源工作方案的通知

一、发展目标

到2025年，全市光伏装机容量达到146.877万千瓦，非化石能源比重达到13.5%，充电桩数量达到5000个。

二、重点任务

加快推进项目前期工作，力争2026年6月前核准。

完善工作机制，强化督促检查，确保各项任务落到实处。

三、保障措施

加强组织领导，明确责任分工。
"""

NEW = """关于印发2026年能源工作方案的通知

一、发展目标

到2026年，全市光伏装机容量达到145.385万千瓦，非化石能源比重达到14%，新型储能装机规模达到20万千瓦。

二、重点任务

加快推进项目前期工作，确保2027年6月前核准。

三、保障措施

加强组织领导，明确责任分工。

完善工作机制，强化督促检查，确保各项任务落到实处。

四、附则

本方案自印发之日起施行。
"""

PROBE = """<script>
window.addEventListener("load", () => {
  const rows = [...document.querySelectorAll("#changes tr.change")].map((row) => {
    const [kind, old, neu] = row.querySelectorAll("td");
    const a = old.getBoundingClientRect(), b = neu.getBoundingClientRect();
    return {type: row.dataset.type, oldLeft: a.left, oldRight: a.right, newLeft: b.left, top: [a.top, b.top],
            oldText: old.innerText, newText: neu.innerText};
  });
  const style = (selector) => {
    const node = document.querySelector(selector);
    if (!node) return null;
    const css = getComputedStyle(node);
    return {decoration: css.textDecorationLine, background: css.backgroundColor, text: node.innerText};
  };
  const probe = document.createElement("pre");
  probe.id = "probe";
  probe.textContent = JSON.stringify({
    rows, del: style("#changes del"), ins: style("#changes ins"),
    width: document.documentElement.scrollWidth, viewport: window.innerWidth,
    targets: [...document.querySelectorAll("#target-changes tbody tr")].map((row) => ({
      type: row.dataset.type, cells: [...row.querySelectorAll("td")].map((cell) => cell.innerText),
    })),
  });
  document.body.appendChild(probe);
});
</script>"""


def chromium(*args: str, user_dir: Path) -> subprocess.CompletedProcess:
    return browser.chromium("--hide-scrollbars", *args, user_dir=user_dir, timeout=TIMEOUT)


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> tuple[Path, object]:
    if browser.BROWSER is None:
        pytest.skip(browser.MISSING)
    result = diff_documents(parse_text(OLD, name="old.txt"), parse_text(NEW, name="new.txt"))
    folder = tmp_path_factory.mktemp("diff-html")
    path = folder / "diff.html"
    path.write_text(html_page(result), encoding="utf-8")
    return path, result


class _Probe(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inside = False
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.inside = tag == "pre" and ("id", "probe") in attrs

    def handle_endtag(self, tag):
        self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.text += data


@pytest.fixture(scope="module")
def rendered(page, tmp_path_factory) -> dict:
    path, _ = page
    probed = path.with_name("probe.html")
    probed.write_text(
        path.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8"
    )
    run = chromium(
        "--window-size=1280,900", "--dump-dom", probed.as_uri(), user_dir=tmp_path_factory.mktemp("chromium")
    )
    parser = _Probe()
    parser.feed(run.stdout)
    assert parser.text, f"Chromium rendered no probe: {run.stderr[-500:]}"
    return json.loads(parser.text)


def test_every_change_is_a_row_with_old_and_new_side_by_side(page, rendered):
    _, result = page
    assert [row["type"] for row in rendered["rows"]] == [change.type for change in result.changes]
    for row in rendered["rows"]:
        assert row["newLeft"] >= row["oldRight"] - 1  # new column to the right of old
        assert abs(row["top"][0] - row["top"][1]) < 1  # on the same line
    assert rendered["width"] <= rendered["viewport"]  # no horizontal scrolling


def test_the_move_the_quantities_and_the_deadline_are_shown(rendered):
    rows = {row["type"]: row for row in rendered["rows"]}
    assert {"modified", "moved", "added"} <= rows.keys()
    assert "完善工作机制" in rows["moved"]["oldText"] and "完善工作机制" in rows["moved"]["newText"]
    modified = " ".join(
        row["oldText"] + row["newText"] for row in rendered["rows"] if row["type"] == "modified"
    )
    for text in ("146.877万千瓦", "145.385万千瓦", "13.5%", "14%", "2026年6月", "2027年6月"):
        assert text in modified


def test_deletions_and_insertions_are_highlighted(rendered):
    deleted, inserted = rendered["del"], rendered["ins"]
    assert "line-through" in deleted["decoration"]
    assert "line-through" not in inserted["decoration"]
    transparent = "rgba(0, 0, 0, 0)"
    assert transparent not in (deleted["background"], inserted["background"])
    assert deleted["background"] != inserted["background"]


def test_target_changes_table_matches_the_diff(page, rendered):
    _, result = page
    assert [row["type"] for row in rendered["targets"]] == [change.type for change in result.target_changes]
    # 4 rows, not 2: the old goal 充电桩数量 is dropped and the new goal 新型储能装机规模 added,
    # and one-sided targets are listed after the two changed ones
    assert [row["type"] for row in rendered["targets"]] == ["changed", "changed", "added", "removed"]
    added, removed = rendered["targets"][2]["cells"], rendered["targets"][3]["cells"]
    assert added[0] == "新型储能装机规模" and added[1] == "—" and "新增" in added[3]
    assert removed[0] == "充电桩数量" and removed[2] == "—" and "删除" in removed[3]


def _png_pixels(data: bytes) -> tuple[int, int, bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    idat, position = b"", 8
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        if kind == b"IDAT":
            idat += data[position + 8 : position + 8 + length]
        position += 12 + length
    return width, height, zlib.decompress(idat)


def test_screenshot_is_not_blank(page, tmp_path):
    path, _ = page
    shot = tmp_path / "diff.png"
    chromium("--window-size=1000,700", f"--screenshot={shot}", path.as_uri(), user_dir=tmp_path / "profile")
    width, height, pixels = _png_pixels(shot.read_bytes())
    assert (width, height) == (1000, 700)
    # a blank page decompresses to one repeated byte; highlights and text make many distinct values
    assert len(set(pixels[:: max(1, len(pixels) // 50000)])) > 20
    assert re.search(rb"[^\xff\x00]", pixels)
