"""The web app (FastAPI + Jinja2, server-rendered): thin routes over the domain packages.

Only this package imports FastAPI.
"""
