"""The official 2019 (国办公开办函〔2019〕60号) and 2021 (〔2021〕30号) table forms.

Row keys follow the form's own numbering ("3.3.1" = 三、(三)1.), so they mean the same in
both eras; the dbt seed cell_to_metric maps them to metric codes. Each row lists distinctive
label fragments used to recognise it in any rendering.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RowSpec:
    key: str
    label: str  # the form's label, for records when the printed label is lost
    aliases: tuple[str, ...]  # normalised fragments that identify the row


def _r(key: str, label: str, *aliases: str) -> RowSpec:
    return RowSpec(key, label, aliases or (label,))


# Table 3 columns, in the form's order: the applicant types of the fact table.
T3_COLUMNS = ("natural_person", "commercial_enterprise", "research_institution",
              "social_welfare_org", "legal_service_org", "other_org", "total")
T3_COLUMN_LABELS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")

_T3_HEAD = (
    _r("1", "一、本年新收政府信息公开申请数量", "本年新收"),
    _r("2", "二、上年结转政府信息公开申请数量", "上年结转"),
    _r("3.1", "(一)予以公开", "予以公开"),
    _r("3.2", "(二)部分公开", "部分公开", "区分处理"),
    _r("3.3.1", "(三)不予公开 1.属于国家秘密", "国家秘密"),
    _r("3.3.2", "(三)不予公开 2.其他法律行政法规禁止公开", "法规禁止公开", "其他法律行政"),
    _r("3.3.3", "(三)不予公开 3.危及“三安全一稳定”", "三安全一稳定", "危及"),
    _r("3.3.4", "(三)不予公开 4.保护第三方合法权益", "第三方合法权益", "保护第三方"),
    _r("3.3.5", "(三)不予公开 5.属于三类内部事务信息", "三类内部事务", "内部事务"),
    _r("3.3.6", "(三)不予公开 6.属于四类过程性信息", "四类过程性", "过程性信息"),
    _r("3.3.7", "(三)不予公开 7.属于行政执法案卷", "行政执法案卷", "执法案卷"),
    _r("3.3.8", "(三)不予公开 8.属于行政查询事项", "行政查询事项", "查询事项"),
    _r("3.4.1", "(四)无法提供 1.本机关不掌握相关政府信息", "不掌握相关政府信息", "本机关不掌握"),
    _r("3.4.2", "(四)无法提供 2.没有现成信息需要另行制作", "另行制作", "没有现成信息"),
    _r("3.4.3", "(四)无法提供 3.补正后申请内容仍不明确", "仍不明确", "补正后申请内容"),
    _r("3.5.1", "(五)不予处理 1.信访举报投诉类申请", "信访举报投诉", "信访"),
    _r("3.5.2", "(五)不予处理 2.重复申请", "重复申请"),
    _r("3.5.3", "(五)不予处理 3.要求提供公开出版物", "公开出版物"),
    _r("3.5.4", "(五)不予处理 4.无正当理由大量反复申请", "大量反复申请", "大量反复"),
    _r("3.5.5", "(五)不予处理 5.要求行政机关确认或重新出具已获取信息", "重新出具", "确认或重新"),
)
_T3_OTHER_SINGLE = (_r("3.6", "(六)其他处理", "其他处理"),)
_T3_OTHER_SPLIT = (
    _r("3.6.1", "(六)其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
       "逾期不补正", "无正当理由逾期"),
    _r("3.6.2", "(六)其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
       "收费通知", "缴纳费用"),
    _r("3.6.3", "(六)其他处理 3.其他", "3.其他"),
)
_T3_TAIL = (
    _r("3.7", "(七)总计", "(七)总计", "七)总计"),
    _r("4", "四、结转下年度继续办理", "结转下年度", "继续办理"),
)
# 2019 form: one (六) row. 2021 form: three (六) sub-rows. Which one a table uses is read
# from the table itself, not from the year (some 2021+ reports keep the single row).
T3_ROWS_SINGLE_OTHER = _T3_HEAD + _T3_OTHER_SINGLE + _T3_TAIL
T3_ROWS_SPLIT_OTHER = _T3_HEAD + _T3_OTHER_SPLIT + _T3_TAIL

# Table 4: 15 cells in the form's order, three blocks of five.
T4_BLOCKS = ("review", "lit_direct", "lit_after_review")
T4_BLOCK_LABELS = ("行政复议", "行政诉讼 未经复议直接起诉", "行政诉讼 复议后起诉")
T4_COLUMNS = ("upheld", "corrected", "other", "pending", "total")
T4_COLUMN_LABELS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: cheap as a cache key
class BlockSpec:
    """One 第二十条第（X）项 block of table 2."""

    key: str  # "20.1" for 第二十条第（一）项
    columns: tuple[tuple[str, str], ...]  # (col_key, printed header)
    rows: tuple[RowSpec, ...]


T2_STANDARD_2021 = (
    BlockSpec("20.1", (("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数")),
              (_r("regulation", "规章"), _r("normative_doc", "行政规范性文件", "规范性文件"))),
    BlockSpec("20.5", (("decisions", "本年处理决定数量"),), (_r("licensing", "行政许可"),)),
    BlockSpec("20.6", (("decisions", "本年处理决定数量"),),
              (_r("penalty", "行政处罚"), _r("coercion", "行政强制"))),
    BlockSpec("20.8", (("fee_amount", "本年收费金额(单位:万元)"),), (_r("admin_fee", "行政事业性收费"),)),
)
_C_DECISION_COLS = (("prev_items", "上一年项目数量"), ("delta", "本年增/减"), ("decisions", "处理决定数量"))
T2_TRIAL_2019 = (
    BlockSpec("20.1", (("new_made", "本年新制作数量"), ("new_published", "本年新公开数量"),
                       ("published_total", "对外公开总数量")),
              (_r("regulation", "规章"), _r("normative_doc", "规范性文件"))),
    BlockSpec("20.5", _C_DECISION_COLS,
              (_r("licensing", "行政许可"), _r("other_services", "其他对外管理服务事项", "其他对外管理服务"))),
    BlockSpec("20.6", _C_DECISION_COLS, (_r("penalty", "行政处罚"), _r("coercion", "行政强制"))),
    BlockSpec("20.8", (("prev_items", "上一年项目数量"), ("delta", "本年增/减")),
              (_r("admin_fee", "行政事业性收费"),)),
    BlockSpec("20.9", (("projects", "采购项目数量"), ("amount", "采购总金额")),
              (_r("procurement", "政府集中采购"),)),
)
CN_ITEM = {"一": "1", "五": "5", "六": "6", "八": "8", "九": "9"}
