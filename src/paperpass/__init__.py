"""paperpass: read ML papers the three-pass way and prepare for paper-discussion interviews."""

__version__ = "0.1.0"
