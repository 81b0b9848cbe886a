"""`policykit track`: verdict rules, grouping by canonical indicator and by name, the JSON shape, the
national work reports and the Shandong pair from the corpus, and the HTML page in headless Chromium."""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import replace
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from policykit.cli import app
from policykit.errors import RegistryError, UsageError
from policykit.model import Target
from policykit.render.track import flat_rows, html_page, render_track
from policykit.track import (
    Edition,
    Indicator,
    canonical_indicators,
    judge,
    parse_indicators,
    track,
)
from tests import browser
from tests.conftest import CORPUS, ROOT

NATIONAL = [CORPUS / f"gov-work-report-{year}.txt" for year in (2019, 2021, 2022, 2023, 2024, 2025)]
SHANDONG = [CORPUS / f"shandong-gov-work-report-{year}.txt" for year in (2025, 2026)]


def figure(
    indicator: str,
    value: float,
    *,
    unit: str = "%",
    comparator: str | None = None,
    year: int = 2023,
    kind: str = "target",
    direction: str | None = None,
    upper: float | None = None,
    document: str = "d.txt",
    line: int = 1,
    since: int | None = None,
) -> Target:
    return Target(
        indicator=indicator,
        value=value,
        unit=unit,
        comparator=comparator,
        year=year,
        kind=kind,
        text=f"{indicator}{value}{unit}",
        quantity=f"{value}{unit}",
        clause="p1",
        line=line,
        page=None,
        document=document,
        direction=direction,
        upper=upper,
        since=since,
    )


def result(value: float, **fields) -> Target:
    return figure(fields.pop("indicator", "x"), value, kind="achieved", **fields)


FLOOR = Indicator("国内生产总值增长", unit="%", kind="floor", direction="increase")
CEILING = Indicator("居民消费价格涨幅", unit="%", kind="ceiling", direction="increase")
BAND = Indicator("x", unit="%", kind="band")
FALLS = Indicator("单位国内生产总值能耗降低", unit="%", kind="floor", direction="decrease")


# ---------------------------------------------------------------- comparator rules: a met and a missed case each


@pytest.mark.parametrize(
    ("target", "achieved", "indicator", "verdict"),
    [
        # floors: 以上 / 不低于, and 超过 strictly
        (figure("g", 6, comparator=">="), result(8.1), FLOOR, "met"),
        (figure("g", 6, comparator=">="), result(5.9), FLOOR, "missed"),
        (figure("g", 6, comparator=">"), result(6.1), FLOOR, "met"),
        (figure("g", 6, comparator=">"), result(6), FLOOR, "missed"),
        # ceilings: 以内 / 控制在 / 不超过; a lower result meets them, even on a floor indicator
        (figure("u", 5.5, comparator="<="), result(5.5), FLOOR, "met"),
        (figure("u", 5.5, comparator="<="), result(5.6), FLOOR, "missed"),
        (figure("u", 3, comparator="<"), result(2.9), CEILING, "met"),
        (figure("u", 3, comparator="<"), result(3), CEILING, "missed"),
        # ranges check both bounds
        (figure("g", 6, upper=6.5), result(6.1), FLOOR, "met"),
        (figure("g", 6, upper=6.5), result(6.6), FLOOR, "missed"),
        (figure("g", 6, upper=6.5), result(5.9), FLOOR, "missed"),
        # ~ on a floor indicator: from target - 10% up (5.5%左右 and 3% is missed, 2022)
        (figure("g", 5, comparator="~"), result(4.6), FLOOR, "met"),
        (figure("g", 5.5, comparator="~"), result(3), FLOOR, "missed"),
        # ~ on a ceiling indicator: 3%左右 CPI and 0.2% is met; above the tolerance is missed
        (figure("c", 3, comparator="~"), result(0.2), CEILING, "met"),
        (figure("c", 3, comparator="~"), result(3.4), CEILING, "missed"),
        # ~ on a band indicator: within the tolerance on either side
        (figure("b", 5, comparator="~"), result(5.4), BAND, "met"),
        (figure("b", 5, comparator="~"), result(5.6), BAND, "missed"),
        # a plain number: a floor, or a ceiling on a ceiling indicator
        (figure("n", 120, unit="项"), result(167, unit="项"), FLOOR, "met"),
        (figure("n", 120, unit="项"), result(100, unit="项"), FLOOR, "missed"),
        (figure("d", 3, unit="%"), result(2.8), CEILING, "met"),
        (figure("d", 3, unit="%"), result(3.2), CEILING, "missed"),
        # decreases follow direction: a larger fall meets a 下降 target, a smaller fall or a rise misses it
        (
            figure("e", 3, comparator="~", direction="decrease"),
            result(3.1, direction="decrease"),
            FALLS,
            "met",
        ),
        (
            figure("e", 3, comparator="~", direction="decrease"),
            result(2, direction="decrease"),
            FALLS,
            "missed",
        ),
        (figure("e", 3, direction="decrease"), result(1, direction="increase"), FALLS, "missed"),
        # 能耗降幅超过3%: no direction word, so the indicator's direction applies
        (figure("e", 2.5, comparator="~", direction="decrease"), result(3, comparator=">"), FALLS, "met"),
    ],
)
def test_comparator_rules(target, achieved, indicator, verdict):
    judgement = judge(target, achieved, indicator)
    assert judgement.verdict == verdict, judgement.rule
    assert judgement.rule


