"""Importers that bring editors' files into the portal (issue 3).

``imports.plan_text`` parses plan pages copied from government websites.
"""
