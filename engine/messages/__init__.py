"""Error messages in English and Chinese: one table, like the phrases in engine/i18n.py.

perfdx raises its errors in English (engine/errors.py); the command line shows them in the
language asked for (`--lang`, else `$PERFDX_LANG`). A message is put into Chinese by finding its
English template here and filling the Chinese one with the same values; a message with no entry
stays English (issue 16 lists which remain).
"""

from __future__ import annotations

import re
import string
from dataclasses import replace
from functools import cache

from ..errors import Problem
from ..i18n import Lang
from .kb import KB_MESSAGES
from .records import RECORD_MESSAGES

# The kinds of names a case or KB uses, as the messages name them.
_WHAT = {
    "KPI": "指标", "observation": "观察项", "rating dimension": "评分维度", "area": "领域",
    "pattern": "原因类型", "intervention": "干预措施", "course": "课程", "competency": "能力项",
    "rule": "规则", "key": "键", "case file": "案例文件", "file": "文件", "mapping": "映射文件",
    "mapping file": "映射文件", "export": "导出文件",
}

_LINE_UP = ("this line is not lined up with the lines above it: the keys of one entry start in "
            "the same column, and every `- ` item of one list starts in the same column (check "
            "its indentation against the line above)")

# key: (English template, Chinese template). Placeholders are filled with the same values; a
# placeholder named `what` is a kind of name (above) and is put into Chinese too.
MESSAGES: dict[str, tuple[str, str]] = {
    # the frame around every error
    "error": ("perfdx: error: {text}", "perfdx:错误：{text}"),
    "problems": ("perfdx: {n} problems in {file}: nothing was diagnosed",
                 "perfdx:{file} 中有 {n} 个问题：未做任何诊断"),
    # `perfdx kb check`, `kb test`, `kb diff` (cli/kb/)
    "kb_check_passed": ("kb check passed: {summary}", "kb check 通过：{summary}"),
    "kb_check_failed": ("kb check failed: {summary}", "kb check 未通过：{summary}"),
    "kb_check_strict": ("kb check failed (--strict: warnings count as failures): {summary}",
                        "kb check 未通过（--strict：警告也算失败）：{summary}"),
    "kb_check_summary": ("{errors} errors, {warnings} warnings in {files} files of {root}",
                         "{root} 的 {files} 个文件中有 {errors} 个错误、{warnings} 个警告"),
    "kb_note": ("note: {note}", "注意：{note}"),
    "kb_usage_later": ("checks for unused knowledge ({codes}) run once the errors in rules/ are "
                       "fixed", "rules/ 中的错误改正后，才会检查未用到的知识（{codes}）"),
    "severity_error": ("error", "错误"),
    "severity_warning": ("warning", "警告"),
    "kb_test_header": ("perfdx kb test: {n} scenarios from {dir} (knowledge base {hash})",
                       "perfdx kb test：{dir} 中的 {n} 个场景（知识库 {hash}）"),
    "kb_test_passed": ("PASSED", "通过"),
    "kb_test_failed": ("FAILED", "未通过"),
    "kb_test_error": ("ERROR", "出错"),
    "kb_test_failures": ("FAILURES", "未通过的场景"),
    "kb_test_tally": ("{failed} failed, {passed} passed, {errors} errors, {deselected} deselected",
                      "{failed} 个未通过，{passed} 个通过，{errors} 个出错，{deselected} 个未选中"),
    "kb_test_none": ("no scenarios ran", "没有运行任何场景"),
    "kb_test_none_k": ("no scenario ran (none matches -k)", "没有运行任何场景（没有场景符合 -k）"),
    "kb_test_none_add": ("no scenario ran: add scenario tests to knowledge_base/scenarios/",
                         "没有运行任何场景：请在 knowledge_base/scenarios/ 中添加场景测试"),
    "kb_test_cannot_run": ("the scenario could not run: {error}", "该场景无法运行：{error}"),
    "kb_test_unreadable": ("{file}: the scenario file cannot be read: {error}",
                           "{file}：无法读取场景文件：{error}"),
    "kb_test_team": ("team scenarios: {failed} failed, {passed} passed",
                     "团队场景：{failed} 个未通过，{passed} 个通过"),
    # names a case or KB uses
    "unknown": ("unknown {what} {name}", "未知的{what} {name}"),
    "did_you_mean": ("did you mean {names}?", "是否想写 {names}?"),
    "obs_about": ("observation {name} is about {about}, which is neither a KPI nor an area",
                  "观察项 {name} 针对 {about},但它既不是指标也不是领域"),
    "obs_twice": ("observation {name} is given twice", "观察项 {name} 出现了两次"),
    "obs_twice_about": ("observation {name} about {about} is given twice",
                        "针对 {about} 的观察项 {name} 出现了两次"),
    "first_as": ("first as {where}", "首次出现于 {where}"),
    "obs_one_of": ("observation {name} is one of {choices}, not {value}",
                   "观察项 {name} 应为 {choices} 之一,而不是 {value}"),
    "obs_yes_no_quoted": ('observation {name} is answered yes or no, without quotes (write '
                          '{bare}, not "{bare}")',
                          '观察项 {name} 以是或否作答,不加引号(写 {bare},而不是 "{bare}")'),
    "obs_yes_no": ("observation {name} is answered yes or no (true/false), not {value}",
                   "观察项 {name} 以是或否(true/false)作答,而不是 {value}"),
    "obs_number": ("observation {name} is a number, not {value}",
                   "观察项 {name} 应为数字,而不是 {value}"),
    "obs_at_least": ("observation {name} is at least {low}, not {value}",
                     "观察项 {name} 至少为 {low},而不是 {value}"),
    "obs_at_most": ("observation {name} is at most {high}, not {value}",
                    "观察项 {name} 至多为 {high},而不是 {value}"),
    "obs_text": ("observation {name} is text, not {value}", "观察项 {name} 应为文本,而不是 {value}"),
    "kpi_twice": ("KPI {kpi} is given twice for {period}", "指标 {kpi} 在 {period} 出现了两次"),
    "kpi_twice_hint": ("first as {where}; one period holds one result per KPI: keep one, and "
                       "record a result from another period in its `history` as {{period: ..., "
                       "actual: ...}}",
                       "首次出现于 {where};一个考核期每个指标只有一个结果:保留一个,其他考核期的"
                       "结果记入其 `history`,写作 {{period: ..., actual: ...}}"),
    "kpi_twice_periods": ("KPI {kpi} is given twice, for {one} and {two}",
                          "指标 {kpi} 出现了两次，分别属于 {one} 和 {two}"),
    "kpi_twice_periods_hint": ("first as {where}; a case holds one entry per KPI for its period: "
                               "record the result for {earlier} in the `history` of the one for "
                               "{latest} as {{period: ..., actual: ...}}",
                               "首次出现于 {where}；一个案例中每个指标只写一条本考核期的结果：请把 "
                               "{earlier} 的结果写入 {latest} 那一条的 `history`，写作 "
                               "{{period: ..., actual: ...}}"),
    "concern_per_kpi_hint": ("first as {where}; one concern per KPI: put both descriptions in one",
                             "首次出现于 {where}；每个指标只写一条问题陈述：请把两段描述合成一条"),
    "kpi_two_concerns": ("KPI {kpi} is named by two concerns", "指标 {kpi} 被两条问题陈述重复引用"),
    "concern_both": ("a concern is about a `kpi` or an `area`, not both",
                     "一条问题陈述针对 `kpi` 或 `area` 之一,不能两者都写"),
    "concern_both_hint": ("pick one; write two concerns for both", "二选一;两者都要时写两条问题陈述"),
    "no_target": ("the target is missing", "缺少目标值"),
    "no_target_hint": ("give the KPI's target for this period; a result with no target belongs "
                       "under `concerns`, as {{kpi: ..., severity: ..., description: ...}}",
                       "请给出该指标本考核期的目标值;没有目标值的结果应写在 `concerns` 下,"
                       "写作 {{kpi: ..., severity: ..., description: ...}}"),
    "not_mapping": ("a case file must be a mapping with case_id, as_of, period, employee, "
                    "metrics, ...", "案例文件应为包含 case_id、as_of、period、employee、metrics "
                    "等键的映射"),
    # a plan that fails the SMART check (engine/plan/smart.py)
    "smart_failed": ("the plan fails the SMART check: {failures}", "计划未通过 SMART 检查：{failures}"),
    "smart_goal": ("goal {i} ({name}): {reasons}", "目标 {i}({name}):{reasons}"),
    "smart_no_cause": ("no cause: no diagnosed cause reaches the reporting threshold for this "
                       "gap (relevant)", "没有原因：该差距没有达到报告阈值的已诊断原因(相关)"),
    "smart_no_subject": ("no KPI or area (specific)", "没有指标或领域(具体)"),
    "smart_no_baseline": ("no baseline figure (measurable)", "没有基线数据(可衡量)"),
    "smart_no_target": ("no target number (measurable)", "没有目标数值(可衡量)"),
    "smart_no_owner": ("no owner", "没有负责人"),
    "smart_hint": ("prepare the interview with `perfdx plan CASE --interview`, record what it "
                   "finds in the case, and draft the plan again",
                   "先用 `perfdx plan CASE --interview` 准备面谈,把面谈所得记入案例,再重新起草计划"),
    # the validator's words, as engine/kb/validation.py passes them on
    "unknown_key": ("unknown key {key}", "未知的键 {key}"),
    "missing_key": ("missing required key {key}", "缺少必填的键 {key}"),
    "allowed_keys": ("allowed keys: {keys}", "允许的键:{keys}"),
    "want_number": ("Input should be a valid number, got {value}", "应为数字,实际为 {value}"),
    "want_integer": ("Input should be a valid integer, got {value}", "应为整数,实际为 {value}"),
    "want_text": ("Input should be a valid string, got {value}", "应为文本,实际为 {value}"),
    "want_date": ("Input should be a valid date in the format YYYY-MM-DD, got {value}",
                  "应为 YYYY-MM-DD 格式的日期,实际为 {value}"),
    "want_list": ("Input should be a valid list", "应为列表"),
    "want_mapping": ("Input should be a valid dictionary or instance of {model}",
                     "应为映射(键: 值),即 {model} 的各项"),
    # files
    "no_kb_dir": ("knowledge base directory not found", "找不到知识库目录"),
    "not_kb": ("not a knowledge base: it has no rules/ or knowledge_base/ folder",
               "不是知识库：其中没有 rules/ 或 knowledge_base/ 文件夹"),
    "not_kb_hint": ("point --kb at a folder made by 'perfdx kb init'",
                    "请让 --kb 指向由 'perfdx kb init' 生成的文件夹"),
    "no_name": ("no {what} given (an empty name)", "未给出{what}(名称为空)"),
    "not_found": ("{what} not found", "找不到{what}"),
    "cannot_read": ("cannot read {what}: {reason}", "无法读取{what}:{reason}"),
    "directory": ("{what} is a directory, not a file", "{what}是目录,不是文件"),
    "not_regular": ("{what} is not a regular file", "{what}不是普通文件"),
    "too_big": ("input is over {mb} MB and is refused", "输入超过 {mb} MB,已拒绝"),
    "not_utf8": ("not UTF-8 text", "不是 UTF-8 文本"),
    "too_deep": ("nesting is too deep", "嵌套层级过深"),
    "deeper_than": ("nesting is deeper than {n} levels", "嵌套超过 {n} 层"),
    "malformed_json": ("malformed JSON: {reason}", "JSON 格式错误:{reason}"),
    # YAML layout slips (engine/yamlio/slips.py)
    "yaml_line_up": ("malformed YAML: " + _LINE_UP,
                     "YAML 格式错误:这一行没有与上面的行对齐:同一条目的各个键从同一列开始,同一"
                     "列表的每个 `- ` 项也从同一列开始(请对照上一行检查本行的缩进)"),
    "yaml_key_here": ("malformed YAML: a `key:` where none can stand: this line is indented "
                      "further than the key above it, or a text value contains `: ` (line it up "
                      "with its neighbours, or put the text in quotes)",
                      "YAML 格式错误:此处不能出现 `键:`:本行比上面的键缩进得更深,或者文本值中含有 "
                      "`: `(请与相邻行对齐,或给文本加引号)"),
    "yaml_tab": ("malformed YAML: a tab character: YAML indents with spaces only (replace the "
                 "tab with spaces)",
                 "YAML 格式错误:出现制表符:YAML 只能用空格缩进(请把制表符换成空格)"),
    "yaml_colon": ("malformed YAML: a line without `key: value`: a key needs a colon and a space "
                   "after it (check for a missing `:` here, or text that belongs to the value "
                   "above: indent it further or put the text in quotes)",
                   "YAML 格式错误:这一行不是 `键: 值`:键后面要有冒号和空格(请检查这里是否漏了 "
                   "`:`,或这是上一项的文本:请缩进得更深或给文本加引号)"),
    "yaml_tag": ("YAML tag {tag} is not allowed: only plain data (text, numbers, lists, mappings) "
                 "is read", "不允许使用 YAML 标签 {tag}：只读取普通数据（文本、数字、列表、映射）"),
    "yaml_alias": ("YAML aliases (*name) are not supported: write the value out again",
                   "不支持 YAML 别名（*名称）：请把该值再完整写一遍"),
    "yaml_duplicate_at": ("duplicate key {key} (first given at line {line})",
                          "键 {key} 重复（首次出现在第 {line} 行）"),
    "yaml_duplicate": ("duplicate key {key}", "键 {key} 重复"),
    "too_many_digits": ("a number of {digits} digits is too long: numbers have at most {n} digits "
                        "(put an id or a name in quotes)",
                        "数字有 {digits} 位，太长：数字最多 {n} 位（编号或名称请加引号）"),
    "tenure": ("tenure_months is a number of months or `unknown`, got {value}",
               "tenure_months 应为月数或 `unknown`，实际为 {value}"),
    "score_scale": ("score {score} is outside the scale 1-{top}",
                         "评分 {score} 超出 1-{top} 的量表范围"),
    "concern_names": ("a concern names the `kpi` or the `area` it is about",
                      "问题陈述须写明所针对的 `kpi` 或 `area`"),
    "tenure_bare": ("tenure_months is a number of months or `unknown`",
                    "tenure_months 应为月数或 `unknown`"),
    "date_format_bare": ("a date must be written as YYYY-MM-DD", "日期须写作 YYYY-MM-DD"),
    "date_format": ("a date must be written as YYYY-MM-DD, got {value}",
                    "日期须写作 YYYY-MM-DD，实际为 {value}"),
    "want_text_bare": ("Input should be a valid string", "应为文本"),
    "date_bad_char": ("invalid character in {part}", "{part}中有无效字符"),
    "date_too_short": ("input is too short", "输入太短"),
    "date_month_range": ("month value is outside expected range of 1-12", "月份应在 1-12 之间"),
    "date_day_range": ("day value is outside expected range", "日期中的日超出了该月的天数"),
    "date_year": ("year", "年份"),
    "date_month": ("month", "月份"),
    "date_day": ("day", "日"),
    "want_finite": ("Input should be a finite number, got {value}", "应为有限数值，实际为 {value}"),
    "want_date_time": ("Input should be a valid date or datetime, {reason}, got {value}",
                       "应为有效的日期（{reason}），实际为 {value}"),
    "want_at_most": ("Input should be less than or equal to {limit}, got {value}",
                     "应小于或等于 {limit}，实际为 {value}"),
    "want_at_least": ("Input should be greater than or equal to {limit}, got {value}",
                      "应大于或等于 {limit}，实际为 {value}"),
    "want_one_of": ("Input should be {choices}, got {value}", "应为 {choices} 之一，实际为 {value}"),
    "yaml_quote": ("malformed YAML: a quote opened here is never closed (add the closing quote)",
                   "YAML 格式错误:这里开始的引号没有闭合(请补上结束引号)"),
}