def test_rows_without_both_sides():
    assert judge(figure("g", 5), None, FLOOR).verdict == "no outcome yet"
    assert judge(None, result(5), FLOOR).verdict == "not comparable"
    mismatch = judge(figure("g", 5), result(5, unit="元"), FLOOR)
    assert mismatch.verdict == "not comparable" and "元" in mismatch.rule


# ---------------------------------------------------------------- the data file


def test_shipped_indicators_load_with_the_issue_aliases():
    names = {i.name: i for i in canonical_indicators()}
    assert {
        "国内生产总值增长",
        "居民消费价格涨幅",
        "城镇新增就业",
        "赤字率",
        "单位国内生产总值能耗降低",
    } <= set(names)
    assert {"经济增长", "GDP增长"} <= set(names["国内生产总值增长"].aliases)
    assert "CPI" in names["居民消费价格涨幅"].aliases
    assert names["居民消费价格涨幅"].kind == "ceiling" and names["赤字率"].kind == "ceiling"
    assert names["单位国内生产总值能耗降低"].direction == "decrease"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("indicators:\n  - name: a\n    alias: [b]\n", "unknown key"),
        ("indicators:\n  - name: a\n    kind: upper\n", "floor, ceiling or band"),
        ("indicators:\n  - name: a\n    aliases: [c]\n  - name: b\n    aliases: [c]\n", "names both"),
        ("indicators: {}\n", "expected a list"),
        ("indicator: []\n", "unknown top-level key"),
    ],
)
def test_bad_indicator_files_are_rejected(text, message):
    with pytest.raises(RegistryError, match=message):
        parse_indicators(text)


# ---------------------------------------------------------------- grouping and choosing


def edition(name: str, year: int, *figures: Target) -> Edition:
    return Edition(name, year, tuple(replace(f, document=name) for f in figures))


def test_aliases_join_one_series_and_results_come_from_a_later_edition():
    editions = [
        edition(
            "r2023.txt",
            2023,
            result(3, indicator="国内生产总值", year=2022, direction="increase"),
            result(4.8, indicator="国内生产总值", year=2023, direction="increase"),  # own year: not a result
            figure("国内生产总值", 5, comparator="~", year=2023, direction="increase"),
        ),
        edition(
            "r2024.txt",
            2024,
            result(5.2, indicator="国内生产总值", year=2023, direction="increase"),
            result(126e12, indicator="国内生产总值", unit="元", year=2023),  # a level, not the growth rate
            figure("经济增长预期目标", 5, comparator="~", year=2024),
        ),
    ]
    found = track(editions)
    gdp = next(s for s in found.series if s.name == "国内生产总值增长")
    assert [(r.year, r.verdict) for r in gdp.rows] == [
        (2022, "not comparable"),
        (2023, "met"),
        (2024, "no outcome yet"),
    ]
    assert gdp.rows[1].achieved.value == 5.2 and gdp.rows[1].achieved.document == "r2024.txt"
    assert gdp.rows[2].target.indicator == "经济增长预期目标"
    assert all(s.unit == "%" for s in found.series if s.name == "国内生产总值增长")


