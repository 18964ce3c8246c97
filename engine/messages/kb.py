"""The HR editor's mistakes that `perfdx kb check` reports (engine/kb/, engine/authoring/), in
English and Chinese: part of the one message table (engine/messages/__init__.py)."""

from __future__ import annotations

# key: (English template, Chinese template), as in MESSAGES.
KB_MESSAGES: dict[str, tuple[str, str]] = {
    "group_attribute": ("{field} is a group attribute: it is kept for fairness statistics only "
                        "and rules can never see it",
                        "{field} 是群体属性：只用于公平性统计，规则永远看不到它"),
    "stage_cannot_see": ("a {stage} rule cannot see {fact} facts; they exist from the {from_} "
                         "stage on", "{stage} 阶段的规则看不到 {fact} 事实：它们从 {from_} 阶段起才存在"),
    "stages_in_order": ("stages run in order: {stages}", "各阶段依次运行：{stages}"),
    "stage_concludes": ("a {stage} rule concludes {own}, not {other}",
                        "{stage} 阶段的规则只能得出 {own}，不能得出 {other}"),
    "belongs_in": ("{what_} belongs in a {stage} rule", "{what_} 应写在 {stage} 阶段的规则里"),
    "certainty_range": ("`certainty` is a number from -1 to 1 (not 0): positive supports the "
                        "pattern, negative argues against it",
                        "`certainty` 是 -1 到 1 之间的数（不能为 0）：正数支持该原因类型，负数反对它"),
    "id_twice": ("{what} id {id} is used twice", "{what}编号 {id} 重复使用"),
    "first_at": ("first at {where}", "首次出现于 {where}"),
    "scenario_twice": ("scenario name {name} is used twice", "场景名称 {name} 重复使用"),
    "scenario_twice_hint": ("first at {where}; `kb test` reports by name",
                            "首次出现于 {where}；`kb test` 按名称报告结果"),
    "yes_no_neither": ("{name} is answered yes or no (true/false); {value} is neither",
                       "{name} 以是或否（true/false）作答；{value} 两者都不是"),
    "two_facts_names": ("two {fact} facts in one condition need names (first at line {line})",
                        "同一条件中的两个 {fact} 事实需要各自命名（第一个在第 {line} 行）"),
    "add_as": ("add `as: {name}` beside one of them", "请在其中一个旁边加上 `as: {name}`"),
    "then_under_when": ("`then:` is indented under `when:`", "`then:` 缩进到了 `when:` 下面"),
    "then_move_left": ("move it {n} spaces left, to line up with `when:` at column {col}",
                       "请把它左移 {n} 个空格，与第 {col} 列的 `when:` 对齐"),
    "rule_mapping": ("a rule is a mapping of id, stage, title, when, then, rationale and source, "
                     "not {value}", "一条规则应为包含 id、stage、title、when、then、rationale 和 "
                     "source 的映射，而不是 {value}"),
    "no_rationale_source": ("rule {id} has no rationale and no source",
                            "规则 {id} 既没有依据（rationale）也没有来源（source）"),
    "no_rationale_source_hint": (
        "add `rationale: {{en: ..., zh: ...}}` (why the rule holds) and `source:` (the model or "
        "study it comes from); both are shown in every explanation",
        "请加上 `rationale: {{en: ..., zh: ...}}`（规则为何成立）和 `source:`（所依据的模型或研究）；"
        "两者都会出现在每一条解释中"),
    "no_source": ("rule {id} has no source", "规则 {id} 没有来源（source）"),
    "no_source_hint": ("add `source:`: the model or study the rule comes from, shown in every "
                       "explanation", "请加上 `source:`：规则所依据的模型或研究，会出现在每一条解释中"),
    "no_rationale": ("rule {id} has no rationale", "规则 {id} 没有依据（rationale）"),
    "no_english": ("{field} has no English (en) text: English readers would see the Chinese",
                   "{field} 没有英文（en）文本：英文读者会看到中文"),
    "no_chinese": ("{field} has no Chinese (zh) text: Chinese readers would see the English",
                   "{field} 没有中文（zh）文本：中文读者会看到英文"),
    "no_text": ("{field} has no text in either language", "{field} 两种语言都没有文本"),
    "both_languages": ("write both languages, e.g. {example}", "请两种语言都写上，例如 {example}"),
    "duplicates": ("rule {id} duplicates {other} ({where}): same conditions and same conclusion; "
                   "the engine would combine their certainties ({a} and {b}) as if they were "
                   "independent evidence",
                   "规则 {id} 与 {other}（{where}）重复：条件相同、结论相同；推理引擎会把两者的确定度"
                   "（{a} 和 {b}）当作相互独立的证据合并"),
    "duplicates_hint": ("delete one of them, or change the conditions so that each rule adds "
                        "something", "请删除其中一条，或修改条件，让每条规则都有各自的作用"),
    "shadowed": ("rule {id} is shadowed by {other} ({where}): {other} concludes the same ({what_}) "
                 "with weaker conditions and fires whenever {id} does, so it never adds anything",
                 "规则 {id} 被 {other}（{where}）覆盖：{other} 以更宽的条件得出相同结论（{what_}），"
                 "{id} 触发时它总会触发，所以 {id} 从不起作用"),
    "shadowed_stacked": ("rule {id} is shadowed by {other} ({where}): {other} concludes the same "
                         "({what_}) with weaker conditions and fires whenever {id} does, so its "
                         "certainty is always stacked on top of {other2}'s, as if the two were "
                         "independent evidence",
                         "规则 {id} 被 {other}（{where}）覆盖：{other} 以更宽的条件得出相同结论"
                         "（{what_}），{id} 触发时它总会触发，所以 {id} 的确定度总是叠加在 {other2} "
                         "之上，仿佛两者是相互独立的证据"),
    "shadowed_hint": ("delete {id}, or make {other}'s conditions narrower",
                      "请删除 {id}，或把 {other} 的条件收窄"),
    "shadowed_merge": ("merge the two rules, or make their conditions exclusive",
                       "请合并这两条规则，或让它们的条件互斥"),
    "never_at_once": ("{field} can never be {a} and {b} at once", "{field} 不可能同时是 {a} 和 {b}"),
    "one_value": ("a fact has one value per field: remove one of the tests",
                  "一个事实的每个字段只有一个值：请去掉其中一项检验"),
    "alternative_never": ("alternative {n} of `any` can never hold together with the other tests "
                          "on this fact", "`any` 的第 {n} 个选项与该事实上的其他检验不可能同时成立"),
    "alternative_hint": ("remove the alternative, or the test it contradicts",
                         "请去掉这个选项，或与它矛盾的那项检验"),
    "not_excludes": ("`not` excludes the {fact} fact this rule requires ({where}): every fact "
                     "matching it matches the `not` too, so the rule can never fire",
                     "`not` 排除了本规则所需的 {fact} 事实（{where}）：凡符合它的事实也都符合 `not`，"
                     "所以这条规则永远不会触发"),
    "not_hint": ("make the `not` more specific, or drop it", "请把 `not` 写得更具体，或去掉它"),
    "below_threshold": ("the {field} of a {fact} is never {test}: causes below the reporting "
                        "threshold ({threshold}, settings.yaml) are never asserted",
                        "{fact} 的 {field} 永远不会 {test}：低于报告阈值（{threshold}，settings.yaml）"
                        "的原因不会被断定"),
    "never_value": ("the {field} of a {fact} is never {value}: {why}",
                    "{fact} 的 {field} 永远不会是 {value}：{why}"),
    "why_gap_none": ("gaps of severity `none` are dropped before the evidence stage",
                     "严重程度为 `none` 的差距在 evidence 阶段之前就被丢弃了"),
    "why_below_threshold": ("causes below the reporting threshold ({threshold}, settings.yaml) "
                            "are never asserted",
                            "低于报告阈值（{threshold}，settings.yaml）的原因不会被断定"),
    "met_target_hint": ("for a result that meets its target, test the `metric` in a `gaps` rule",
                        "要检验达标的结果，请在 `gaps` 阶段的规则中检验 `metric`"),
    "both_limits": ("{field} cannot be both {low} and {high}", "{field} 不可能既是 {low} 又是 {high}"),
    "join_compare": ("{test} compares two facts; only equality joins (`same_as`) are supported",
                     "{test} 比较的是两个事实；事实之间只支持相等比较（`same_as`）"),
    "join_compare_hint": ("comparisons between facts crash the rule engine; compare with a "
                          "number", "事实之间的大小比较会让推理引擎崩溃；请与一个数字比较"),
    "comma_in_text": ("a comma inside `{{en: ..., zh: ...}}` starts a new key; put text that "
                      "holds a comma in quotes",
                      "`{{en: ..., zh: ...}}` 里的逗号会开始一个新键；含逗号的文本请加引号"),
    "same_as": ("{field} must be the same as {other}, but one is {a} and the other {b}",
                "{field} 必须与 {other} 相同，但一个是 {a}，另一个是 {b}"),
    "never_hold_range": ("{field} lies between {low} and {high}, so {test} can never hold",
                         "{field} 介于 {low} 与 {high} 之间，所以 {test} 永远不会成立"),
    "no_field": ("{fact} facts have no field {name}", "{fact} 事实没有字段 {name}"),
    "never_concluded": ("no rule concludes pattern {id}: perfdx can never diagnose it",
                        "没有规则得出原因类型 {id}：perfdx 永远诊断不出它"),
    "never_concluded_hint": ("add `evidence` rules for it, or remove the pattern",
                             "请为它加上 `evidence` 规则，或删除这个原因类型"),
    "never_recommended": ("no rule recommends intervention {id}", "没有规则推荐干预措施 {id}"),
    "never_recommended_hint": ("add a `recommend` rule for it, or remove it",
                               "请为它加上 `recommend` 规则，或删除它"),
    "never_offered": ("course {id} is never offered: no `train` rule asks for its competency "
                      "{competency}", "课程 {id} 从不会被安排：没有 `train` 规则要求它的能力项 "
                      "{competency}"),
    "never_offered_hint": ("add a `train` rule for the competency, or remove the course",
                           "请为该能力项加上 `train` 规则，或删除这门课程"),
    "no_recommend_for": ("pattern {id} is concluded here, but no `recommend` rule acts on a {id2} "
                         "cause: it would be diagnosed with no intervention",
                         "这里得出了原因类型 {id}，但没有 `recommend` 规则处理 {id2} 原因：诊断出它"
                         "时不会有任何干预措施"),
    "no_recommend_hint": ("add a `recommend` rule with {example}",
                          "请加上一条含 {example} 的 `recommend` 规则"),
    "loop": ("causes lean on each other in a loop: {chain}", "原因之间循环相互支撑：{chain}"),
    "loop_hint": ("decide which cause explains the other, and keep only that direction",
                  "请判断哪个原因解释另一个，只保留这一方向"),
    "self_evidence": ("rule {id} concludes {pattern} from evidence of {pattern2} itself: that "
                      "evidence already counts towards the cause, so it is counted twice",
                      "规则 {id} 由 {pattern2} 自身的证据得出 {pattern}：这些证据已计入该原因，"
                      "会被重复计算"),
    "self_evidence_hint": ("drop the rule, or conclude from evidence of a different pattern",
                           "请删除这条规则，或改用其他原因类型的证据"),
    "never_asked": ("no rule asks about observation {id}: recording it in a case changes nothing",
                    "没有规则用到观察项 {id}：在案例中记录它不会改变任何结果"),
    "never_asked_hint": ("use it in a rule's `when`, or remove it",
                         "请在某条规则的 `when` 中用到它，或删除它"),
    "scenario_case_missing": ("case file {case} not found (looked for {path})",
                              "找不到案例文件 {case}（查找的位置：{path}）"),
    "scenario_case_bad": ("the case cannot be diagnosed with this knowledge base: {error}",
                          "用这个知识库无法诊断该案例：{error}"),
    "scenario_severity": ("a gap's severity is one of {choices}, not {value}",
                          "差距的严重程度应为 {choices} 之一，而不是 {value}"),
    # the condition language (engine/kb/conditions.py, typecheck.py, conclusions.py)
    "too_many_alternatives": ("the condition expands to {n} alternatives; at most {max} are allowed",
                              "该条件展开后有 {n} 个分支；最多允许 {max} 个"),
    "condition_kinds": ("a condition must be `all`, `any`, `not` or a fact pattern such as "
                        "`gap: {{severity: severe}}`",
                        "条件必须是 `all`、`any`、`not`，或形如 `gap: {{severity: severe}}` 的"
                        "事实模式"),
    "one_fact_type": ("a fact pattern names exactly one fact type (found {found})",
                      "一个事实模式只能写一种事实类型（实际写了 {found}）"),
    "as_name": ("`as` must be a lowercase name such as `low_rating`",
                "`as` 必须是小写名称，例如 `low_rating`"),
    "all_list": ("`all` takes a non-empty list of conditions", "`all` 后面须是非空的条件列表"),
    "any_list": ("`any` takes a non-empty list of conditions", "`any` 后面须是非空的条件列表"),
    "not_holds": ("`not` can hold one fact pattern, or `any` of fact patterns",
                  "`not` 里只能写一个事实模式，或由多个事实模式组成的 `any`"),
    "needs_present": ("a condition needs at least one fact that is present (not only `not`)",
                      "条件至少需要一个存在的事实（不能只有 `not`）"),
    "tests_mapping": ("the tests on a {fact} fact must be a mapping of field: condition",
                      "对 {fact} 事实的检验必须是“字段: 条件”形式的映射"),
    "any_in_fact": ("`any` inside a fact takes a list of two or more alternatives",
                    "事实内部的 `any` 须是包含两个或更多分支的列表"),
    "no_condition_for": ("no condition given for {field}", "没有为 {field} 给出条件"),
    "one_plain_value": ("{op} takes one plain value", "{op} 后面只能写一个简单值"),
    "stand_alone": ("{op} must stand alone in its mapping; put the other conditions inside it",
                    "{op} 必须单独占一个映射；请把其他条件写进它里面"),
    "alternative_test": ("an alternative of `any` needs at least one test",
                         "`any` 的每个分支至少需要一项检验"),
    "same_as_form": ("`same_as` takes the name of another fact and its field, like `gap.kpi`",
                     "`same_as` 后面写另一个事实的名称及其字段，例如 `gap.kpi`"),
    "plain_values": ("{op} takes a non-empty list of plain values", "{op} 后面须是非空的简单值列表"),
    "under_not": ("{ref} refers to a fact under `not`, which is never bound",
                  "{ref} 引用了 `not` 里的事实，而那里的事实从不绑定"),
    "same_as_none": ("`same_as: {ref}` names no fact of this condition",
                     "`same_as: {ref}` 指向的事实不在本条件中"),
    "same_as_self": ("`same_as: {ref}` compares a fact with itself",
                     "`same_as: {ref}` 是把一个事实与它自己比较"),
    "final_facts": ("{fact} facts are final conclusions; no rule can match them",
                    "{fact} 事实是最终结论，任何规则都不能匹配它们"),
    "contains_list": ("`contains` tests a list, but {field} holds one value",
                      "`contains` 检验的是列表，但 {field} 只有一个值"),
    "holds_list": ("{field} holds a list; test it with `contains`",
                   "{field} 是列表；请用 `contains` 检验"),
    "obs_named_first": ("a test on an observation's `value` needs the observation named first",
                        "检验观察项的 `value` 之前，须先写明是哪个观察项"),
    "obs_one_value": ("`contains` tests a list; an observation holds one value",
                      "`contains` 检验的是列表；观察项只有一个值"),
    "bound_no_field": ("{fact} facts (bound as {name}) have no field {field}",
                       "{fact} 事实（绑定为 {name}）没有字段 {field}"),
    "yes_no_not": ("{field} is yes/no (true or false); {value} is not",
                   "{field} 是“是/否”（true 或 false）；{value} 不是"),
    "one_of_not": ("{field} is one of {choices}; {value} is not",
                   "{field} 应为 {choices} 之一；{value} 不是"),
    "severity_one_of": ("`severity` is one of {choices}", "`severity` 应为 {choices} 之一"),
    "priority_range": ("`priority` is a whole number from 1 (first) to 9",
                       "`priority` 是 1（最先）到 9 之间的整数"),
    "competency_no_fact": ("`competency: {ref}` names no fact of the condition",
                           "`competency: {ref}` 指向的事实不在条件中"),
    "competency_field": ("`competency: {ref}` must be a rating dimension field, such as "
                         "`rating.dimension`",
                         "`competency: {ref}` 必须是评分维度字段，例如 `rating.dimension`"),
    "for_names": ("`for` names a fact of the condition", "`for` 须指向条件中的一个事实"),
    "takes_no_key": ("{what_} takes no key {key}", "{what_} 不接受键 {key}"),
    # whole files and catalogs (engine/kb/load.py, models.py, policy.py)
    "training_request": ("settings.training_request names {name}, which is not a yes/no "
                         "observation of the vocabulary",
                         "settings.training_request 指向 {name}，但它不是词汇表中的是/否观察项"),
    "no_gaps_stage": ("the knowledge base has no rule of the `gaps` stage, so no gap could ever be "
                      "found and every diagnosis would say there is none",
                      "知识库中没有 `gaps` 阶段的规则，因此永远找不到差距，每次诊断都会说没有差距"),
    "keep_gaps_rule": ("keep at least one `gaps` rule, e.g. rules/gaps.yaml",
                       "请至少保留一条 `gaps` 规则，例如 rules/gaps.yaml"),
    "file_sections": ("the file must be a mapping of sections (e.g. `rules:` or `kpis:`)",
                      "文件必须是由各部分组成的映射（例如 `rules:` 或 `kpis:`）"),
    "section_twice": ("section {name} is given twice", "部分 {name} 出现了两次"),
    "section_list": ("{name} must be a list of entries", "{name} 必须是条目列表"),
    "rules_list": ("`rules` must be a list of rules", "`rules` 必须是规则列表"),
    "team_rules_list": ("`team_rules` must be a list of rules", "`team_rules` 必须是规则列表"),
    "file_too_big": ("file is {mb} MB; files over 10 MB are refused",
                     "文件有 {mb} MB；超过 10 MB 的文件会被拒绝"),
    "bands_fall": ("attainment bands must fall: minor >= moderate >= severe",
                   "达成率区间必须递减：minor >= moderate >= severe"),
    "bands_rise": ("shortfall bands must rise: minor <= moderate <= severe",
                   "差额区间必须递增：minor <= moderate <= severe"),
    "choice_needs": ("an observation of type `choice` needs `choices`",
                     "`choice` 类型的观察项需要 `choices`"),
    "only_choice": ("only an observation of type `choice` takes `choices`",
                    "只有 `choice` 类型的观察项才能写 `choices`"),
    "only_number": ("only an observation of type `number` takes `low`/`high`",
                    "只有 `number` 类型的观察项才能写 `low`/`high`"),
    "policy_last_row": ("the last row must have no `patterns` or `severities`, so that every plan "
                        "gets a length",
                        "最后一行不能写 `patterns` 或 `severities`，这样每个计划都有时长"),
    "milestones_order": ("milestones must be in order of `at`, each `at` once",
                         "里程碑必须按 `at` 排序，每个 `at` 只出现一次"),
    "milestones_close": ("milestones must close more of the shortfall as time goes on",
                         "里程碑须随时间推移缩小更多差额"),
    "team_no_source": ("team rule {id} names no source", "团队规则 {id} 没有写来源"),
    "team_no_rationale": ("team rule {id} has no rationale in {lang}",
                          "团队规则 {id} 缺少 {lang} 的依据"),
    # what `kb test` shows for a scenario that failed (engine/authoring/scenarios.py)
    "diff_primary": ("primary cause: expected {expected}, obtained {obtained} (causes: {causes})",
                     "主要原因：预期 {expected}，实际 {obtained}（原因：{causes}）"),
    "diff_secondary": ("secondary cause {p}: expected, not obtained",
                       "次要原因 {p}：预期应有，实际没有"),
    "diff_absent": ("cause {p}: expected absent, obtained", "原因 {p}：预期不应出现，实际出现了"),
    "diff_intervention": ("intervention {i}: expected, not recommended (recommended: {list})",
                          "干预措施 {i}：预期应推荐，实际未推荐（实际推荐：{list}）"),
    "diff_not_intervention": ("intervention {i}: expected not to be recommended, but it is",
                              "干预措施 {i}：预期不应推荐，实际推荐了"),
    "diff_course": ("course {c}: expected, not in the training list",
                    "课程 {c}：预期应有，实际不在培训清单中"),
    "diff_not_course": ("course {c}: expected not to be listed, but it is",
                        "课程 {c}：预期不应列出，实际列出了"),
    "diff_gap": ("gap {name}: expected {severity}, obtained {got}",
                 "差距 {name}：预期 {severity}，实际 {got}"),
    "diff_no_gap": ("expected no gap, obtained {names}", "预期没有差距，实际有：{names}"),
    "diff_evidence": ("missing evidence {o}: expected to be asked for, it is not",
                      "缺少的证据 {o}：预期应询问，实际没有"),
    "none_word": ("none", "无"),
    "no_gap_word": ("no gap", "没有差距"),
    "path_relative": ("the path is relative to the scenario file", "路径相对于场景文件"),
    "yaml_brackets": ("malformed YAML: the list in brackets opened on line {line} is not closed, "
                      "or two of its items have no comma between them: write it as `[a, b]` "
                      "(check for a missing `]` or `,`, or a `: ` inside the brackets: put such "
                      "text in quotes)",
                      "YAML 格式错误：第 {line} 行开始的方括号列表没有闭合，或其中两项之间缺少逗号："
                      "请写作 `[a, b]`（检查是否漏了 `]` 或 `,`，或方括号内有 `: `：这样的文本"
                      "请加引号）"),
}
