"""perfdx plan: the command and its Markdown and HTML renderers."""
