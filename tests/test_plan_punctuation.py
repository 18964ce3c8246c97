"""Chinese output uses Chinese punctuation, whatever the KB or case text was typed with."""

from __future__ import annotations

import pytest

from engine.plan.punctuation import full_width, template


@pytest.mark.parametrize(("text", "expected"), [
    ("技能需要练习,结果才能改善", "技能需要练习，结果才能改善"),
    ("技能测评得分(0-100)", "技能测评得分（0-100）"),
    ("草稿,须经人工审核:本结果", "草稿，须经人工审核：本结果"),
    ("他/她能否正确完成这项任务?", "他/她能否正确完成这项任务？"),
    ("2026-12-02（周三） 前达到 6.5 天 的阶段目标", "2026-12-02（周三）前达到 6.5 天的阶段目标"),
    ("在 2026-12-31（周四） 前", "在 2026-12-31（周四）前"),
    ("Sales growth, CRM 销售报表", "Sales growth, CRM 销售报表"),
    ("IT 支持", "IT 支持"),
    ("上午 10:00 开会", "上午 10:00 开会"),
    ("Customer service agent", "Customer service agent"),
])
def test_full_width(text: str, expected: str) -> None:
    assert full_width(text) == expected


def test_a_template_takes_full_width_punctuation_everywhere() -> None:
    assert template("{name}:{period} 为 {actual}(目标 {target});") == \
        "{name}：{period} 为 {actual}（目标 {target}）；"
