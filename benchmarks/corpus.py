"""Synthetic annual reports of all four table eras in several renderings, with their answers.

Each report is written with a gold JSON in the format of ../shared/corpus/gold (metrics as the
labelling rules define them), so the same scorer measures the parser on any corpus size.
Figures are random but consistent: every identity of the forms holds.

    python -m benchmarks.corpus OUT_DIR N [--seed S] [--gold GOLD_DIR]
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from dagster_project.parsing.regions import county_names
from dagster_project.parsing.templates import T3_COLUMNS, T3_ROWS_SINGLE_OTHER, T3_ROWS_SPLIT_OTHER

APPLICANTS = T3_COLUMNS[:-1]
# Bodies as China has them: every county-level division, each with its government and departments
# (about 50,000 bodies), so most reports are one body's year and a few are re-published versions.
REGIONS = county_names()
BODIES = ["人民政府", "人民政府办公室", "财政局", "教育局", "自然资源和规划局", "市场监督管理局", "发展和改革局",
          "卫生健康局", "生态环境局", "住房和城乡建设局", "交通运输局", "农业农村局", "民政局", "司法局",
          "人力资源和社会保障局", "应急管理局", "审计局", "统计局"]
T3_METRIC = {
    "1": "apps_received", "2": "apps_carried_in", "3.1": "out_granted", "3.2": "out_partial",
    "3.3.1": "out_refused_state_secret", "3.3.2": "out_refused_other_law", "3.3.3": "out_refused_security_stability",
    "3.3.4": "out_refused_third_party", "3.3.5": "out_refused_internal", "3.3.6": "out_refused_process",
    "3.3.7": "out_refused_case_file", "3.3.8": "out_refused_inquiry", "3.4.1": "out_unable_not_held",
    "3.4.2": "out_unable_must_create", "3.4.3": "out_unable_unclear", "3.5.1": "out_not_processed_petition",
    "3.5.2": "out_not_processed_repeat", "3.5.3": "out_not_processed_publication",
    "3.5.4": "out_not_processed_mass_repeat", "3.5.5": "out_not_processed_confirm", "3.6": "out_other",
    "3.6.1": "out_other_no_correction", "3.6.2": "out_other_fee_unpaid", "3.6.3": "out_other_misc",
    "3.7": "apps_closed", "4": "apps_carried_forward",
}
SUMS = {"out_refused": "3.3.", "out_unable": "3.4.", "out_not_processed": "3.5.", "out_other": "3.6."}
PROSE = ("一、总体情况\n{year}年，{body}认真贯彻落实《中华人民共和国政府信息公开条例》，进一步规范政府信息公开工作，"
         "持续提升政务公开质效，坚持以公开为常态、不公开为例外，围绕中心工作做好政策解读和回应关切。\n")


def _opening(body: str, year: int) -> str:
    """Title, statistics period and a first paragraph, as every report opens."""
    return (f"{body}{year}年政府信息公开工作年度报告\n本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。\n"
            + PROSE.format(year=year, body=body))


def _small(rng: random.Random, hi: int) -> int:
    return rng.choice([0, 0, 0, rng.randint(0, hi)])


def _table3(rng: random.Random, split_other: bool) -> dict[str, list[int]]:
    """Rows of table 3 keyed like the form, one value per applicant column plus the total."""
    specs = T3_ROWS_SPLIT_OTHER if split_other else T3_ROWS_SINGLE_OTHER
    outcome_keys = [s.key for s in specs if s.key.startswith("3.") and s.key != "3.7"]
    rows: dict[str, list[int]] = {k: [] for k in [s.key for s in specs]}
    for c in range(len(APPLICANTS)):
        scale = 60 if c == 0 else 6
        outcomes = {k: _small(rng, scale) for k in outcome_keys}
        outcomes["3.1"] = rng.randint(0, scale)
        closed = sum(outcomes.values())
        carried_in = _small(rng, scale // 3)
        carried_forward = _small(rng, scale // 3)
        received = max(closed + carried_forward - carried_in, 0)
        carried_forward = received + carried_in - closed
        for k, v in {**outcomes, "1": received, "2": carried_in, "3.7": closed, "4": carried_forward}.items():
            rows[k].append(v)
    for vals in rows.values():
        vals.append(sum(vals))
    return rows


def _answers_t3(rows: dict[str, list[int]]) -> tuple[dict, dict]:
    metrics, by_applicant = {}, {}
    for key, vals in rows.items():
        code = T3_METRIC[key]
        metrics[code] = vals[-1]
        by_applicant[code] = dict(zip(APPLICANTS, vals[:-1]))
    for code, prefix in SUMS.items():
        if code in metrics:  # the C form prints (六) itself
            continue
        parts = [k for k in rows if k.startswith(prefix)]
        metrics[code] = sum(rows[k][-1] for k in parts)
        by_applicant[code] = {a: sum(rows[k][i] for k in parts) for i, a in enumerate(APPLICANTS)}
    return metrics, by_applicant


def _table4(rng: random.Random) -> list[int]:
    cells = []
    for _ in range(3):
        parts = [_small(rng, 8) for _ in range(4)]
        cells += parts + [sum(parts)]
    return cells


def _render(rows: list[list[str]], style: str) -> str:
    if style == "pipe":
        return "\n".join("| " + " | ".join(r) + " |" for r in rows)
    if style == "tab":
        return "\n".join("\t".join(r) for r in rows)
    if style == "spaces":
        return "\n".join("\u3000\u3000".join(r) for r in rows)
    if style == "pdf":  # pdftotext: one cell per line
        return "\n".join(c for r in rows for c in r)
    if style == "html":
        body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
        return f"<table>{body}</table>"
    raise ValueError(style)


def _standard(rng: random.Random, era: str, style: str, body: str, year: int) -> tuple[str, dict]:
    split = era == "standard_2021"
    t3 = _table3(rng, split)
    metrics, by_applicant = _answers_t3(t3)
    specs = T3_ROWS_SPLIT_OTHER if split else T3_ROWS_SINGLE_OTHER
    t4 = _table4(rng)
    issued, repealed, in_force = rng.randint(0, 30), rng.randint(0, 10), rng.randint(30, 300)
    licensing, penalty, coercion = rng.randint(0, 9000), rng.randint(0, 3000), rng.randint(0, 200)
    fee_wan = round(rng.uniform(0, 9000), 2)
    foi_fee = rng.choice([0, 0, rng.randint(1, 5000)])
    if split:
        t2 = [["第二十条第（一）项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
              ["规章", "0", "0", "0"], ["行政规范性文件", str(issued), str(repealed), str(in_force)],
              ["第二十条第（五）项"], ["信息内容", "本年处理决定数量"], ["行政许可", str(licensing)],
              ["第二十条第（六）项"], ["信息内容", "本年处理决定数量"], ["行政处罚", str(penalty)], ["行政强制", str(coercion)],
              ["第二十条第（八）项"], ["信息内容", "本年收费金额（单位：万元）"], ["行政事业性收费", f"{fee_wan:g}"]]
        metrics.update(reg_issued=0, reg_repealed=0, reg_in_force=0, normdoc_issued=issued, normdoc_repealed=repealed,
                       normdoc_in_force=in_force, admin_fee_revenue_yuan=round(fee_wan * 10000, 2), foi_fee_yuan=foi_fee)
    else:
        t2 = [["第二十条第（一）项"], ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
              ["规章", "0", "0", "0"], ["规范性文件", str(issued), str(issued), str(in_force)],
              ["第二十条第（五）项"], ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
              ["行政许可", "12", "+1", str(licensing)], ["其他对外管理服务事项", "3", "0", "0"],
              ["第二十条第（六）项"], ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
              ["行政处罚", "40", "-2", str(penalty)], ["行政强制", "5", "0", str(coercion)],
              ["第二十条第（八）项"], ["信息内容", "上一年项目数量", "本年增/减"], ["行政事业性收费", "2", "0"]]
        metrics.update(reg_issued=0, reg_in_force=0, normdoc_issued=issued, normdoc_in_force=in_force)
    metrics.update(decisions_licensing=licensing, decisions_penalty=penalty, decisions_coercion=coercion)
    blocks = ("review", "lit_direct", "lit_after_review")
    for b, block in enumerate(blocks):
        for c, col in enumerate(("upheld", "corrected", "other", "pending", "total")):
            metrics[f"{block}_{col}"] = t4[b * 5 + c]
    for col in ("upheld", "corrected", "other", "pending", "total"):
        metrics[f"lit_{col}"] = metrics[f"lit_direct_{col}"] + metrics[f"lit_after_review_{col}"]
    t3_rows = [["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"],
               ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]]
    t3_rows += [[s.label, *map(str, t3[s.key])] for s in specs]
    t4_rows = [["行政复议", "行政诉讼"], ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3, [str(v) for v in t4]]
    fee = "未收取政府信息公开信息处理费" if foi_fee == 0 else f"收取政府信息公开信息处理费{foi_fee}元"
    text = (_opening(body, year)
            + "二、主动公开政府信息情况\n" + _render(t2, style)
            + "\n三、收到和处理政府信息公开申请情况\n" + _render(t3_rows, style)
            + "\n四、政府信息公开行政复议、行政诉讼情况\n" + _render(t4_rows, style)
            + f"\n五、存在的主要问题及改进情况\n下一步将继续加强工作。\n六、其他需要报告的事项\n{year}年度{fee}。\n")
    if style == "html":
        text = "<html><body>" + "".join(f"<p>{line}</p>" if not line.startswith("<table") else line
                                         for line in text.split("\n")) + "</body></html>"
    return text, {"metrics": metrics, "by_applicant": by_applicant}


NATIONAL = [  # (label, metric or None, unit) in the 2014 national form's order
    ("一、主动公开情况", None, "——"), ("（一）主动公开政府信息数", "proactive_items", ""),
    ("其中：主动公开规范性文件数", None, ""), ("制发规范性文件总数", "normdoc_issued", ""),
    ("三、依申请公开情况", None, "——"), ("（一）收到申请数", "apps_received", ""), ("（二）申请办结数", "apps_closed", ""),
    ("（三）申请答复数", None, ""), ("1.属于已主动公开范围数", "out_granted_already_public", ""),
    ("2.同意公开答复数", "_granted", ""), ("3.同意部分公开答复数", "out_partial", ""),
    ("4.不同意公开答复数", "out_refused", ""), ("其中：涉及国家秘密", "out_refused_state_secret", ""),
    ("5.不属于本行政机关公开数", "_not_mine", ""), ("6.申请信息不存在数", "_not_exist", ""),
    ("7.告知作出更改补充数", "out_unable_unclear", ""), ("8.告知通过其他途径办理数", "out_not_processed", ""),
    ("四、行政复议数量", "review_total", ""), ("（一）维持具体行政行为数", "review_upheld", ""),
    ("（二）被依法纠错数", "review_corrected", ""), ("（三）其他情形数", "review_other", ""),
    ("五、行政诉讼数量", "lit_total", ""), ("（一）维持具体行政行为或者驳回原告诉讼请求数", "lit_upheld", ""),
    ("（二）被依法纠错数", "lit_corrected", ""), ("（三）其他情形数", "lit_other", ""),
    ("六、举报投诉数量", "complaints", ""), ("七、依申请公开信息收取的费用", "foi_fee_yuan", "万元"),
]


def _national(rng: random.Random, style: str, body: str, year: int) -> tuple[str, dict]:
    v = {m: rng.randint(0, 40) for _, m, _ in NATIONAL if m}
    v["out_refused"] = v["out_refused_state_secret"] + rng.randint(0, 5)
    v["review_total"] = v["review_upheld"] + v["review_corrected"] + v["review_other"]
    v["lit_total"] = v["lit_upheld"] + v["lit_corrected"] + v["lit_other"]
    v["foi_fee_yuan"] = rng.choice([0, 0, 0.12])
    lines = [["统计指标", "单位", "统计数"]]
    for label, metric, unit in NATIONAL:
        value = "——" if unit == "——" else (f"{v[metric]:g}" if metric else str(rng.randint(0, 99)))
        lines.append([label, unit if unit != "——" else "", value])
    metrics = {m: val for m, val in v.items() if not m.startswith("_")}
    metrics["foi_fee_yuan"] = round(v["foi_fee_yuan"] * 10000, 2)
    metrics["out_granted"] = v["_granted"] + v["out_granted_already_public"]
    metrics["out_unable_not_held"] = v["_not_mine"] + v["_not_exist"]
    metrics["out_unable"] = metrics["out_unable_not_held"] + v["out_unable_unclear"]
    text = _opening(body, year) + "政府信息公开情况统计表\n" + _render(lines, style) + "\n"
    return text, {"metrics": metrics, "by_applicant": {}}


LOCAL = [  # (label, metric or None, unit): a 2008-2013 local form (Zhejiang type, crosswalk §2 A)
    ("一、主动公开数量", "proactive_items", "条"), ("（一）通过政府网站公开数", None, "条"),
    ("（二）召开新闻发布会次数", "press_conferences", "次"), ("二、依申请公开数量", "apps_received", "件"),
    ("1.当面申请数", "_in_person", "件"), ("2.网络申请数", "_online", "件"), ("3.信函申请数", "_letter", "件"),
    ("（三）依申请答复数", "apps_closed", "件"), ("1.同意公开答复数", "out_granted", "件"),
    ("2.同意部分公开答复数", "out_partial", "件"), ("3.不同意公开答复数", "out_refused", "件"),
    ("其中：涉及国家秘密", "out_refused_state_secret", "件"),
    ("4.不属于本行政机关公开或申请信息不存在", "out_unable_not_held", "件"),
    ("5.申请内容不明确或转其他途径办理", "out_unable_unclear", "件"), ("6.其他原因", "out_other", "件"),
    ("三、行政复议数量", "review_total", "件"), ("（一）维持具体行政行为数", "review_upheld", "件"),
    ("（二）确认具体行政行为违法数", "review_corrected", "件"), ("四、行政诉讼数量", "lit_total", "件"),
    ("（一）维持具体行政行为数", "lit_upheld", "件"), ("（二）确认具体行政行为违法数", "lit_corrected", "件"),
    ("五、举报数量", "complaints", "件"), ("六、提供依申请公开信息收取的费用", "foi_fee_yuan", "万元"),
    ("七、政府信息公开工作专门机构数", "units_dedicated", "个"), ("八、政府信息公开工作人员数", "staff_total", "人"),
    ("1.全职人员", "staff_fulltime", "人"), ("2.兼职人员", "staff_parttime", "人"),
    ("九、政府信息公开专项经费", "budget_yuan", "万元"), ("十、召开政府信息公开工作会或专题会", "meetings", "次"),
    ("十一、举办各类培训班", "trainings", "次"), ("十二、培训人员数量", "trainees", "人次"),
]


def _local(rng: random.Random, style: str, body: str, year: int) -> tuple[str, dict]:
    v = {m: rng.randint(0, 40) for _, m, _ in LOCAL if m}
    v["proactive_items"] += rng.randint(0, 3000)
    v["apps_received"] = v["_in_person"] + v["_online"] + v["_letter"]
    replies = ("out_granted", "out_partial", "out_refused", "out_unable_not_held", "out_unable_unclear", "out_other")
    v["apps_closed"] = sum(v[m] for m in replies)
    v["out_refused_state_secret"] = min(v["out_refused_state_secret"], v["out_refused"])
    v["review_total"] = v["review_upheld"] + v["review_corrected"]
    v["lit_total"] = v["lit_upheld"] + v["lit_corrected"]
    v["staff_total"] = v["staff_fulltime"] + v["staff_parttime"]
    v["foi_fee_yuan"] = rng.choice([0, 0, 0.01])
    v["budget_yuan"] = rng.randint(0, 30)
    lines = [["指标名称", "单位", "数据统计"]]
    lines += [[label, unit, f"{v[metric]:g}" if metric else str(rng.randint(0, 3000))] for label, metric, unit in LOCAL]
    metrics = {m: val for m, val in v.items() if not m.startswith("_")}
    for money in ("foi_fee_yuan", "budget_yuan"):
        metrics[money] = round(v[money] * 10000, 2)
    metrics["out_unable"] = v["out_unable_not_held"] + v["out_unable_unclear"]
    text = _opening(body, year) + f"{body}{year}年度政府信息公开情况统计表\n" + _render(lines, style) + "\n"
    return text, {"metrics": metrics, "by_applicant": {}}


CASES = [("standard_2021", "pipe"), ("standard_2021", "tab"), ("standard_2021", "pdf"), ("standard_2021", "spaces"),
         ("trial_2019", "html"), ("trial_2019", "pipe"), ("legacy_national", "pdf"), ("legacy_national", "pipe"),
         ("legacy_local", "pdf"), ("legacy_local", "spaces")]
YEARS = {"standard_2021": (2021, 2025), "trial_2019": (2019, 2020), "legacy_national": (2014, 2018),
         "legacy_local": (2008, 2013)}


def generate(out_dir: Path, n: int, seed: int = 0, gold_dir: Path | None = None) -> list[Path]:
    """Write n reports into out_dir, and their answers into gold_dir when given."""
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        era, style = CASES[i % len(CASES)]
        body = rng.choice(REGIONS) + rng.choice(BODIES)
        year = rng.randint(*YEARS[era])
        if era == "legacy_national":
            text, answers = _national(rng, style, body, year)
        elif era == "legacy_local":
            text, answers = _local(rng, style, body, year)
        else:
            text, answers = _standard(rng, era, style, body, year)
        name = f"{i:06d}_{era}_{style}.{'html' if style == 'html' else 'txt'}"
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        if gold_dir is not None:
            gold = {"file": name, "body": body, "report_year": year, "schema_era": era, **answers,
                    "must_be_absent": [], "notes": "synthetic (benchmarks/corpus.py)"}
            gold_dir.mkdir(parents=True, exist_ok=True)
            (gold_dir / f"{name}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--gold", type=Path, help="also write the answers here, one JSON per report")
    a = ap.parse_args()
    generate(a.out_dir, a.n, a.seed, a.gold)


if __name__ == "__main__":
    main()
