"""Importers that bring editors' files into the portal as drafts.

``imports.plan_text`` parses plan pages copied from government websites and
``imports.plan_store`` saves them as plan pages; ``imports.records`` checks CSV/XLSX
registry rows; the ``import_plan`` and ``import_records`` commands and the admin import
view run them.
"""
