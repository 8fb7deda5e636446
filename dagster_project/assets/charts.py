"""charts/request_trends: requests received and how they ended, per body over the years.

Drawn from the trend marts as a plain SVG (no plotting library is needed, and the browser renders
the Chinese body names). A line joins two points only when the later one is comparable with the
earlier (marts.metric_series_by_year); every other point starts afresh behind a dashed mark, so a
format break such as 2019 is never bridged silently.
"""
import base64
from itertools import groupby
from xml.sax.saxutils import escape

import dagster as dg

from .. import paths, warehouse

# The MAX_BODIES body series with most years, then most requests, in that order, with how many
# series there are: ranked in SQL, so that Python reads a dozen series, not every body's.
QUERY = """
with ranked as (
    select
        series_id,
        row_number() over (order by count(*) desc, max(coalesce(apps_received, 0)) desc, series_id) as series_rank,
        count(*) over () as n_series
    from marts.requests_by_year
    where series_level = 'body'
    group by series_id
)
select
    requests.series_id, requests.body_name, requests.scope, requests.report_year,
    requests.apps_received, requests.is_comparable_with_previous, requests.comparability_note,
    outcomes.share_granted, outcomes.share_partial, outcomes.share_refused,
    outcomes.share_unable, outcomes.share_not_processed, outcomes.share_other,
    ranked.n_series
from ranked
inner join marts.requests_by_year as requests using (series_id)
left join marts.request_outcomes_by_year as outcomes using (series_id, report_year)
where ranked.series_rank <= ?
order by ranked.series_rank, requests.report_year
"""

OUTCOMES = [  # column, legend, colour; stacked bottom-up
    ("share_granted", "disclosed in full", "#2e7d32"),
    ("share_partial", "in part", "#9ccc65"),
    ("share_refused", "refused", "#c62828"),
    ("share_unable", "unable to provide", "#ef6c00"),
    ("share_not_processed", "not processed", "#8d6e63"),
    ("share_other", "other", "#bdbdbd"),
]
MAX_BODIES = 12
WIDTH, TOP, ROW = 1040, 112, 112
REQUESTS_X, SHARES_X, PANEL_WIDTH = 250, 640, 380  # left edges of the two panels


def _text(x: float, y: float, content: str, size: int = 11, anchor: str = "start", **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}"{extra}>'
            f"{escape(content)}</text>")


def _series_rows(series: list[dict], top: float, years: list[int]) -> list[str]:
    step = PANEL_WIDTH / len(years)
    base, height = top + ROW - 26, ROW - 44

    def x(panel_start: float, year: int) -> float:
        return panel_start + (years.index(year) + 0.5) * step

    first = series[0]
    out = [_text(10, top + 30, first["body_name"], 13, font_weight="bold"),
           _text(10, top + 48, first["scope"] or "scope unknown", 11, fill="#666")]
    out += [f'<line x1="{x0}" y1="{base}" x2="{x0 + PANEL_WIDTH}" y2="{base}" stroke="#999"/>'
            for x0 in (REQUESTS_X, SHARES_X)]
    peak = max((float(p["apps_received"] or 0) for p in series), default=0) or 1
    previous = None
    for point in series:
        year = point["report_year"]
        out += [_text(x(x0, year), base + 14, f"’{year % 100:02d}", 10, "middle", fill="#666")
                for x0 in (REQUESTS_X, SHARES_X)]
        if point["apps_received"] is not None:
            px, py = x(REQUESTS_X, year), base - height * float(point["apps_received"]) / peak
            if previous and point["is_comparable_with_previous"]:
                out.append(f'<line x1="{previous[0]:.1f}" y1="{previous[1]:.1f}" x2="{px:.1f}" y2="{py:.1f}" '
                           'stroke="#1565c0" stroke-width="2"/>')
            elif previous:
                mid = (previous[0] + px) / 2
                out.append(f'<line x1="{mid:.1f}" y1="{base - height}" x2="{mid:.1f}" y2="{base}" stroke="#888" '
                           f'stroke-dasharray="4 3"><title>{escape(point["comparability_note"] or "")}</title></line>')
            out += [f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="#1565c0"/>',
                    _text(px, py - 6, f'{float(point["apps_received"]):g}', 10, "middle")]
            previous = (px, py)
        # shares can add up to more than 1 where a report books a request twice: scale to fit
        total = sum(float(point[c] or 0) for c, _, _ in OUTCOMES)
        scale, y = height / max(total, 1.0), base
        for column, label, colour in OUTCOMES:
            if point[column]:
                h = float(point[column]) * scale
                y -= h
                out.append(f'<rect x="{x(SHARES_X, year) - step * 0.3:.1f}" y="{y:.1f}" width="{step * 0.6:.1f}" '
                           f'height="{h:.1f}" fill="{colour}"><title>{label}: {float(point[column]):.1%}</title></rect>')
        if total > 1:
            out.append(_text(x(SHARES_X, year), y - 3, f"Σ {total:.0%}", 9, "middle", fill="#c62828"))
    return out


def render_svg(rows: list[dict]) -> str:
    """Rows of QUERY (the body series shown, in order, a row per year) → an SVG document."""
    series = [list(points) for _, points in groupby(rows, key=lambda r: r["series_id"])]
    shown = [p["report_year"] for s in series for p in s]
    years = list(range(min(shown), max(shown) + 1)) if shown else [0]
    height = TOP + ROW * max(len(series), 1) + 10
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
           f'viewBox="0 0 {WIDTH} {height}" font-family="sans-serif">',
           f'<rect width="{WIDTH}" height="{height}" fill="white"/>',
           _text(10, 22, "Disclosure requests by body and year", 16, font_weight="bold"),
           _text(10, 40, "A line joins two years only when they are comparable (same definition); a dashed "
                         "mark is a break, such as the 2019 format change.", 11, fill="#444"),
           _text(REQUESTS_X, 66, "Requests received", 12, font_weight="bold"),
           _text(SHARES_X, 66, "How closed requests ended (share of requests closed)", 12, font_weight="bold")]
    for i, (_, label, colour) in enumerate(OUTCOMES):  # three a line
        lx, ly = SHARES_X + (i % 3) * 125, 74 + (i // 3) * 14
        out += [f'<rect x="{lx}" y="{ly}" width="10" height="10" fill="{colour}"/>', _text(lx + 14, ly + 9, label, 10)]
    if not series:
        out.append(_text(10, TOP + 30, "No body has a requests figure yet.", 12))
    for i, points in enumerate(series):
        out += _series_rows(points, TOP + i * ROW, years)
    out.append("</svg>")
    return "\n".join(out)


@dg.asset(
    key=["charts", "request_trends"],
    group_name="charts",
    kinds={"python", "svg"},
    deps=[["marts", "requests_by_year"], ["marts", "request_outcomes_by_year"]],
    description="Requests received and outcome shares per body over the years (SVG, from the trend "
                "marts); written to data/charts/request_trends.svg beside the warehouse.",
)
def request_trends_chart(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    with warehouse.connect(read_only=True) as con:
        cursor = con.execute(QUERY, [MAX_BODIES])
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, row)) for row in cursor.fetchall()]
    svg = render_svg(rows)
    path = paths.charts_dir() / "request_trends.svg"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(svg, encoding="utf-8")
    context.log.info(f"chart: {path}")
    image = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return dg.MaterializeResult(metadata={
        "chart": dg.MetadataValue.md(f"![requests and outcome shares by body](data:image/svg+xml;base64,{image})"),
        "path": dg.MetadataValue.path(str(path)),
        "bodies": dg.MetadataValue.int(rows[0]["n_series"] if rows else 0),
    })