def test_other_names_pair_like_diff_and_achieved_only_indicators_are_left_out():
    editions = [
        edition(
            "p2024.txt",
            2024,
            figure("城乡居民基础养老金月最低标准", 20, unit="元", year=2024, direction="increase"),
            result(9, indicator="高铁通车里程", unit="公里", year=2023),
        ),
        edition(
            "p2025.txt",
            2025,
            result(20, indicator="城乡居民基础养老金最低标准", unit="元", year=2024, direction="increase"),
        ),
    ]
    found = track(editions)
    assert [s.name for s in found.series] == ["城乡居民基础养老金月最低标准"]
    assert found.series[0].rows[0].verdict == "met"
    assert "城乡居民基础养老金最低标准" in found.series[0].to_dict()["aliases"]


def test_bare_names_never_pair_across_editions_or_with_each_other():
    # 推动3900多个项目投产达效 and 支持项目4200余个 are both read as 项目: nothing says they count the same thing
    editions = [
        edition(
            "p2025.txt",
            2025,
            figure("项目", 3900, unit="个", comparator=">", year=2025),
            figure("项目", 15, unit="个", year=2025),
            figure("重大科技攻关", 120, unit="项", year=2025),
        ),
        edition(
            "p2026.txt",
            2026,
            result(4200, indicator="项目", unit="个", comparator=">", year=2025),
            result(167, indicator="重大科技攻关", unit="项", year=2025),
        ),
    ]
    found = track(editions)
    rows = {(s.name, r.target.value if r.target else None): r for s in found.series for r in s.rows}
    assert rows[("项目", 3900)].achieved is None and rows[("项目", 15)].achieved is None
    assert rows[("重大科技攻关", 120)].achieved.value == 167


def test_a_change_noun_gives_a_result_its_direction():
    # 能耗降幅超过3% is a fall of 3%, the outcome of 能耗降低2.5%左右 (without a verb, it read as a level)
    editions = [
        edition(
            "p2024.txt",
            2024,
            figure("单位国内生产总值能耗降低", 2.5, comparator="~", year=2024, direction="decrease"),
        ),
        edition(
            "p2025.txt", 2025, result(3, indicator="单位国内生产总值能耗降幅", comparator=">", year=2024)
        ),
    ]
    [row] = track(editions).series[0].rows
    assert row.achieved is not None and row.achieved.direction == "decrease" and row.verdict == "met"


def test_reordered_wordings_pair_but_other_administrative_levels_do_not():
    editions = [
        edition(
            "p2025.txt",
            2025,
            figure("家庭养老床位新增", 10000, unit="张", year=2025),
            figure("新增省级先进制造业集群", 10, unit="个", year=2025),
        ),
        edition(
            "p2026.txt",
            2026,
            result(14000, indicator="新增家庭养老床位", unit="张", year=2025),
            result(6, indicator="新增国家先进制造业集群", unit="个", year=2025),
        ),
    ]
    rows = {s.name: s.rows[0] for s in track(editions).series}
    assert rows["家庭养老床位新增"].achieved.value == 14000 and rows["家庭养老床位新增"].verdict == "met"
    assert rows["新增省级先进制造业集群"].verdict == "no outcome yet"


