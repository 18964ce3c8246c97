"""Every phrase a plan prints, in English and Chinese.

The Chinese follows the user's own document (绩效改进计划, 面谈提纲, 周会, 月度复盘, SMART).
Wording rules hold for every phrase (a test checks them): results and conduct rather than the
person, dates and numbers rather than vague time words, and no absolutes.
"""

from __future__ import annotations

import datetime as dt

from ..i18n import Lang, pick
from .punctuation import full_width, template

_P: dict[str, tuple[str, str]] = {
    # -- titles and headings ---------------------------------------------------------------
    "title_pip": ("Performance improvement plan", "绩效改进计划"),
    "title_monitoring": ("Performance monitoring note", "绩效跟踪说明"),
    "title_interview": ("Interview outline", "绩效面谈提纲"),
    "draft": ("Draft for human review by {reviewer}: a recommendation, not a decision.",
              "草稿，须经 {reviewer} 人工审核：本文件为建议，而非决定。"),
    "employee": ("Employee", "员工"),
    "manager": ("Manager", "直属经理"),
    "reviewer": ("Reviewer", "审核人"),
    "case": ("Case", "案例"),
    "period": ("Period", "考核期"),
    "as_of": ("Data as of", "数据截至"),
    "plan_period": ("Plan period", "计划周期"),
    "plan_span": ("{start} to {end} ({days} days)", "{start} 至 {end},共 {days} 天"),
    "look_again": ("Look again on", "再次查看日期"),
    "h_summary": ("Performance gaps", "绩效差距"),
    "h_notes": ("Notes", "说明"),
    "h_goals": ("SMART goals", "SMART 改进目标"),
    "h_actions": ("Actions and support", "行动与支持措施"),
    "party_organisation": ("What the organisation provides", "组织提供的支持"),
    "party_manager": ("What the manager does", "直属经理的承诺"),
    "party_employee": ("What the employee does", "员工本人的行动"),
    "h_training": ("Training schedule", "培训安排"),
    "h_checkins": ("Weekly check-ins", "每周周会"),
    "h_reviews": ("Monthly reviews", "月度复盘"),
    "h_decisions": ("Decision points at the final review", "最终复盘的决定节点"),
    "h_interview": ("Interview outline", "面谈提纲"),
    "h_left_out": ("Not in this copy", "本版未包含的内容"),
    "left_out_interview": (
        "This is the employee's copy. It leaves out the manager's interview outline ({steps} "
        "steps, {questions} questions, with the rules they test), which prepares the meeting; "
        "the manager's copy has it (perfdx plan --audience manager).",
        "本版为员工版，未包含经理的面谈提纲（{steps} 个步骤、{questions} 个问题，附其检验的规则），"
        "该提纲供经理准备面谈之用；经理版包含该提纲（perfdx plan --audience manager）。"),
    "h_comments": ("Employee comments", "员工意见"),
    "h_signoff": ("Sign-off", "签字确认"),
    "h_basis": ("Human review and the diagnosis behind this plan", "人工审核与诊断依据"),
    "header_employee": ("{id} · {role} · {department}", "{id} · {role} · {department}"),
    "header_case": ("{case} · period {period} · data as of {as_of}",
                    "{case} · 考核期 {period} · 数据截至 {as_of}"),
    "for_employee": ("{title}: {who}", "{title}:{who}"),
    "goal_n": ("Goal {n}: {name}", "目标 {n}:{name}"),
    "step_n": ("Step {n}. {title}", "第 {n} 步:{title}"),
    "aim": ("Aim", "目的"),
    "points_to_cover": ("Points to cover", "要点"),
    "to_find_out": ("To find out (ask in your own words)", "需要了解的问题(请用自己的话提问)"),
    "training_cap": ("At most {cap} hours of training a week, on working days.",
                     "每周培训不超过 {cap} 小时,均安排在工作日。"),
    "no_training": ("The diagnosis recommends no course for these goals.",
                    "诊断未针对这些目标建议具体课程。"),
    "part_of": ("part {part} of {parts}", "第 {part}/{parts} 部分"),
    "span": ("{first} to {last}", "{first} 至 {last}"),
    "depends_on": ("Depends on", "前提条件"),
    "purpose_agree_target": ("to agree in the interview", "需在面谈中商定"),
    "role": ("Role", "角色"),
    "name": ("Name", "姓名"),
    # -- table headers -----------------------------------------------------------------------
    "col_goal": ("Goal", "目标"),
    "col_metric": ("KPI / area", "指标 / 领域"),
    "col_baseline": ("Baseline", "基线"),
    "col_target": ("Target", "目标值"),
    "col_source": ("Measured in", "数据来源"),
    "col_indicator": ("Indicator", "衡量指标"),
    "col_milestones": ("Milestones", "阶段目标"),
    "col_due": ("Due", "截止日期"),
    "col_owner": ("Owner", "负责人"),
    "col_cause": ("Cause it answers", "对应原因"),
    "col_length": ("Length", "周期"),
    "col_status": ("SMART check", "SMART 检查"),
    "col_action": ("Action", "行动"),
    "col_start": ("Start", "开始"),
    "col_for": ("For", "针对"),
    "col_week": ("Week", "周次"),
    "col_dates": ("Dates", "日期"),
    "col_course": ("Course", "课程"),
    "col_hours": ("Hours", "小时"),
    "status_ok": ("passed", "通过"),
    "status_incomplete": ("INCOMPLETE: {what}", "待完善：{what}"),
    "missing_target": ("target to be agreed in the interview", "目标值待面谈时商定"),
    "missing_cause": ("cause to be established in the interview", "原因待面谈中确认"),
    "supported_by": ("{owner}, supported by {support}", "{owner}(支持人：{support})"),
    "certainty": ("certainty {value}", "确定度 {value}"),
    # -- gap summaries -------------------------------------------------------------------------
    "gap_measured": ("{name}: {actual} in {period} against a target of {target}{detail}{history}"
                     "{team}. Severity: {severity}.",
                     "{name}：{period} 为 {actual}，目标 {target}{detail}{history}{team}。"
                     "严重程度：{severity}。"),
    "gap_detail": (" ({attainment} of target, {short} {side} target)",
                   "(达成率 {attainment}，{side}目标 {short})"),
    "gap_detail_no_att": (" ({short} {side} target)", "({side}目标 {short})"),
    "below": ("below", "低于"),
    "above": ("above", "高于"),
    "points": ("{value} points", "{value} 个百分点"),
    "point": ("{value} point", "{value} 个百分点"),
    "scale_points": ("{value} points", "{value} 分"),
    "scale_point": ("{value} point", "{value} 分"),
    "gap_history": ("; earlier {items}", ";此前 {items}"),
    "gap_history_item": ("{value} ({period})", "{period} 为 {value}"),
    "gap_team": ("; team median {value}", ";团队中位数 {value}"),
    # the result against the team, better or worse whatever the KPI's direction (issue 16)
    "gap_team_below": ("; worse than the team (median {value})", ";差于团队(中位数 {value})"),
    "gap_team_level": ("; level with the team (median {value})", ";与团队持平(中位数 {value})"),
    "gap_team_above": ("; better than the team (median {value})", ";优于团队(中位数 {value})"),
    "gap_concern": ("{name} (stated by the specialist, no figures yet; period {period}): "
                    "\u201c{description}\u201d Severity: {severity}.",
                    "{name}(专员陈述，暂无量化数据；考核期 {period}):"
                    "\u201c{description}\u201d严重程度：{severity}。"),
    "minor": ("minor", "轻微"),
    "moderate": ("moderate", "中等"),
    "severe": ("severe", "严重"),
    "or": (" or ", "或"),
    # -- goals ---------------------------------------------------------------------------------
    "goal_raise": ("Raise {metric} from {baseline} ({period}) to {target} by {due} "
                   "(source: {source}).",
                   "在 {due} 前，将{metric}从 {baseline}({period})提升至 {target}"
                   "(数据来源：{source})。"),
    "goal_lower": ("Bring {metric} down from {baseline} ({period}) to {target} by {due} "
                   "(source: {source}).",
                   "在 {due} 前，将{metric}从 {baseline}({period})降低至 {target}"
                   "(数据来源：{source})。"),
    "goal_behaviour": ("Improve {metric}, as seen in: {indicator}. The level to reach by {due} "
                       "is to be agreed in the interview.",
                       "改进{metric}，以\u201c{indicator}\u201d衡量；{due} 前需达到的水平"
                       "待面谈时商定。"),
    "goal_behaviour_target": ("Improve {metric}, as seen in: {indicator}. The level to reach "
                              "by {due}: {target}.",
                              "改进{metric}，以\u201c{indicator}\u201d衡量；{due} 前需达到："
                              "{target}。"),
    "milestone_result": ("{value} by {date} ({closed} of the shortfall closed)",
                         "{date} 前达到 {value}(弥补差距的 {closed})"),
    "milestone_behaviour": ("{date}: first check of the indicator against the agreed target",
                            "{date}：对照商定的目标值首次检查该指标"),
    "baseline_none": ("no figure yet (concern stated for {period})",
                      "暂无数据(考核期 {period} 的专员陈述)"),
    "target_tba": ("to be agreed in the interview", "待面谈时商定"),
    "length_reason": ("{days} days: {cause}, {severity} gap; {why}",
                      "{days} 天：{cause}，{severity}差距；{why}"),
    # -- notes ---------------------------------------------------------------------------------
    "start_moved": ("{given} is a {what}; the plan starts on the next working day, {start}.",
                    "{given} 为{what}，计划自下一个工作日 {start} 开始。"),
    "saturday": ("Saturday", "周六"),
    "sunday": ("Sunday", "周日"),
    "holiday": ("holiday", "节假日"),
    "environment_first": (
        "The diagnosis points first to the work environment ({causes}) for {goals}. Most of "
        "the work in this plan is therefore the organisation's: the goals show whether the "
        "changes work, and their dates assume that the support listed under \u201cWhat the "
        "organisation provides\u201d arrives on time.",
        "诊断显示，{goals}的差距首先源于工作环境({causes})。因此本计划的主要工作由组织承担："
        "目标用于检验这些改进是否见效，其日期以\u201c组织提供的支持\u201d按时到位为前提。"),
    "holidays_uncovered": (
        "The holiday list in the plan policy has no dates for {years}: dates in those years "
        "skip weekends only. Check them against the official calendar, or add the holidays to "
        "knowledge_base/plan_policy.yaml.",
        "计划政策中的节假日列表没有 {years} 年的日期：这些年份中的日期只避开了周末。请对照官方日历"
        "核对，或在 knowledge_base/plan_policy.yaml 中补充节假日。"),
    "environment_only": (
        "Every goal here answers a cause in the work environment: the reviewer may decide to "
        "follow these goals as a process or resource improvement, without a personal plan.",
        "本计划的每个目标所对应的原因都在工作环境方面：审核人可决定将这些目标作为流程或资源改进"
        "加以跟进，而不制定针对个人的改进计划。"),
    "unscheduled": ("{course}: {hours} hours do not fit before {end} within {cap} hours a week; "
                    "agree at the final review when to schedule them.",
                    "{course}：在每周 {cap} 小时的上限内，有 {hours} 小时无法在 {end} 前完成；"
                    "请在最终复盘时商定后续安排。"),
    "mon_none": ("No performance gap was found; no improvement plan is needed.",
                 "未发现绩效差距，无需制定绩效改进计划。"),
    "mon_no_pip": ("No gap reaches the severity that calls for an improvement plan ({severities}); "
                   "no plan is proposed.",
                   "没有差距达到需要制定绩效改进计划的程度({severities})，因此不建议制定改进计划。"),
    "mon_share": ("Share these figures with the employee at the next one-to-one, and look at them "
                  "again on {date} with the next results.",
                  "请在下次一对一沟通时与员工分享上述数据，并于 {date} 结合最新结果再次查看。"),
    "pip_small_gap": ("{gap} is a {severity} gap, without a goal of its own: look at its figures "
                      "at each check-in, and add a goal if it has grown to {severities}.",
                      "{gap}为{severity}差距，不单独设定目标：每次进度检查时查看其数据；如已扩大到"
                      "{severities}程度，再增设目标。"),
    "mon_escalate": ("If a gap has grown to {severities} by then, draft an improvement plan with "
                     "the new figures.",
                     "届时如差距已达到{severities}程度，请用新数据起草绩效改进计划。"),
    # -- actions -------------------------------------------------------------------------------
    "action_for": ("for {cause}: {goals}", "针对{cause}：{goals}"),
    "action_choose_course": ("{owner} chooses the course from the training catalogue by {date}",
                             "由{owner}在 {date} 前从培训目录中选定课程"),
    "act_agree_target": ("Agree with the employee the target for {metric} and how it is counted, "
                         "and write it into this plan",
                         "与员工商定{metric}的目标值及统计方式，并写入本计划"),
    "act_training": ("Complete the scheduled training: {courses}", "按培训安排完成课程：{courses}"),
    "act_bring": ("Bring the latest figures and examples of completed work to each weekly "
                  "check-in", "每次周会带上最新数据和已完成工作的实例"),
    "act_checkins": ("Hold the weekly check-ins on {weekday} and send written notes to the "
                     "employee within one working day, with feedback on the week's results",
                     "每{weekday}召开周会，就当周结果给予反馈，并在一个工作日内将书面纪要发给员工"),
    "hours_n": ("{value} hours", "{value} 小时"),
    # -- check-ins and reviews -----------------------------------------------------------------
    "checkin_rule": ("Every {weekday}, a one-to-one check-in; in a week with a monthly review, "
                     "the review takes its place. Written notes go to the employee within one "
                     "working day.",
                     "每{weekday}进行一对一周会；当周有月度复盘时，以复盘代替周会。"
                     "书面纪要在一个工作日内发给员工。"),
    "checkin_routine": ("At every check-in", "每次周会都要检查"),
    "checkin_also": ("Also at this check-in", "本次周会另需检查"),
    "checkin_n": ("Check-in {n}, {date}", "第 {n} 次周会，{date}"),
    "review_n": ("Review {n}, {date}", "第 {n} 次月度复盘，{date}"),
    "review_final": ("Final review and decision, {date}", "最终复盘及决定，{date}"),
    "ck_training": ("Training: {course}, {done} of {total} hours planned by this week",
                    "培训：{course}，截至本周应完成 {done}/{total} 小时"),
    "ck_due": ("Due since the last check-in: {title} ({owner}, {date})",
               "上次周会以来到期：{title}({owner}，{date})"),
    "ck_result": ("{metric}: latest figure ({source}) against the next point, {value} by {date}",
                  "{metric}：查看最新数据({source})，对照 {date} 前达到 {value} 的阶段目标"),
    "ck_result_target": ("{metric}: latest figure ({source}) against the target, {value} by {date}",
                         "{metric}：查看最新数据({source})，对照 {date} 前达到目标值 {value} 的要求"),
    "ck_behaviour": ("{metric}: record {indicator}", "{metric}：记录\u201c{indicator}\u201d的情况"),
    "ck_tasks": ("Tasks agreed at the last check-in: done or not, with dated examples",
                 "任务完成情况：上次周会约定的工作是否完成，附具体事例和日期"),
    "ck_support": ("Support: anything the employee is still waiting for",
                   "支持：员工是否仍在等待任何支持"),
    "rv_result": ("{metric}: compare the latest figure with {value}, due {date}",
                  "{metric}：将最新数据与 {date} 前应达到的 {value} 对比"),
    "rv_result_final": ("{metric}: compare the latest figure with the target, {target}",
                        "{metric}：将最新数据与目标值 {target} 对比"),
    "rv_behaviour": ("{metric}: review the records of {indicator} against the agreed target",
                     "{metric}：对照商定的目标值，回顾\u201c{indicator}\u201d的记录"),
    "rv_training": ("Training completed: {done} of {total} hours planned by this date",
                    "培训完成情况：截至本次应完成 {done}/{total} 小时"),
    "rv_support": ("Support due by this date: {items}", "截至本次应到位的支持：{items}"),
    "rv_adjust": ("Adjust the plan if circumstances have changed; write down each change and have "
                  "both sides initial it", "如情况有变，调整计划；每项变更书面记录并由双方确认"),
    "rv_decide": ("Decide with the employee, using the decision points below",
                  "依据下列决定节点，与员工共同确定下一步"),
    # -- comments, sign-off, review ------------------------------------------------------------
    "comments_prompt": ("The employee's view of the gaps, the causes and this plan, in their own "
                        "words:", "员工对差距、原因及本计划的看法(请本人填写):"),
    "signoff_note": ("Signing confirms that this plan was discussed with the employee; it does "
                     "not mean agreement with every point. The employee's view belongs under "
                     "\u201cEmployee comments\u201d.",
                     "签字仅表示本计划已与员工沟通，并不代表同意其中每一项内容。"
                     "员工的看法请填写在\u201c员工意见\u201d部分。"),
    "sign_employee": ("Employee", "员工"),
    "sign_manager": ("Manager", "直属经理"),
    "sign_hr": ("HR", "人力资源(HRBP)"),
    "signature": ("Signature", "签名"),
    "date": ("Date", "日期"),
    "review_statement": (
        "This plan is a recommendation for human review, not a decision: {reviewer} reviews it "
        "with the manager before it is discussed with the employee, and the employee may see how "
        "it was reached, comment on it and contest it.",
        "本计划仅为建议，须经人工审核，并非决定：在与员工沟通之前，须由 {reviewer} "
        "与直属经理共同审核；员工有权了解其形成过程，提出意见并提出异议。"),
    "review_statement_note": (
        "This note is a recommendation for human review, not a decision: {reviewer} reviews it "
        "with the manager before it is discussed with the employee, and the employee may see how "
        "it was reached, comment on it and contest it.",
        "本说明仅为建议，须经人工审核，并非决定：在与员工沟通之前，须由 {reviewer} "
        "与直属经理共同审核；员工有权了解其形成过程，提出意见并提出异议。"),
    "no_reviewer": ("a named reviewer (none is given in the case)", "指定的审核人(案例中未指定)"),
    "basis": ("It rests on the diagnosis of case {case} with data as of {as_of}, made with "
              "knowledge base {kb}: {causes}.",
              "本计划依据案例 {case}(数据截至 {as_of})的诊断，所用知识库版本为 {kb}：{causes}。"),
    "basis_cause": ("{cause} for {gap} ({certainty}; rules {rules})",
                    "{gap}：{cause}({certainty}；规则 {rules})"),
    "basis_none": ("no cause reaches the reporting threshold", "没有原因达到报告阈值"),
    # -- interview -----------------------------------------------------------------------------
    "iv_for": ("For the meeting that starts the plan on {start}.",
               "用于 {start} 启动计划的面谈。"),
    "iv_tone": ("Supportive and without blame: talk about results and conduct with dates and "
                "numbers, listen first, and let the employee shape the plan.",
                "营造建设性、支持性的沟通氛围：围绕结果和具体行为，用日期和数据说话；先倾听，"
                "鼓励员工表达真实想法和困难，并参与制定计划，避免指责性语言。"),
    "iv1": ("Review performance and data", "回顾绩效表现和数据"),
    "iv2": ("Explore the causes together", "共同探讨差距原因"),
    "iv3": ("Shape the plan with the employee", "引导员工参与制定改进计划"),
    "iv4": ("Agree support and follow-up", "明确后续支持措施和跟进安排"),
    "iv1_aim": ("Share the figures and the period they cover, and hear how the employee sees "
                "them.", "说明评估结果及其考核期，听取员工对数据的看法。"),
    "iv2_aim": ("Test the leading causes with the employee before anything is settled; ask about "
                "tools, process and expectations before skills.",
                "在形成结论之前，与员工一起验证主要原因；先了解工具、流程和期望，再讨论技能。"),
    "iv3_aim": ("Propose the goals as a draft and let the employee change them; agree the targets "
                "still open.", "以草案形式提出目标，请员工提出修改意见；商定尚未确定的目标值。"),
    "iv3_aim_monitoring": ("No formal plan is proposed; agree with the employee how the figures "
                           "will be followed up.",
                           "不建议制定正式改进计划；与员工商定如何跟进相关数据。"),
    "iv4_aim": ("Agree who provides what by when, and how progress will be followed.",
                "明确谁在何时提供何种支持，以及如何跟进进展。"),
    "q_data": ("How do you see these results? Is anything missing or wrong in the data?",
               "您如何看待这些结果？数据中是否有遗漏或不准确之处？"),
    "q_examples": ("About {name}: can we go through two or three dated examples together, and "
                   "what got in the way each time?",
                   "关于{name}：能否一起回顾两三个具体事例(含日期)，以及每次遇到了什么阻碍？"),
    "iv_cause": ("Leading cause for {gaps}: {cause} ({certainty})",
                 "{gaps}的主要原因：{cause}({certainty})"),
    "iv_recorded": ("on record: {value} ({source})", "已记录：{value}({source})"),
    "iv_missing": ("not yet known; wanted by rules {rules}", "尚未掌握；规则 {rules} 需要"),
    "purpose_confirm": ("would confirm {cause}", "可印证{cause}"),
    "purpose_rule_out": ("would rule out {cause}", "可排除{cause}"),
    "purpose_confirm_or_rule_out": ("confirms or rules out {cause}", "可印证或排除{cause}"),
    "purpose_missing": ("evidence still missing, bears on {cause}", "尚缺的证据,涉及{cause}"),
    "iv_missing_head": ("Evidence still missing", "尚缺的证据"),
    "q_goals": ("Which of these goals and dates look achievable to you, and what would you change?",
                "您认为这些目标和日期是否可以实现？您希望做哪些调整？"),
    "q_agree_target": ("About {metric}: what level of {indicator} by {due} would show that the gap "
                       "is closed, and how will we count it?",
                       "关于{metric}：到 {due}，\u201c{indicator}\u201d达到什么水平才算弥补了差距？"
                       "如何统计？"),
    "q_own": ("What would you add to the plan yourself?", "您自己还希望在计划中加入哪些行动？"),
    "q_follow_minor": ("How would you like to follow these figures until {date}?",
                       "在 {date} 之前，您希望如何跟进这些数据？"),
    "q_support": ("What else would help you reach these goals, from the manager, the team or "
                  "other departments?",
                  "为实现这些目标，您还需要经理、团队或其他部门提供哪些支持？"),
    "q_support_minor": ("What would help you bring these figures back to target?",
                        "要让这些数据回到目标水平，您需要哪些帮助？"),
    "q_followup": ("Do the check-in day and the review dates work for you?",
                   "周会时间和复盘日期是否合适？"),
    "iv_action": ("{title}: {owner}, by {due}", "{title}：{owner}，{due} 前"),
    "iv_training": ("Training: {course}, {hours} hours, week {first} to week {last}",
                    "培训：{course}，{hours} 小时，第 {first} 至第 {last} 周"),
    "iv_checkins": ("Weekly check-ins on {weekday}, the first on {date}",
                    "每{weekday}召开周会，首次为 {date}"),
    "iv_reviews": ("Monthly reviews on {dates}; final review and decision on {end}",
                   "月度复盘：{dates}；最终复盘及决定：{end}"),
    "iv_final_only": ("Final review and decision on {end}", "最终复盘及决定：{end}"),
    "iv_signoff": ("Invite written comments on the plan before signing; signing confirms the "
                   "discussion, not agreement with every point.",
                   "签字前请员工书面填写意见；签字仅表示已沟通，不代表同意每一项内容。"),
    "src_interview": ("interview", "面谈"),
    "src_assessment": ("assessment", "测评"),
    "src_records": ("records", "记录"),
    "src_observation": ("observation", "观察"),
    "yes": ("yes", "是"),
    "no": ("no", "否"),
}

