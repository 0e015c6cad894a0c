"""What exists: pages, snippets, blocks, shared disclosure metadata, the region tree.

One Django app per content family (as in wagtail/bakerydemo). They import Django and
Wagtail only, never another room of the project.
"""