def test_the_latest_edition_states_a_year_target():
    editions = [
        edition("plan.txt", 2021, figure("城镇调查失业率", 5.5, comparator="<=", year=2025)),
        edition("r2025.txt", 2025, figure("城镇调查失业率", 5.5, comparator="~", year=2025)),
    ]
    (series,) = track(editions).series
    assert series.rows[0].target.document == "r2025.txt"


def test_indicator_selection_by_alias_and_unknown_names():
    editions = [edition("r.txt", 2024, figure("居民消费价格涨幅", 3, comparator="~", year=2024))]
    assert [s.name for s in track(editions, indicators=["CPI"]).series] == ["居民消费价格涨幅"]
    with pytest.raises(UsageError, match="no indicator named 赤字"):
        track(editions, indicators=["赤字"])


def test_json_shape():
    editions = [
        edition(
            "r2023.txt", 2023, figure("国内生产总值", 5, comparator="~", year=2023, direction="increase")
        ),
        edition("r2024.txt", 2024, result(5.2, indicator="国内生产总值", year=2023, direction="increase")),
    ]
    data = json.loads(render_track(track(editions), "json"))
    (first,) = data["indicators"]
    assert set(first) >= {"indicator", "aliases", "unit", "series"}
    assert (
        first["indicator"] == "国内生产总值增长" and first["unit"] == "%" and "经济增长" in first["aliases"]
    )
    (row,) = first["series"]
    assert set(row) == {"year", "target", "achieved", "verdict", "rule"}
    assert row["target"] == editions[0].figures[0].to_dict()  # the same object extract prints
    assert row["achieved"]["document"] == "r2024.txt" and row["verdict"] == "met"
    lines = render_track(track(editions), "jsonl").splitlines()
    assert json.loads(lines[0])["indicator"] == "国内生产总值增长"
    csv_text = render_track(track(editions), "csv")
    assert csv_text.splitlines()[0].startswith("indicator,year,target,achieved,verdict,rule")


# ---------------------------------------------------------------- the corpus


def skip_without_achieved_years(editions) -> None:
    """Track needs extract to date achieved figures (issue 12); until it does for most, these cases wait."""
    years = [f.year for e in editions for f in e.figures if f.kind == "achieved"]
    if sum(year is None for year in years) * 2 > len(years):
        pytest.skip(
            "extract leaves most achieved figures without a year (needs the achieved-year work of issue 12)"
        )


@pytest.fixture(scope="module")
def national():
    missing = [p.name for p in NATIONAL if not p.is_file()]
    if missing:
        pytest.skip(f"national work reports not in the shared corpus at {CORPUS}: {', '.join(missing)}")
    from policykit.track import load_editions

    editions = load_editions(NATIONAL)
    skip_without_achieved_years(editions)
    return track(editions, indicators=["国内生产总值增长", "居民消费价格涨幅", "城镇新增就业", "赤字率"])


def by_year(found, name: str) -> dict:
    series = next(s for s in found.series if s.name == name)
    return {row.year: row for row in series.rows}


def test_national_gdp_growth(national):
    rows = by_year(national, "国内生产总值增长")
    verdicts = {year: rows[year].verdict for year in (2021, 2022, 2023, 2024, 2025)}
    assert verdicts == {2021: "met", 2022: "missed", 2023: "met", 2024: "met", 2025: "no outcome yet"}
    targets = {year: (rows[year].target.comparator, rows[year].target.value) for year in (2021, 2022, 2023)}
    assert targets == {2021: (">=", 6), 2022: ("~", 5.5), 2023: ("~", 5)}
    assert (rows[2019].target.value, rows[2019].target.upper) == (6, 6.5)
    results = {year: rows[year].achieved.value for year in (2021, 2022, 2023, 2024)}
    assert results == {2021: 8.1, 2022: 3, 2023: 5.2, 2024: 5}


def test_national_2020_shows_only_its_result(national):
    for name in ("国内生产总值增长", "城镇新增就业"):
        row = by_year(national, name)[2020]
        assert row.target is None and row.achieved is not None
        assert row.achieved.document == "gov-work-report-2021"