_WEEKDAYS = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "zh": ("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
}
_WEEKDAY_NAMES = {
    "monday": ("Monday", "周一"), "tuesday": ("Tuesday", "周二"),
    "wednesday": ("Wednesday", "周三"), "thursday": ("Thursday", "周四"),
    "friday": ("Friday", "周五"),
}


def say(key: str, lang: Lang, **values: object) -> str:
    """A plan phrase in `lang`, with its {placeholders} filled."""
    if lang == "en":
        return pick(_P, key, lang, **values)
    zh = template(_P[key][1])
    return full_width(zh.format(**values) if values else zh)


def keys() -> list[str]:
    return list(_P)


def phrase_pair(key: str) -> tuple[str, str]:
    return _P[key]


def date(day: dt.date, lang: Lang) -> str:
    """`Thu 2026-10-15` / `2026-10-15(周四)`: the weekday helps a reader plan the meeting."""
    wd = _WEEKDAYS[lang][day.weekday()]
    return f"{wd} {day.isoformat()}" if lang == "en" else f"{day.isoformat()}\uff08{wd}\uff09"


def weekday(name: str, lang: Lang) -> str:
    en, zh = _WEEKDAY_NAMES[name]
    return en if lang == "en" else zh


def join(items: list[str], lang: Lang) -> str:
    return ("、" if lang == "zh" else ", ").join(items)


def share(x: float) -> str:
    return f"{x:.0%}"


def semi(lang: Lang) -> str:
    """The separator between clauses: "; " or "；"."""
    return "; " if lang == "en" else "\uff1b"


def paren(text: str, lang: Lang) -> str:
    """A parenthesis after a word: " (text)" or "（text）"."""
    return f" ({text})" if lang == "en" else f"\uff08{text}\uff09"


def colon(lang: Lang) -> str:
    return ": " if lang == "en" else "\uff1a"
