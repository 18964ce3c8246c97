"""The trend chart of one goal in `track status --format html`: its figures against the
milestone path, with the charting library the department report uses (Altair + vl-convert,
cli/batch/charts.py): declared, rendered to SVG in-process, inlined, nothing fetched."""

from __future__ import annotations

from typing import Any

import altair as alt
import vl_convert as vlc

from cli.batch.charts import FONT, local_ids


def trend(rows: list[dict[str, Any]], *, prefix: str, date_title: str, value_title: str,
          series_title: str) -> str:
    """rows: date (YYYY-MM-DD), value, series (the figures, the milestone path)."""
    chart = alt.Chart(alt.Data(values=rows)).mark_line(point=True).encode(
        x=alt.X("date:T", title=date_title, axis=alt.Axis(format="%Y-%m-%d", labelAngle=-30)),
        y=alt.Y("value:Q", title=value_title, scale=alt.Scale(zero=False)),
        color=alt.Color("series:N", title=series_title,
                        scale=alt.Scale(range=["#1f77b4", "#999999"])),
        strokeDash=alt.StrokeDash("series:N", legend=None,
                                  scale=alt.Scale(range=[[1, 0], [5, 4]])),
        tooltip=["date:T", "value:Q", "series:N"])
    spec = chart.properties(width=520, height=220).configure(font=FONT).configure_view(
        strokeWidth=0).to_dict()
    svg: str = vlc.vegalite_to_svg(spec)
    return local_ids(svg, prefix)