def test_national_new_urban_jobs_met_every_year_with_an_outcome(national):
    rows = by_year(national, "城镇新增就业")
    judged = [row for row in rows.values() if row.target and row.achieved]
    assert len(judged) >= 4
    assert all(row.verdict == "met" for row in judged), [(r.year, r.rule) for r in judged]
    assert rows[2025].verdict == "no outcome yet"


def test_national_cpi_is_met_as_a_ceiling(national):
    rows = by_year(national, "居民消费价格涨幅")
    assert rows[2024].target.comparator == "~" and rows[2024].achieved.value == 0.2
    assert rows[2024].verdict == "met" and "ceiling" in rows[2024].rule
    assert {rows[year].target.value for year in (2019, 2021, 2022, 2023, 2024)} == {3}


def test_national_deficit_ratio_has_each_year_target(national):
    rows = by_year(national, "赤字率")
    assert {year: rows[year].target.value for year in (2019, 2021, 2022, 2023, 2024, 2025)} == {
        2019: 2.8,
        2021: 3.2,
        2022: 2.8,
        2023: 3,
        2024: 3,
        2025: 4,
    }


@pytest.fixture(scope="module")
def shandong():
    if not all(p.is_file() for p in SHANDONG):
        pytest.skip(f"Shandong work reports not in the shared corpus at {CORPUS}")
    from policykit.track import load_editions

    editions = load_editions(reversed(SHANDONG))  # given newest first: track orders them by year
    skip_without_achieved_years(editions)
    return track(editions)


def test_shandong_lists_its_2025_targets_with_outcomes(shandong):
    rows = [(s.name, r) for s in shandong.series for r in s.rows if r.year == 2025 and r.target]
    assert len(rows) >= 40  # the province's 2025 targets, each a row
    assert all(r.target.document == "shandong-gov-work-report-2025" for _, r in rows)
    judged = {name: r for name, r in rows if r.achieved}
    assert len(judged) >= 8
    assert all(r.achieved.document == "shandong-gov-work-report-2026" for r in judged.values())
    gdp = judged["国内生产总值增长"]
    assert (gdp.target.comparator, gdp.target.value, gdp.achieved.value, gdp.verdict) == (">=", 5, 5.5, "met")
    jobs = judged["城镇新增就业"]
    assert (jobs.target.value, jobs.verdict) == (1_100_000, "met")


# ---------------------------------------------------------------- CLI


def test_cli_json_and_bad_indicator(runner, tmp_path):
    source = tmp_path / "r2024.txt"
    source.write_text(
        "2024年政府工作报告\n\n一、2023年工作回顾\n\n国内生产总值增长5.2%。\n\n二、2024年目标\n\n"
        "今年发展主要预期目标是：国内生产总值增长5%左右；居民消费价格涨幅3%左右。\n",
        encoding="utf-8",
    )
    ok = runner.invoke(app, ["track", str(source), "--format", "json"])
    assert ok.exit_code == 0, ok.output
    names = [item["indicator"] for item in json.loads(ok.stdout)["indicators"]]
    assert names[:2] == ["国内生产总值增长", "居民消费价格涨幅"]
    bad = runner.invoke(app, ["track", str(source), "--indicator", "不存在的指标"])
    assert bad.exit_code == 2 and bad.stderr.startswith("Error: no indicator named 不存在的指标")
    page = tmp_path / "track.html"
    written = runner.invoke(app, ["track", str(source), "-o", str(page)])
    assert written.exit_code == 0 and page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_reads_a_registry(runner):
    registry = ROOT / "data" / "clauses.yaml"
    if not registry.is_file():
        pytest.skip(f"no registry at {registry}")
    done = runner.invoke(app, ["track", str(registry), "--format", "json"])
    assert done.exit_code == 0, done.output
    data = json.loads(done.stdout)
    assert data["indicators"] and all(row["target"] for i in data["indicators"] for row in i["series"])
    assert data["documents"][0]["year"] == 2023


# ---------------------------------------------------------------- the HTML page


