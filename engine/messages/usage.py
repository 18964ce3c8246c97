"""The command line's usage errors (unknown option, missing argument, bad value) in English and
Chinese. click words them in English (through gettext, which perfdx does not configure); the CLI
shows them in Chinese under `--lang zh` or `PERFDX_LANG=zh` by matching click's English templates
here, the same way engine/messages/__init__.py puts perfdx's own messages into Chinese (issue 16).

Kept apart from engine/messages/__init__.py: these templates are matched only against click's messages,
where a short pattern such as "{value} is not {choice}." cannot catch a sentence of perfdx's.
"""

from __future__ import annotations

from . import _pattern

# key: (click's English template, Chinese template), tried in this order.
USAGE_MESSAGES: dict[str, tuple[str, str]] = {
    # the frame click prints around a usage error
    "usage": ("Usage: {usage}", "用法：{usage}"),
    "try_help": ("Try '{command}' for help.", "请运行 '{command}' 查看帮助。"),
    "error": ("Error: {message}", "错误：{message}"),
    # click's messages (click 8.1 to 8.5)
    "no_option_possible": ("No such option {name}. (Possible options: {names})",
                           "没有 {name} 这个选项。（可用的选项：{names}）"),
    "no_option_did_you_mean": ("No such option {name}. Did you mean {names}?",
                               "没有 {name} 这个选项。是否想写 {names}？"),
    "no_option_one_of": ("No such option {name}. (Did you mean one of: {names}?)",
                         "没有 {name} 这个选项。（是否想写以下之一：{names}？）"),
    "no_option": ("No such option {name}.", "没有 {name} 这个选项。"),
    "no_option_81": ("No such option: {name}", "没有 {name} 这个选项。"),
    "no_command_did_you_mean": ("No such command {name}. Did you mean {names}?",
                                "没有 {name} 这个命令。是否想写 {names}？"),
    "no_command_one_of": ("No such command {name}. (Did you mean one of: {names}?)",
                          "没有 {name} 这个命令。（是否想写以下之一：{names}？）"),
    "no_command": ("No such command {name}.", "没有 {name} 这个命令。"),
    "missing_command": ("Missing command.", "缺少命令。"),
    "missing_argument_choose": ("Missing argument {name}. Choose from:{choices}",
                                "缺少参数 {name}。可选：{choices}"),
    "missing_argument": ("Missing argument {name}.", "缺少参数 {name}。"),
    "missing_option_choose": ("Missing option {name}. Choose from:{choices}",
                              "缺少选项 {name}。可选：{choices}"),
    "missing_option": ("Missing option {name}.", "缺少选项 {name}。"),
    "needs_value": ("Option {name} requires an argument.", "选项 {name} 后面需要写一个值。"),
    "needs_values": ("Option {name} requires {n} arguments.", "选项 {name} 后面需要写 {n} 个值。"),
    "takes_no_value": ("Option {name} does not take a value.", "选项 {name} 不接受值。"),
    "extra_argument": ("Got unexpected extra argument ({args})", "多出了参数（{args}）"),
    "extra_arguments": ("Got unexpected extra arguments ({args})", "多出了参数（{args}）"),
    "bad_value_for": ("Invalid value for {param}: {message}", "{param} 的值无效：{message}"),
    "bad_value": ("Invalid value: {message}", "值无效：{message}"),
    "not_one_of": ("{value} is not one of {choices}.", "{value} 不是 {choices} 之一。"),
    "not_choice": ("{value} is not {choice}.", "{value} 不是 {choice}。"),
    "not_integer": ("{value} is not a valid integer.", "{value} 不是有效的整数。"),
    "not_float": ("{value} is not a valid float.", "{value} 不是有效的数字。"),
    "not_in_range": ("{value} is not in the range {range}.", "{value} 不在范围 {range} 之内。"),
    "no_file": ("File {name} does not exist.", "文件 {name} 不存在。"),
    "no_directory": ("Directory {name} does not exist.", "目录 {name} 不存在。"),
    "no_path": ("Path {name} does not exist.", "路径 {name} 不存在。"),
    "file_is_dir": ("File {name} is a directory.", "文件 {name} 是一个目录。"),
    "dir_is_file": ("Directory {name} is a file.", "目录 {name} 是一个文件。"),
    "path_is_dir": ("Path {name} is a directory.", "路径 {name} 是一个目录。"),
    "path_is_file": ("Path {name} is a file.", "路径 {name} 是一个文件。"),
    "not_date": ("{value} does not match the formats {formats}.",
                 "{value} 不符合以下格式：{formats}。"),
    # perfdx's own usage errors (cli/)
    "how_or_why_not": ("give exactly one of --how PATTERN or --why-not PATTERN, or "
                       "--why-not-recommended INTERVENTION",
                       "请只给出 --how PATTERN、--why-not PATTERN 或 --why-not-recommended "
                       "INTERVENTION 中的一个"),
    "schema_which": ("give one of WHICH, --write or --check", "请给出 WHICH、--write 或 --check 之一"),
    "schema_output": ("--output goes with WHICH (one schema to one file)",
                      "--output 须与 WHICH 一起使用（一个模式写入一个文件）"),
    "cross_check_both": ("--cross-check and --no-cross-check contradict each other; the "
                         "cross-check is on by default: give --no-cross-check alone to turn it off",
                         "--cross-check 与 --no-cross-check 相互矛盾；交叉核对默认开启：要关闭它，"
                         "只写 --no-cross-check"),
    "interview_employee": ("--interview prints the manager's interview outline: it has no "
                           "employee copy (leave out --audience employee)",
                           "--interview 打印的是经理的面谈提纲，没有员工版（请去掉 --audience "
                           "employee）"),
}


def translate_usage(text: str) -> str:
    """One of click's usage messages in Chinese; itself when no template fits."""
    for en, zh in USAGE_MESSAGES.values():
        found = _pattern(en).match(text)
        if found:
            values = found.groupdict()
            if "message" in values:  # "Invalid value for X: <click's reason>"
                values["message"] = translate_usage(values["message"])
            return zh.format(**values)
    return text
