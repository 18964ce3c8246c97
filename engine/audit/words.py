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
    "checkin": ("check-in", "周检"),
    "adjustment": ("plan change", "计划调整"),
    "monthly": ("monthly review (tracking)", "月度回顾(跟踪)"),
    "closing": ("plan closed", "计划结束"),
    "followup": ("follow-up", "后续评估"),
    "library_import": ("library import", "案例库导入"),
    "track_record": ("track-record snapshot", "实施记录快照"),
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
    "basis_contested": ("The diagnosis this plan is built on ({id}) was contested: the plan "
                        "requires human review again.",
                        "该计划所依据的诊断({id})已被提出异议:该计划须重新经人工审核。"),
    "tamper_record": ("warning: record {id}'s content or fields no longer match its hashes: it "
                      "was altered after it was recorded (run 'perfdx audit verify')",
                      "警告:记录 {id} 的内容或字段与其哈希不符,记录后已被改动(请运行 perfdx audit verify)"),
    "tamper_event": ("warning: {kind} {id} of decision {subject} no longer matches its hashes: "
                     "the review state shown rests on an altered record (run 'perfdx audit "
                     "verify')", "警告:决定 {subject} 的{kind} {id} 与其哈希不符:所示审核状态依据的是"
                     "被改动的记录(请运行 perfdx audit verify)"),
    "tamper_checkpoint": ("warning: the log no longer matches its latest signed checkpoint ({size} "
                          "records): records were altered, inserted, deleted or reordered (run "
                          "'perfdx audit verify')", "警告:日志与最新签署的检查点({size} 条记录)不再相符:"
                          "有记录被改动、插入、删除或重排(请运行 perfdx audit verify)"),
    "tampered_state": ("TAMPERED", "已被篡改"),
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
    # verify: the schema
    "f_schema_version": ("schema version {found}, but perfdx's schema is version {want}: the "
                         "version was changed by hand", "架构版本为 {found},而 perfdx 的架构版本为 "
                         "{want}:版本号被手工改动"),
    "f_schema_app": ("the file is no longer marked as a perfdx decision log (application id)",
                     "文件不再标记为 perfdx 决策日志(application id)"),
    "f_schema_missing": ("{what} {name} is missing: {why}", "{what} {name} 缺失:{why}"),
    "f_schema_changed": ("{what} {name} differs from perfdx's schema: {why}",
                         "{what} {name} 与 perfdx 的架构不同:{why}"),
    "f_schema_extra": ("{what} {name} is not part of perfdx's schema (added by hand)",
                       "{what} {name} 不属于 perfdx 的架构(被手工添加)"),
    "f_meta_missing": ("the meta table lacks '{signer}'", "meta 表缺少 '{signer}'"),
    "f_meta_extra": ("the meta table holds '{signer}', which perfdx never writes",
                     "meta 表含有 perfdx 从不写入的 '{signer}'"),
    "guard": ("the append-only guard is gone, so records can be changed without an error",
              "只追加保护已被删除,记录可被修改而不报错"),
    "layout": ("the table was rebuilt or altered", "该表被重建或修改"),
    "trigger": ("trigger", "触发器"),
    "table": ("table", "表"),
    "index": ("index", "索引"),
    # verify: checkpoints and the witness
    "f_cp_signature": ("checkpoint {n} ({size} records): {reason}",
                       "检查点 {n}({size} 条记录):{reason}"),
    "f_cp_columns": ("checkpoint {n}: its stored size or root differs from the signed note",
                     "检查点 {n}:其存储的大小或根哈希与签名内容不符"),
    "f_cp_origin": ("checkpoint {n} was signed for another log ({origin})",
                    "检查点 {n} 是为另一个日志({origin})签署的"),
    "f_cp_beyond": ("checkpoint {n} signs {size} records but the log holds {records}: records "
                    "were cut off the end", "检查点 {n} 签署了 {size} 条记录,但日志只有 {records} 条:"
                    "末尾的记录被删除"),
    "f_cp_mismatch": ("checkpoint {n} ({size} records, signed {when} UTC) no longer matches the "
                      "log: the first {size} records hash to {got}, not to the signed root "
                      "{signed}: a record among them was altered, inserted, deleted or reordered",
                      "检查点 {n}({size} 条记录,签署于 {when} UTC)与日志不再相符:前 {size} 条记录的"
                      "根哈希为 {got},而非签署的 {signed}:其中有记录被改动、插入、删除或重排"),
    "f_cp_gap": ("checkpoints were deleted from the log (stored numbers jump from {a} to {b})",
                 "日志中的检查点被删除(编号从 {a} 跳到 {b})"),
    "f_w_signature": ("witness entry {n}: {reason}", "见证条目 {n}:{reason}"),
    "f_w_beyond": ("witness entry {n} signs {size} records but the log holds {records}: records "
                   "were cut off the end", "见证条目 {n} 签署了 {size} 条记录,但日志只有 {records} 条:"
                   "末尾的记录被删除"),
    "f_w_mismatch": ("witness entry {n} ({size} records) no longer matches the log: the first "
                     "{size} records hash to {got}, not to the signed root {signed}",
                     "见证条目 {n}({size} 条记录)与日志不再相符:前 {size} 条记录的根哈希为 {got},"
                     "而非签署的 {signed}"),
    "f_w_absent": ("the witness file holds a checkpoint of {size} records that the log does not: "
                   "checkpoints were removed from the log", "见证文件含有日志中没有的 {size} 条记录的检查点:"
                   "日志中的检查点被删除"),
    "f_uncovered": ("{n} record(s) after the latest signed checkpoint ({size} records): nothing "
                    "outside the log vouches for them", "最新签署的检查点({size} 条记录)之后还有 {n} 条"
                    "记录:日志之外没有任何证据为其担保"),
    "f_no_checkpoint": ("no signed checkpoint: nothing outside the log vouches for its {n} "
                        "records (perfdx audit checkpoint)", "没有签署的检查点:日志之外没有任何证据为其 "
                        "{n} 条记录担保(perfdx audit checkpoint)"),
    "f_review_signature": ("the reviewer's signature does not verify", "审核人的签名无法验证"),
    "cp_ok": ("checkpoints: {n} signed by {signer}, all match the log; the latest covers {size} "
              "of {records} records", "检查点:{n} 个,由 {signer} 签署,均与日志相符;最新一个覆盖 "
              "{records} 条记录中的 {size} 条"),
    "cp_key_from_log": ("note: checked against the public key stored in the log itself, which "
                        "whoever holds the file can replace: give --pub KEY.pub (or keep the "
                        "signing key at --key) to check against a key you trust",
                        "注意:是用日志自身保存的公钥核对的,持有该文件者可以替换它:请用 --pub KEY.pub"
                        "(或在 --key 处保存签名密钥)以您信任的密钥核对"),
    "witness_ok": ("witness {path}: {n} checkpoint(s) of this log, all match",
                   "见证文件 {path}:本日志的检查点 {n} 个,均相符"),
    "witness_none": ("witness {path}: not found (checkpoints are checked against the log's own "
                     "copies only)", "见证文件 {path}:未找到(仅以日志自身保存的检查点核对)"),
    "strict_fail": ("--strict: records not covered by a signed checkpoint",
                    "--strict:有记录未被签署的检查点覆盖"),
    # check-proof
    "proof_ok": ("{file}: the proof holds.", "{file}:证明成立。"),
    "proof_bad": ("{file}: the proof does NOT hold: {why}", "{file}:证明不成立:{why}"),
    "proof_bad_means": ("Nothing in this file can be relied on as proof that the decision was "
                        "recorded as shown.", "不能凭此文件证明该决定按所示内容被记录。"),
    "proof_proves": ("It proves:", "它证明:"),
    "proof_p1": ("record {id} ({kind}, recorded {when} UTC by {operator} with perfdx {version}, "
                 "knowledge base {kb}) holds exactly the content in this file",
                 "记录 {id}({kind},{when} UTC 由 {operator} 使用 perfdx {version} 和知识库 {kb} 记录)"
                 "的内容与本文件中的完全一致"),
    "proof_p2": ("it is entry {n} of the {size} records of decision log {log}, a state the "
                 "holder of key {signer} signed", "它是决策日志 {log} 的 {size} 条记录中的第 {n} 条,"
                 "该状态由密钥 {signer} 的持有者签署"),
    "proof_p3": ("so nobody can alter, remove or reorder this record in that log without the "
                 "log failing 'perfdx audit verify' against this signature",
                 "因此任何人改动、删除或重排日志中的这条记录,"
                 "都会使该日志无法通过基于此签名的 perfdx audit verify"),
    "proof_not": ("It does not prove:", "它不证明:"),
    "proof_n1": ("that the decision is right, or that anyone reviewed it: reviews and "
                 "objections are separate records, not in this file",
                 "该决定正确,或已经有人审核:审核与异议是单独的记录,不在本文件中"),
    "proof_n2": ("what was recorded after this checkpoint (a later review or objection)",
                 "此检查点之后记录的内容(之后的审核或异议)"),
    "proof_n3": ("who holds key {signer}: check that the public key came from the log's owner, "
                 "not from this file", "谁持有密钥 {signer}:请确认公钥来自日志所有者,而不是来自本文件"),
    "proof_n4": ("that the case data in the record describes the person truly",
                 "记录中的案例数据如实描述了本人"),
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
