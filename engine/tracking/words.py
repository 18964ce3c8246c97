"""What the tracking commands print, in English and Chinese (keys are stable identifiers)."""

from __future__ import annotations

from ..i18n import Lang, pick

_W: dict[str, tuple[str, str]] = {
    "title": ("Plan {plan}: {employee}, {role} (case {case})",
              "改进计划 {plan}:{employee},{role}(案例 {case})"),
    "period": ("Plan period {start} to {end}; status as of {as_of}",
               "计划期 {start} 至 {end};状态截至 {as_of}"),
    "closed": ("Closed: {outcome}", "已结束:{outcome}"),
    "h_goals": ("Goals", "目标"),
    "on_track": ("on track", "按计划推进"),
    "behind": ("behind", "落后"),
    "ahead": ("ahead", "超前"),
    "no_figure": ("no figure yet", "尚无数据"),
    "not_measured": ("behaviour goal: see the check-in notes", "行为目标:见周检记录"),
    "no_target": ("no target agreed yet", "尚未商定目标"),
    "latest": ("latest {value} on {date}: {closed} of the shortfall closed (baseline {baseline}, "
               "target {target} by {due}); the milestone path expects {expected} by then",
               "最新数据 {value}({date}):已弥补差距的 {closed}(基线 {baseline},目标 {due} "
               "前达到 {target});按里程碑路径,届时应弥补 {expected}"),
    "baseline_target": ("baseline {baseline}, target {target} by {due}",
                        "基线 {baseline},目标 {due} 前达到 {target}"),
    "next_point": ("next point: {value} by {date}", "下一个节点:{date} 前达到 {value}"),
    "rule": ("Rule: a goal is on track while the share of its shortfall closed by the latest "
             "figure, (figure - baseline) / (target - baseline), is within {tol} points of the "
             "share its milestone path expects on that date (a straight line from the baseline at "
             "the start through each milestone to the target at the due date); below that it is "
             "behind, above it ahead.",
             "规则:以最新数据已弥补的差距比例,即(数据 - 基线)/(目标 - 基线),与里程碑路径在该日期"
             "应弥补的比例(从开始日的基线经各里程碑到截止日的目标连成的直线)相比,相差不超过 {tol} "
             "个百分点即为按计划推进;低于此为落后,高于此为超前。"),
    "h_training": ("Training", "培训"),
    "training_sum": ("{done} of {total} hours done; {due} hours scheduled by {as_of}",
                     "已完成 {done}/{total} 小时;截至 {as_of} 计划完成 {due} 小时"),
    "no_training": ("The plan schedules no training.", "计划未安排培训。"),
    "session": ("{name}, part {part} of {parts} ({hours} h, by {due})",
                "{name},第 {part}/{parts} 部分({hours} 小时,{due} 前)"),
    "done_on": ("done {date}", "已于 {date} 完成"),
    "overdue": ("overdue", "已逾期"),
    "not_yet": ("not yet due", "未到期"),
    "h_checkins": ("Check-ins", "周检"),
    "checkin_sum": ("{held} of {due} planned check-ins by {as_of} held; missed: {missed}; "
                    "next: {next}",
                    "截至 {as_of} 计划的 {due} 次周检已进行 {held} 次;缺失:{missed};下一次:{next}"),
    "none": ("none", "无"),
    "no_checkins": ("No check-in recorded yet.", "尚未记录周检。"),
    "entered_by": ("entered by {who}", "录入人 {who}"),
    "training_done": ("training done: {ids}", "完成培训:{ids}"),
    "note": ("note: {text}", "备注:{text}"),
    "h_changes": ("Changes to the plan", "计划调整"),
    "no_changes": ("The plan has not been changed.", "计划未作调整。"),
    "change": ("{date} [{id}] {item} {field}: {before} -> {after}; reason: {reason}",
               "{date} [{id}] {item} {field}:{before} -> {after};原因:{reason}"),
    "f_target": ("target", "目标值"), "f_due": ("due date", "截止日期"),
    "f_milestones": ("milestones", "里程碑"), "f_end": ("end", "结束日期"),
    "adjust_done": ("perfdx: plan change {id} recorded for plan {plan} ({date}); the earlier "
                    "version stays in the log",
                    "perfdx:已为改进计划 {plan} 记录调整 {id}({date});原版本保留在日志中"),
    "h_history": ("History of plan {plan}, in the order recorded",
                  "改进计划 {plan} 的记录(按记录顺序)"),
    "issued": ("plan issued for {start} to {end}, {goals} goals; {state}",
               "计划发布:{start} 至 {end},{goals} 个目标;{state}"),
    "k_checkin": ("check-in {date}", "周检 {date}"),
    "k_adjustment": ("plan change {date}", "计划调整 {date}"),
    "k_monthly": ("monthly review (tracking) {date}", "月度回顾(跟踪){date}"),
    "k_closing": ("closed {date}: {outcome}", "结束 {date}:{outcome}"),
    "k_followup": ("follow-up {date}", "后续评估 {date}"),
    "m_title": ("Monthly review (tracking) of plan {plan}: {employee}, {role}",
                "改进计划 {plan} 的月度回顾(跟踪):{employee},{role}"),
    "m_note": ("A draft for the conversation with the employee, made from the check-ins. It is a "
               "tracking record, not the human review of a decision ('perfdx audit review').",
               "根据周检记录起草、供与员工面谈使用的草稿。这是跟踪记录,不是对决定的人工审核"
               "('perfdx audit review')。"),
    "m_period": ("Period {since} to {as_of}", "期间 {since} 至 {as_of}"),
    "m_prepares": ("; prepares review {n} of {date}", ";用于 {date} 的第 {n} 次回顾"),
    "h_moved": ("What moved", "有变化的"),
    "h_unmoved": ("What did not move", "没有变化的"),
    "h_questions": ("Questions for the conversation", "面谈问题"),
    "mv_better": ("{name}: {a} ({da}) -> {b} ({db}), better; {state}",
                  "{name}:{a}({da})-> {b}({db}),改善;{state}"),
    "mv_worse": ("{name}: {a} ({da}) -> {b} ({db}), worse; {state}",
                 "{name}:{a}({da})-> {b}({db}),变差;{state}"),
    "mv_unchanged": ("{name}: still {b} ({db}); {state}", "{name}:仍为 {b}({db});{state}"),
    "mv_no_figure": ("{name}: no new figure in the period", "{name}:本期没有新数据"),
    "mv_not_measured": ("{name}: a behaviour goal, see the check-in notes",
                        "{name}:行为目标,见周检记录"),
    "m_training": ("Training done in the period: {done}; overdue: {overdue}",
                   "本期完成的培训:{done};逾期:{overdue}"),
    "m_checkins": ("Check-ins held: {held}; missed: {missed}", "已进行周检:{held} 次;缺失:{missed}"),
    "m_changes": ("Plan changes in the period: {ids}", "本期计划调整:{ids}"),
    "q_behind": ("{name} is behind its path ({closed} of the shortfall closed, {expected} "
                 "expected): what stood in the way since {since}, and what support would help?",
                 "{name}落后于路径(已弥补差距的 {closed},应为 {expected}):自 {since} 以来遇到了"
                 "什么阻碍?需要什么支持?"),
    "q_ahead": ("{name} is ahead of its path: what worked, and should the target stay as agreed?",
                "{name}超前于路径:哪些做法有效?目标是否维持原约定?"),
    "q_worse": ("{name} went from {a} to {b}: what changed in the work since {since}?",
                "{name}从 {a} 变为 {b}:自 {since} 以来工作中发生了什么变化?"),
    "q_no_figure": ("There is no new figure of {name} since {since}: when will {source} show "
                    "the next one?",
                    "自 {since} 以来没有{name}的新数据:{source}何时会有下一次数据?"),
    "q_behaviour": ("{name}: what has been seen since {since}, with dated examples?",
                    "{name}:自 {since} 以来观察到了什么?请举出有日期的实例。"),
    "q_training": ("{name}, part {part} of {parts}, was due by {due} and is not recorded done: "
                   "what prevents it, and when can it be done?",
                   "{name}第 {part}/{parts} 部分应于 {due} 前完成,但尚无完成记录:是什么阻碍了它?"
                   "何时能完成?"),
    "q_missed": ("{n} check-in(s) missed ({dates}): can the weekly check-in keep its day "
                 "({weekday})?",
                 "缺失 {n} 次周检({dates}):每周周检能否固定在原定日期({weekday})?"),
    "q_adjust": ("Has anything changed in the circumstances that calls for a change to the "
                 "plan (recorded with 'perfdx track adjust' and its reason)?",
                 "情况是否有变化,需要调整计划(用 'perfdx track adjust' 记录并说明原因)?"),
    "q_employee": ("What does the employee see as the main obstacle, and the next step?",
                   "员工认为主要障碍是什么?下一步是什么?"),
    "monthly_done": ("perfdx: monthly review {id} recorded for plan {plan} ({date})",
                     "perfdx:已为改进计划 {plan} 记录月度回顾 {id}({date})"),
    "monday": ("Monday", "周一"), "tuesday": ("Tuesday", "周二"),
    "wednesday": ("Wednesday", "周三"), "thursday": ("Thursday", "周四"),
    "friday": ("Friday", "周五"), "saturday": ("Saturday", "周六"), "sunday": ("Sunday", "周日"),
    "c_title": ("Closing report: plan {plan}, {employee}, {role}",
                "结束报告:改进计划 {plan},{employee},{role}"),
    "c_closed": ("Closed {date}; outcome: {outcome}. Plan period {start} to {end}.",
                 "{date} 结束;结果:{outcome}。计划期 {start} 至 {end}。"),
    "met": ("met", "达成"), "partly": ("partly met", "部分达成"), "not_met": ("not met", "未达成"),
    "withdrawn": ("withdrawn", "撤销"),
    "c_support": ("Decision support for the people who agreed the outcome, not a verdict on "
                  "anyone: the figures say what changed, not why.",
                  "仅为决策支持,供商定结果的相关人员参考,不是对任何人的评判:数字只说明变化了什么,"
                  "不说明原因。"),
    "h_before_after": ("Before and after", "前后对比"),
    "c_headers": ("Goal|KPI|Before|After|Change|Relative|Target|Reached|Shortfall closed|"
                  "Team change|Net of team",
                  "目标|指标|之前|之后|变化|相对变化|目标值|是否达到|已弥补差距|团队变化|扣除团队变化"),
    "yes": ("yes", "是"), "no": ("no", "否"),
    "c_no_team": ("{kpi}: no team comparison: the decision log holds no department run of "
                  "{dept} with this KPI before and after the plan, so the change is not shown "
                  "net of the team's.",
                  "{kpi}:无团队对比:决策日志中没有计划前后包含该指标的 {dept} 部门批量诊断,因此"
                  "变化未扣除团队的变化。"),
    "c_team": ("{kpi}: the team's median (n={n}) went from {before} ({b_run}) to {after} "
               "({a_run}); net of the team, the change is {net}.",
               "{kpi}:团队中位数(n={n})从 {before}({b_run})变为 {after}({a_run});扣除团队"
               "变化后,变化为 {net}。"),
    "h_kirkpatrick": ("Training evaluated (Kirkpatrick)", "培训评估(柯氏四级)"),
    "k_headers": ("Course|Reaction (1-5)|Learning (0-100)|Behaviour (level 3)|Results",
                  "课程|反应(1-5)|学习(0-100)|行为(第 3 级)|结果"),
    "k_later": ("60-90 days after the training: perfdx track followup",
                "培训后 60-90 天:perfdx track followup"),
    "k_result": ("{goal} {closed} of the shortfall closed", "{goal} 已弥补差距的 {closed}"),
    "k_seen": ("{seen} ({n} days after the training)", "{seen}(培训后 {n} 天)"),
    "h_roi": ("Return on investment (Phillips)", "投资回报(菲利普斯)"),
    "roi": ("Benefit {benefit}, cost {cost}: benefit-cost ratio {bcr}; ROI = (benefit - cost) / "
            "cost x 100 = {roi}%.",
            "收益 {benefit},成本 {cost}:收益成本比 {bcr};ROI =(收益 - 成本)/ 成本 x 100 = {roi}%。"),
    "no_roi": ("No benefit and cost were given: no ROI.", "未提供收益和成本:不计算 ROI。"),
    "h_note": ("Note", "备注"),
    "close_done": ("perfdx: plan {plan} closed ({outcome}), record {id}",
                   "perfdx:改进计划 {plan} 已结束({outcome}),记录 {id}"),
    "followup_done": ("perfdx: follow-up {id} recorded for plan {plan} ({date})",
                      "perfdx:已为改进计划 {plan} 记录后续评估 {id}({date})"),
    "l_none": ("No case in the library matches.", "案例库中没有符合条件的案例。"),
    "l_headers": ("case|closed|role|patterns|interventions|outcome|shortfall closed",
                  "案例|结束日期|岗位|原因模式|干预措施|结果|已弥补差距"),
    "l_total": ("cases found: {n}", "共 {n} 个案例"),
    "s_headers": ("pattern|intervention|n|met|share met|median shortfall closed|",
                  "原因模式|干预措施|案例数|达成|达成比例|已弥补差距中位数|"),
    "s_caution": ("caution: fewer than {min} cases", "注意:案例少于 {min} 个"),
    "s_none": ("The library holds no closed plan yet.", "案例库中尚无已结束的计划。"),
    "s_note": ("Cases closed as withdrawn are left out: nothing was tried to the end. Below {min} "
               "cases a share says little.",
               "以撤销结束的计划不计入:没有完整实施。案例少于 {min} 个时,比例说明不了什么。"),
    "imported": ("perfdx: imported {n} case(s) from {file} (record {id}); {skipped} already "
                 "in the library",
                 "perfdx:已从 {file} 导入 {n} 个案例(记录 {id});{skipped} 个已在案例库中"),
    "imported_none": ("perfdx: the {n} case(s) of {file} are already in the library: "
                      "nothing imported", "perfdx:{file} 中的 {n} 个案例均已在案例库中:未导入"),
    "d_headers": ("date|plan|employee|what|state", "日期|改进计划|员工|事项|状态"),
    "d_checkin": ("check-in {n}", "第 {n} 次周检"),
    "d_review": ("monthly review {n}", "第 {n} 次月度回顾"),
    "d_due": ("due this week", "本周到期"), "d_overdue": ("overdue", "已逾期"),
    "d_none": ("Nothing due in the week of {monday} across the open plans.",
               "{monday} 这一周,所有进行中的计划均无到期事项。"),
    "d_total": ("Week of {monday}: {due} due, {overdue} overdue.",
                "{monday} 这一周:{due} 项到期,{overdue} 项逾期。"),
    "cal_name": ("perfdx plan {plan}: {employee}", "perfdx 改进计划 {plan}:{employee}"),
    "cal_summary": ("{employee}: {what}", "{employee}:{what}"),
    "cal_final": ("final review {n}, decision points", "第 {n} 次回顾(最终),决策点"),
    "h_chart": ("Trend", "趋势"),
    "chart_figure": ("Figure", "数据"), "chart_path": ("Milestone path", "里程碑路径"),
    "chart_date": ("Date", "日期"), "chart_series": ("Series", "系列"),
    "h_date": ("Date", "日期"), "h_value": ("Value", "数值"), "h_expected": ("Path", "路径"),
    "checkin_done": ("perfdx: check-in {id} recorded for plan {plan} ({date})",
                     "perfdx:已为改进计划 {plan} 记录周检 {id}({date})"),
    "plan_draft": ("perfdx: warning: plan {plan} is a draft that requires human review: "
                   "tracking it does not make it a reviewed plan",
                   "perfdx:警告:改进计划 {plan} 为草稿,须经人工审核:跟踪记录并不代表计划已获审核"),
}


def t(key: str, lang: Lang, **values: object) -> str:
    """A tracking phrase in `lang`."""
    return pick(_W, key, lang, **values)


def pct(share: float) -> str:
    """A share as a whole percentage: 0.094 -> 9%."""
    return f"{round(share * 100):d}%"
