"""The command line (Typer + Rich): thin commands that parse, call the domain, render.

Only this package imports Rich. Heavy modules are imported inside commands so ``paperpass --help``
starts fast.
"""