def sample_track():
    editions = [
        edition(
            "r2023.txt",
            2023,
            figure("国内生产总值", 5, comparator="~", year=2023, direction="increase"),
            figure("居民消费价格涨幅", 3, comparator="~", year=2023),
            figure("城镇新增就业", 12e6, unit="人", comparator=">=", year=2023),
            figure("单位国内生产总值能耗", 2.5, comparator="~", year=2023, direction="decrease"),
        ),
        edition(
            "r2024.txt",
            2024,
            result(5.2, indicator="国内生产总值", year=2023, direction="increase"),
            result(0.2, indicator="居民消费价格", year=2023, direction="increase"),
            result(11.5e6, indicator="城镇新增就业", unit="人", year=2023),
            figure("国内生产总值", 6, upper=6.5, year=2024, direction="increase"),
        ),
    ]
    return track(editions)


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.external: list[str] = []
        self.charts = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a":
            self.links.append(attrs.get("href", ""))
        if tag == "figure" and "chart" in (attrs.get("class") or ""):
            self.charts += 1
        for name in ("src", "href"):
            if re.match(r"(https?:)?//", attrs.get(name) or ""):
                self.external.append(attrs[name])


def test_html_page_is_self_contained_and_every_cell_links_to_its_source():
    found = sample_track()
    page = _Page()
    page.feed(html_page(found))
    assert page.charts == len(found.series) == 4
    assert not page.external and "<script" not in html_page(found)
    filled = sum(1 for row in flat_rows(found) for side in ("target", "achieved") if row[side])
    assert len(page.links) == filled
    assert all(link.startswith("#") and link[1:] in page.ids for link in page.links)


PROBE = """<script>
window.addEventListener("load", () => {
  const probe = document.createElement("pre");
  probe.id = "probe";
  probe.textContent = JSON.stringify({
    charts: [...document.querySelectorAll("figure.chart")].map((f) => ({
      indicator: f.dataset.indicator, width: f.querySelector("svg").getBoundingClientRect().width,
      points: f.querySelectorAll("circle.achieved").length, targets: f.querySelectorAll("line.target").length})),
    rows: document.querySelectorAll("#track tbody tr").length,
    broken: [...document.querySelectorAll("#track a")].filter((a) => !document.getElementById(
      a.getAttribute("href").slice(1))).length,
  });
  document.body.appendChild(probe);
});
</script>"""


def chromium(*args: str, user_dir: Path) -> subprocess.CompletedProcess:
    return browser.chromium("--enable-logging=stderr", "--v=0", *args, user_dir=user_dir)


@pytest.mark.browser
def test_html_page_in_headless_chromium(tmp_path):
    check_in_chromium(sample_track(), tmp_path)


@pytest.mark.browser
def test_national_reports_page_in_headless_chromium(national, tmp_path):
    check_in_chromium(national, tmp_path)