MESSAGES.update(KB_MESSAGES)
MESSAGES.update(RECORD_MESSAGES)

_HELD = "\0"  # stands for {{ and }} while a template becomes a pattern


@cache
def _pattern(template: str) -> re.Pattern[str]:
    out, seen = [], set()
    for literal, name, _spec, _conv in string.Formatter().parse(template):
        out.append(re.escape(literal))
        if name is None:
            continue
        if name in seen:
            out.append(f"(?P={name})")
        else:
            seen.add(name)
            out.append(f"(?P<{name}>(?:(?!; ).)+?)")  # a value holds no "; ": a list
    return re.compile("^" + "".join(out) + "$", re.DOTALL)


def say(key: str, lang: Lang, **values: object) -> str:
    en, zh = MESSAGES[key]
    return (en if lang == "en" else zh).format(**values)


def localized(problem: Problem, lang: Lang) -> Problem:
    """`problem` with its message and hint in `lang`."""
    if lang == "en":
        return problem
    return replace(problem, message=translate(problem.message, lang) or problem.message,
                   hint=translate(problem.hint, lang))


def translate(text: str | None, lang: Lang) -> str | None:
    """An English message (or hint) in `lang`: itself in English or when no template fits.
    Lists inside a message (`a | b`, `a; b`) are put into Chinese item by item."""
    if text is None or lang == "en":
        return text
    return _tr(text)


def _tr(text: str) -> str:
    whole = _one(text)
    if whole is not None:
        return whole
    for sep, zh_sep in ((" | ", " | "), ("; ", "；")):
        if sep in text:
            parts = text.split(sep)
            shown = [_tr(part) for part in parts]
            if shown != parts:  # a list is joined the Chinese way only when its items are
                return zh_sep.join(shown)
    return text


def _one(text: str) -> str | None:
    """`text` by the template that fits it best: of those that fit, the one with the most words
    of its own ("first as {where}; one period holds ..." before "first as {where}")."""
    best, fits = -1, None
    for en, zh in MESSAGES.values():
        found = _pattern(en).match(text)
        if found and _literal(en) > best:
            best, fits = _literal(en), (zh, found)
    if fits is None:
        return None
    zh, found = fits
    values = {k: _WHAT.get(v, v) if k == "what" else _tr(v) for k, v in found.groupdict().items()}
    return zh.format(**values)


@cache
def _literal(template: str) -> int:
    return sum(len(literal) for literal, *_ in string.Formatter().parse(template))
