"""The report's charts: Vega-Lite specifications built with Altair, rendered to SVG in-process by
vl-convert (the Vega runtime bundled in a Python wheel), inlined in the page.

Why Altair + vl-convert: charts are declared (data, marks, encodings), never drawn with
hand-written SVG arithmetic; Altair and vl-convert are maintained by the Vega project's own
people; vl-convert needs no browser, Node or network, so the report is one file that works
offline from file://, with nothing executed when it is opened.
"""

from __future__ import annotations

import re
from typing import Any

import altair as alt
import vl_convert as vlc

FONT = ("Segoe UI, Helvetica Neue, Arial, PingFang SC, Microsoft YaHei, Noto Sans CJK SC, "
        "sans-serif")


def _svg(chart: alt.TopLevelMixin, prefix: str) -> str:
    spec = chart.configure(font=FONT).configure_view(strokeWidth=0).to_dict()
    svg: str = vlc.vegalite_to_svg(spec)
    return local_ids(svg, prefix)


def local_ids(svg: str, prefix: str) -> str:
    """Renumber the SVG's element ids under one prefix: Vega numbers gradients and clip paths
    per process (so the same report would differ between runs), and two charts in one page
    must not share an id."""
    ids = list(dict.fromkeys(re.findall(r'\bid="([^"]+)"', svg)))
    names = {old: f"{prefix}-{i + 1}" for i, old in enumerate(ids)}
    if not names:
        return svg
    pattern = re.compile(r'(\bid="|url\(#|href="#)(' + "|".join(
        re.escape(i) for i in sorted(names, key=len, reverse=True)) + r')(?=[")])')
    return pattern.sub(lambda m: m.group(1) + names[m.group(2)], svg)


def heatmap(cells: list[dict[str, Any]], *, kpi_title: str, team_title: str,
            value_title: str) -> str:
    """Median attainment by KPI (x) and team (y); cells: kpi, team, value (0..), label."""
    data = alt.Data(values=cells)
    base = alt.Chart(data).encode(
        x=alt.X("kpi:N", title=kpi_title, axis=alt.Axis(labelAngle=-30, labelLimit=180)),
        y=alt.Y("team:N", title=team_title, axis=alt.Axis(labelLimit=220)))
    rect = base.mark_rect(stroke="white").encode(
        color=alt.Color("value:Q", title=value_title,
                        scale=alt.Scale(scheme="redyellowgreen", domain=[0.5, 1.1],
                                        clamp=True),
                        legend=alt.Legend(format="%")),
        tooltip=[alt.Tooltip("team:N"), alt.Tooltip("kpi:N"),
                 alt.Tooltip("value:Q", format=".0%")])
    text = base.mark_text(fontSize=12).encode(text="label:N")
    return _svg((rect + text).properties(width=max(160, 95 * len({c["kpi"] for c in cells})),
                                         height=max(120, 34 * len({c["team"] for c in cells}))),
                "heatmap")


def cause_bars(rows: list[dict[str, Any]], *, team_title: str, count_title: str,
               cause_title: str) -> str:
    """Members with each cause, stacked per team; rows: team, cause, members."""
    chart = alt.Chart(alt.Data(values=rows)).mark_bar().encode(
        y=alt.Y("team:N", title=team_title, axis=alt.Axis(labelLimit=220)),
        x=alt.X("members:Q", title=count_title, axis=alt.Axis(tickMinStep=1)),
        color=alt.Color("cause:N", title=cause_title,
                        scale=alt.Scale(scheme="tableau10")),
        tooltip=["team:N", "cause:N", "members:Q"])
    return _svg(chart.properties(width=480, height=max(120, 34 * len({r["team"] for r in rows}))),
                "causes")
