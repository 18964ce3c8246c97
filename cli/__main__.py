"""`python -m cli` runs perfdx (the same as the `perfdx` command)."""

from cli.main import main

main()
