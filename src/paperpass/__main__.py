"""`python -m paperpass` runs the command-line interface."""

from paperpass.cli.app import main

main()
