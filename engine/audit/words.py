"""What the audit commands print, in English and Chinese (keys are stable identifiers)."""

from __future__ import annotations

from ..i18n import Lang, pick

_W: dict[str, tuple[str, str]] = {
    # review states
    "draft": ("DRAFT: requires human review", "草稿:须经人工审核"),
    "approved": ("approved", "已批准"),
    "rejected": ("rejected", "已驳回"),
    "amended": ("amended", "已修改"),
    "contested": ("contested: requires human review", "有异议:须经人工审核"),
    "reviewed": ("reviewed (details purged)", "已审核(详情已清除)"),
    "purged": ("purged", "已清除"),
    "approve": ("approve", "批准"),
    "reject": ("reject", "驳回"),
    "amend": ("amend", "修改"),
    # record kinds
    "diagnose": ("diagnosis", "诊断"),
    "plan": ("plan", "改进计划"),
    "review": ("review", "审核"),
    "contest": ("objection", "异议"),
    "purge": ("purge", "清除"),
    # list
    "h_id": ("id", "编号"),
    "h_time": ("time (UTC)", "时间(UTC)"),
    "h_kind": ("kind", "类型"),
    "h_case": ("case", "案例"),
    "h_employee": ("employee", "员工"),
    "h_cause": ("primary cause", "首要原因"),
    "h_state": ("state", "状态"),
    "h_about": ("about", "对象"),
    "none_found": ("No records match.", "没有符合条件的记录。"),
    "list_total": ("records: {n}; requiring human review: {drafts}",
                   "共 {n} 条记录;{drafts} 条须经人工审核"),
    # show
    "record": ("Record", "记录"),
    "recorded": ("recorded", "记录时间"),
    "operator": ("operator", "操作人"),
    "version": ("perfdx", "perfdx 版本"),
    "kb": ("knowledge base", "知识库"),
    "chain": ("chain", "哈希链"),
    "state": ("review state", "审核状态"),
    "redacted": ("redacted fields (stored as keyed hashes)", "已脱敏字段(以带密钥的哈希保存)"),
    "draft_note": ("This decision is a draft that requires human review: nothing may be done "
                   "on it until a named person reviews it (perfdx audit review {id} --by NAME "
                   "--decision approve|reject|amend --note TEXT).",
                   "该决定为草稿,须经人工审核:在指定人员审核之前不得据此采取任何行动"
                   "(perfdx audit review {id} --by 姓名 --decision approve|reject|amend "
                   "--note 说明)。"),
    "contested_note": ("The employee contested this decision after its last review; it "
                       "requires human review again.",
                       "员工在最近一次审核后对该决定提出了异议,须重新经人工审核。"),
    "as_issued": ("The decision as it was issued:", "决定的原始内容:"),
    "oversight": ("Reviews and objections", "审核与异议"),
    "no_oversight": ("none yet", "尚无"),
    "reviewed_by": ("review by {by}: {decision}", "{by} 审核:{decision}"),
    "contested_by": ("objection by {by}", "{by} 提出异议"),
    "employee_side": ("the employee", "员工"),
    "purged_note": ("Its case and result were purged under the retention policy{purge}; the "
                    "record's hashes are kept, so the chain still verifies.",
                    "其案例与结果已按保留政策清除{purge};记录的哈希仍保留,哈希链仍可验证。"),
    "how_from_record": ("(from the recorded diagnosis: the case was redacted, so it is not "
                        "re-run)", "(依据记录中的诊断:案例已脱敏,因此不重新运行)"),
    "how_rule": ("{rule} {certainty}  {title}  ({location}, {stage})",
                 "{rule} {certainty}  {title}  ({location},{stage})"),
    "matched": ("matched", "匹配事实"),
    "about_decision": ("about decision {id}", "针对决定 {id}"),
    "by": ("by", "审核人"),
    "note": ("note", "说明"),
    "tampered": ("WARNING: this record's content no longer matches its hash in the chain: it "
                 "was altered after it was recorded (run 'perfdx audit verify')",
                 "警告:该记录的内容与哈希链中的哈希不符,记录后已被改动(请运行 perfdx audit verify)"),
    # replay
    "identical": ("identical: record {id} replays to the same result with knowledge base "
                  "{kb} (recorded by perfdx {version}).",
                  "一致:记录 {id} 使用知识库 {kb} 重新运行,结果相同(记录时 perfdx 版本 "
                  "{version})。"),
    "differs": ("different: record {id} replays to another result with knowledge base {kb} "
                "({n} differences):",
                "不一致:记录 {id} 使用知识库 {kb} 重新运行,结果不同(共 {n} 处差异):"),
    "more_diffs": ("... and {n} more", "……另有 {n} 处"),
    "version_note": ("It was recorded by perfdx {recorded}; this is perfdx {now}.",
                     "记录时 perfdx 版本为 {recorded},当前版本为 {now}。"),
    "whatif": ("Record {id} (case {case}) with knowledge base {kb} instead of the recorded "
               "{recorded}:", "记录 {id}(案例 {case})改用知识库 {kb}(原为 {recorded}):"),
    "causes": ("Causes (certainty)", "原因(确定度)"),
    "recommendations": ("Recommendations (priority)", "建议(优先级)"),
    "gone": ("no longer concluded", "不再得出"),
    "new": ("new", "新增"),
    "no_change": ("no change", "无变化"),
    "same_all": ("The other knowledge base reaches the same causes and recommendations.",
                 "另一知识库得出相同的原因与建议。"),
    # verify
    "verify_ok": ("chain intact: {n} records; stored knowledge bases rehashed: {kbs}; head {head}",
                  "哈希链完好:{n} 条记录;已重新计算哈希的知识库:{kbs} 个;链头 {head}"),
    "verify_purged": ("{n} purged records are tombstones covered by purge records",
                      "{n} 条已清除记录以墓碑形式保留,均有清除记录为证"),
    "verify_bad": ("chain broken: {n} problem(s); the first at {where}",
                   "哈希链已损坏:共 {n} 个问题;第一个位于 {where}"),
    "verify_since": ("records recorded after the head you kept: {n}",
                     "在您保存的链头之后又记录了 {n} 条"),
    "the_log": ("the log", "整个日志"),
    "f_content_altered": ("content altered: it no longer matches the content hash in the chain",
                          "内容被改动:与哈希链中的内容哈希不符"),
    "f_altered": ("altered: its fields no longer match its record hash",
                  "记录被改动:其字段与记录哈希不符"),
    "f_unpurged": ("content removed without a purge record", "内容被删除,但没有相应的清除记录"),
    "f_orphan": ("it is about record {subject}, which is not in the log (deleted?)",
                 "它针对的记录 {subject} 不在日志中(已被删除?)"),
    "f_broken": ("broken link: it should follow {before} but links to a record that is not in "
                 "the log (a record before it was deleted, or {before} was replaced){missing}",
                 "链接断开:它应接在 {before} 之后,但指向的记录不在日志中(其前面的记录被删除,"
                 "或 {before} 被替换){missing}"),
    "f_broken_first": ("broken link: it is stored first but links to a record that is not in "
                       "the log (the records before it were deleted)",
                       "链接断开:它存放在最前,但指向的记录不在日志中(其前面的记录已被删除)"),
    "f_missing": ("; #{n} is missing from the log", ";日志中缺少 #{n}"),
    "f_inserted": ("inserted: it is not part of the chain (another record follows its "
                   "predecessor, and none follows it)",
                   "插入的记录:它不属于哈希链(其前驱已有另一条后继记录,且没有记录接在它之后)"),
    "f_order": ("out of order: it is stored where {want} belongs; in the chain it follows "
                "{prev} (records swapped or reordered)",
                "顺序错乱:它存放在 {want} 应在的位置;在哈希链中它接在 {prev} 之后(记录被调换或重排)"),
    "f_order_first": ("out of order: it is stored where {want} belongs; in the chain it is the "
                      "first record (records swapped or reordered)",
                      "顺序错乱:它存放在 {want} 应在的位置;在哈希链中它是第一条记录(记录被调换或重排)"),
    "f_kb_altered": ("knowledge base snapshot {kb} altered: its files no longer hash to its name",
                     "知识库快照 {kb} 被改动:其文件的哈希与名称不符"),
    "f_kb_missing": ("its knowledge base {kb} is not in the log", "它使用的知识库 {kb} 不在日志中"),
    "f_bad_purge": ("a purge record without a valid date and retention period",
                    "清除记录缺少有效的日期或保留期限"),
    "f_purge_floor": ("a purge inside the retention floor: on {done} it purged records from "
                      "before {before}", "在保留期限内清除:于 {done} 清除了 {before} 之前的记录"),
    "f_purged_young": ("purged by {purge} while younger than the retention floor ({days} days)",
                       "在未满保留期限({days} 天)时被 {purge} 清除"),
    "f_head": ("the head you kept ({head}) is not in the chain: records were cut off the end, "
               "or the log was rewritten",
               "您保存的链头({head})不在哈希链中:末尾的记录被删除,或日志被改写"),
    # purge
    "purge_dry": ("would purge {n} records created before {before} (dry run: nothing changed)",
                  "将清除 {before} 之前创建的 {n} 条记录(试运行:未作任何更改)"),
    "purge_none": ("nothing to purge: no record with case data was created before {before}",
                   "无需清除:{before} 之前没有含案例数据的记录"),
    "purge_done": ("purged {n} records created before {before} (purge record {id}); their "
                   "hashes are kept, so the chain still verifies",
                   "已清除 {before} 之前创建的 {n} 条记录(清除记录 {id});其哈希仍保留,哈希链仍可验证"),
    "purge_wal": ("note: another process kept the write-ahead log open; old pages leave it at "
                  "the next checkpoint", "注意:另一进程占用预写日志;旧数据页将在下一次检查点时清除"),
    # review / contest
    "review_done": ("recorded the review of {subject} by {by}: {decision}, as record {id}",
                    "已记录 {by} 对 {subject} 的审核:{decision},记录编号 {id}"),
    "contest_done": ("recorded the objection to {subject} as record {id}; the decision "
                     "requires human review again",
                     "已记录对 {subject} 的异议,记录编号 {id};该决定须重新经人工审核"),
}


def w(key: str, lang: Lang, **values: object) -> str:
    """An audit phrase in `lang`."""
    return pick(_W, key, lang, **values)
