"""Structured notes: the guide's template plus our pass fields, parsed, linted, kept with full history,
rendered to sanitized HTML and mirrored to an Obsidian-compatible vault."""
