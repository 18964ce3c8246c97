"""perfdx diagnose, explain and schema: the commands and the text, Markdown and explanation renderers."""
