"""Text cells that spreadsheets show, never run: the one rule for every CSV we serve.

A cell starting with ``= + - @``, a tab or a carriage return is read as a formula by
Excel and LibreOffice (OWASP, "CSV Injection"); a leading apostrophe makes it text.
"""

# UTF-8 byte order mark: Excel on Chinese Windows then reads the file as UTF-8.
BOM = "\ufeff"

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text):
    """A CSV cell that a spreadsheet will show, never run."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
