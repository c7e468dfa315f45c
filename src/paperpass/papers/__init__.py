"""The library's papers as the sources fill it: add and merge, connected papers, code links, export.

Modules: ``add`` (add, merge duplicates, the sync queue), ``matching`` (same paper? merge, slugs),
``related`` (Semantic Scholar's connected papers, ranked), ``details`` (files, code and discussion links),
``transfer`` (BibTeX and CSL-JSON export, removal).
"""