def check_in_chromium(found, tmp_path: Path) -> None:
    """One chart per indicator with a point per result, every table link resolving, nothing on the console."""
    if browser.BROWSER is None:
        pytest.skip(browser.MISSING)
    plain = tmp_path / "track.html"
    plain.write_text(html_page(found), encoding="utf-8")
    quiet = chromium("--dump-dom", plain.as_uri(), user_dir=tmp_path / "profile-a")
    console = [line for line in quiet.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert not console, console  # the page itself logs nothing and throws nothing
    probed = tmp_path / "probe.html"
    probed.write_text(html_page(found).replace("</body>", PROBE + "</body>"), encoding="utf-8")
    run = chromium("--window-size=1280,900", "--dump-dom", probed.as_uri(), user_dir=tmp_path / "profile-b")
    match = re.search(r'<pre id="probe">(.*?)</pre>', run.stdout, re.S)
    assert match, f"Chromium rendered no probe: {run.stderr[-500:]}"
    data = json.loads(unescape(match.group(1)))
    assert [chart["indicator"] for chart in data["charts"]] == [s.name for s in found.series]
    assert all(chart["width"] > 300 for chart in data["charts"])
    points = {chart["indicator"]: chart["points"] for chart in data["charts"]}
    assert points == {s.name: sum(1 for r in s.rows if r.achieved) for s in found.series}
    assert data["rows"] == sum(len(s.rows) for s in found.series) and data["broken"] == 0


# ---------------------------------------------------------------- spans: a result answers a target of the same years


def test_a_five_year_change_is_never_one_years_outcome():
    """过去五年…能耗下降8.1% (since 2018) beside the 2022 target: no pairing, so no false 'met'."""
    editions = [
        edition("r2022.txt", 2022, figure("单位国内生产总值能耗降低", 3, year=2022, direction="decrease")),
        edition(
            "r2023.txt",
            2023,
            result(8.1, indicator="单位国内生产总值能耗降低", year=2022, direction="decrease", since=2018),
        ),
    ]
    row = track(editions, canon=[FALLS]).series[0].rows[0]
    assert (row.year, row.achieved, row.verdict) == (2022, None, "no outcome yet")


def test_a_result_of_the_same_span_still_pairs():
    """A one-year result (since None) meets a one-year target; a period result meets a period target."""
    one = [
        edition("r2022.txt", 2022, figure("单位国内生产总值能耗降低", 3, year=2022, direction="decrease")),
        edition(
            "r2023.txt",
            2023,
            result(3.1, indicator="单位国内生产总值能耗降低", year=2022, direction="decrease"),
        ),
    ]
    assert track(one, canon=[FALLS]).series[0].rows[0].verdict == "met"
    period = [
        edition(
            "p2021.txt",
            2021,
            figure("单位国内生产总值能耗降低", 13.5, year=2025, direction="decrease", since=2021),
        ),
        edition(
            "r2026.txt",
            2026,
            result(13.9, indicator="单位国内生产总值能耗降低", year=2025, direction="decrease", since=2021),
        ),
    ]
    assert track(period, canon=[FALLS]).series[0].rows[0].verdict == "met"


def test_a_level_is_not_the_outcome_of_a_change():
    """再提高30元 (a change) beside 从450元提高到610元 (the level reached): not comparable as one figure."""
    editions = [
        edition(
            "r2022.txt",
            2022,
            figure("居民医保人均财政补助标准", 30, unit="元", year=2022, direction="increase"),
        ),
        edition("r2023.txt", 2023, result(610, indicator="居民医保人均财政补助标准", unit="元", year=2022)),
    ]
    row = track(editions).series[0].rows[0]
    assert (row.achieved, row.verdict) == (None, "no outcome yet")


def test_a_flow_target_is_not_met_by_a_level():
    """新培育专精特新企业300家 beside 专精特新企业达到1356家: a level is not what a flow target asks for."""
    editions = [
        edition("r2025.txt", 2025, figure("新培育专精特新企业", 300, unit="家", year=2025)),
        edition("r2026.txt", 2026, result(1356, indicator="专精特新企业", unit="家", year=2025)),
    ]
    row = track(editions, indicators=["新培育专精特新企业"]).series[0].rows[0]
    assert (row.achieved, row.verdict) == (None, "no outcome yet")
    flows = [
        edition("r2025.txt", 2025, figure("新培育专精特新企业", 300, unit="家", year=2025)),
        edition("r2026.txt", 2026, result(320, indicator="新培育专精特新企业", unit="家", year=2025)),
    ]
    assert track(flows).series[0].rows[0].verdict == "met"


def test_documents_of_different_series_are_warned_about(national, shandong):
    # a province's report beside the nation's: its targets would be paired with the other's results
    from policykit.track import track

    national_editions, shandong_editions = national.editions, shandong.editions
    assert track(national_editions).warnings == ()
    assert track(shandong_editions).warnings == ()
    (warning,) = track([*national_editions, *shandong_editions]).warnings
    assert "山东省政府工作报告" in warning and "different series" in warning
