"""The errors of the commands that read and write records: the decision log (audit), plan
tracking (track), and department runs from HR exports (batch), in English and Chinese: part of
the one message table (engine/messages/__init__.py)."""

from __future__ import annotations

# key: (English template, Chinese template), as in MESSAGES.
RECORD_MESSAGES: dict[str, tuple[str, str]] = {
    # the decision log (engine/audit/)
    "no_log": ("no decision log here", "这里没有决策日志"),
    "no_log_empty": ("no decision log here: the file is empty", "这里没有决策日志：文件是空的"),
    "no_log_hint": ("decisions are recorded by 'perfdx diagnose'; give --db PATH or set "
                    "$PERFDX_DB to use another log",
                    "决策由 'perfdx diagnose' 记录；要使用其他日志，请给出 --db PATH 或设置 "
                    "$PERFDX_DB"),
    "no_record": ("no record {id}", "没有记录 {id}"),
    "records_listed": ("'perfdx audit list' shows the record ids",
                       "'perfdx audit list' 可列出各记录编号"),
    "not_record_id": ("{text} is not a record id", "{text} 不是记录编号"),
    "record_id_form": ("record ids are 12 hexadecimal digits, e.g. 3f9a1c2b7d4e; 'perfdx audit "
                       "list' shows them",
                       "记录编号是 12 位十六进制数字，例如 3f9a1c2b7d4e；'perfdx audit list' 可列出它们"),
    "record_ambiguous": ("record id {id} is ambiguous: it begins {n} records ({ids})",
                         "记录编号 {id} 不唯一：有 {n} 条记录以它开头（{ids}）"),
    "more_digits": ("give more digits", "请多写几位数字"),
    "no_signing_key": ("no signing key here", "这里没有签名密钥"),
    "no_signing_key_hint": ("create one with 'perfdx audit keygen'",
                            "请用 'perfdx audit keygen' 创建一个"),
    "no_public_key": ("no public key here", "这里没有公钥"),
    "no_public_key_hint": ("give the KEY.pub file that 'perfdx audit keygen' wrote",
                           "请给出 'perfdx audit keygen' 生成的 KEY.pub 文件"),
    "review_by_note": ("a review names the reviewer (--by) and says why (--note)",
                       "复核须写明复核人（--by）和理由（--note）"),
    # following a plan (engine/tracking/)
    "no_goal_on_kpi": ("--kpi {item}: plan {plan} has no goal on KPI {kpi}",
                       "--kpi {item}：计划 {plan} 没有针对指标 {kpi} 的目标"),
    "its_kpis": ("its KPIs: {ids}", "计划中的指标：{ids}"),
    "its_goals": ("its goals: {ids}", "计划中的目标：{ids}"),
    "its_courses": ("its courses: {ids}", "计划中的课程：{ids}"),
    "kpi_not_number": ("--kpi {item}: {text} is not a number", "--kpi {item}：{text} 不是数字"),
    "figure_alone": ("write the figure alone, e.g. {example}", "只写数字本身，例如 {example}"),
    "kpi_twice_checkin": ("--kpi {item}: {kpi} is given twice in one check-in",
                          "--kpi {item}：{kpi} 在一次检查中写了两次"),
    "behaviour_goal": ("--kpi {item}: {goal} ({name}) is a behaviour goal, not a figure",
                       "--kpi {item}：{goal}（{name}）是行为目标，不是数字"),
    "only_done": ("--training {item}: the only value is 'done'",
                  "--training {item}：唯一可写的值是 'done'"),
    "write_done": ("write {name}=done once the training is completed",
                   "培训完成后写 {name}=done"),
    "no_training_named": ("--training {item}: plan {plan} schedules no training {name}",
                          "--training {item}：计划 {plan} 没有安排培训 {name}"),
    "schedules_none": ("it schedules no training", "该计划没有安排任何培训"),
    "before_start": ("{option} {day} is before plan {plan} started ({start})",
                     "{option} {day} 早于计划 {plan} 的开始日期（{start}）"),
    "before_closed": ("--date {day} is before plan {plan} closed ({closed})",
                      "--date {day} 早于计划 {plan} 的结束日期（{closed}）"),
    "checkin_empty": ("a check-in records something: --kpi KPI=VALUE, --training ID=done or "
                      "--note TEXT",
                      "一次检查至少要记录一项：--kpi KPI=VALUE、--training ID=done 或 --note TEXT"),
    "write_pair": ("{option} {item}: write {form}, e.g. {example}",
                   "{option} {item}：请写作 {form}，例如 {example}"),
    "write_form": ("{option} {item}: write {form}", "{option} {item}：请写作 {form}"),
    "not_utf8_option": ("{option} holds bytes that are not UTF-8 text",
                        "{option} 中含有不是 UTF-8 文本的字节"),
    "option_not_number": ("{option} {text} is not a number", "{option} {text} 不是数字"),
    "option_not_date": ("{option} {text}: {text2} is not a date; write YYYY-MM-DD",
                        "{option} {text}：{text2} 不是日期；请写作 YYYY-MM-DD"),
    "no_such_goal": ("--goal {goal}: plan {plan} has no such goal",
                     "--goal {goal}：计划 {plan} 没有这个目标"),
    "no_such_action": ("--action {action}: plan {plan} has no such action",
                       "--action {action}：计划 {plan} 没有这个行动项"),
    "target_closes_gap": ("--target {target}: a target of {goal} closes its gap: {side} the "
                          "baseline {baseline}",
                          "--target {target}：{goal} 的目标值应能缩小差距：须{side}基线 {baseline}"),
    "side_above": ("above", "高于"),
    "side_below": ("below", "低于"),
    "end_before": ("--end {end} is before {last} (the change's date or a goal's due date)",
                   "--end {end} 早于 {last}（变更日期或某个目标的截止日期）"),
    "goal_needed": ("--target, --due and --milestone change a goal: name it with --goal",
                    "--target、--due 和 --milestone 修改的是目标：请用 --goal 指明是哪个目标"),
    "due_outside": ("--due {due} is outside {day} (the change's date) to {end} (the plan's end)",
                    "--due {due} 不在 {day}（变更日期）到 {end}（计划结束日期）之间"),
    "move_end": ("move the plan's end with --end as well", "请同时用 --end 推迟计划的结束日期"),
    "milestone_outside": ("--milestone {item}: the date is not between the plan's start "
                          "({start}) and {goal}'s due date ({due})",
                          "--milestone {item}：日期不在计划开始日期（{start}）与 {goal} 的截止日期"
                          "（{due}）之间"),
    "no_milestone_figure": ("--milestone: {goal} has no figure to set milestones for",
                            "--milestone：{goal} 没有可设里程碑的数字"),
    "action_due_outside": ("--action-due {due} is outside the plan ({start} to {end})",
                           "--action-due {due} 不在计划期间（{start} 到 {end}）内"),
    "action_due_needs_action": ("--action-due moves an action: name it with --action",
                                "--action-due 用于移动行动项：请用 --action 指明是哪一项"),
    "nothing_to_change": ("nothing to change: give --goal with --target, --due or --milestone, "
                          "--action with --action-due, or --end",
                          "没有要修改的内容：请给出 --goal 加 --target、--due 或 --milestone，"
                          "或 --action 加 --action-due，或 --end"),
    "change_reason": ("a plan change says why: --reason TEXT",
                      "修改计划须说明理由：--reason TEXT"),
    "closed_plan_hint": ("a closed plan accepts only 'perfdx track followup'",
                         "已结束的计划只接受 'perfdx track followup'"),
}
