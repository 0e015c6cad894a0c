"""CSV as spreadsheets read and write it: the one rule for every CSV we serve or read.

A cell starting with ``= + - @``, a tab or a carriage return is read as a formula by
Excel and LibreOffice (OWASP, "CSV Injection"); a leading apostrophe makes it text.

CSV files from Chinese offices are UTF-8 (often with the BOM Excel adds) or GB18030
(Excel's "CSV" on Chinese Windows). Strict UTF-8 is tried first because GB18030 decodes
almost any byte string, including UTF-8 text, into plausible-looking nonsense; only a
file that is not UTF-8 is read as GB18030.
"""

import re

from django.utils.translation import gettext as _

# UTF-8 byte order mark: Excel on Chinese Windows then reads the file as UTF-8.
BOM = "\ufeff"

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text):
    """A CSV cell that a spreadsheet will show, never run."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class UndecodableCsv(ValueError):
    """The bytes are not CSV text in an encoding we read; ``message`` says why."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def decode_csv(data, name):
    """Text of the CSV file ``name``: UTF-8 (BOM or not) if it is UTF-8, else GB18030.

    Raises ``UndecodableCsv`` for a UTF-8 file cut off inside its last character, for
    bytes that are neither encoding, and for control characters (GB18030 decodes most
    byte soup; control characters give it away)."""
    if data.startswith(BOM.encode()):
        data = data[len(BOM.encode()) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data" and error.start >= len(data) - 3:
            raise UndecodableCsv(
                _("文件“%(name)s”在末尾被截断（最后一个汉字不完整），请重新导出")
                % {"name": name}
            ) from error
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise UndecodableCsv(
                _("文件“%(name)s”既不是UTF-8也不是GB18030编码，无法读取")
                % {"name": name}
            ) from None
    if _CONTROL.search(text):
        raise UndecodableCsv(
            _("文件“%(name)s”含有不可识别的字符，不是有效的CSV文本文件")
            % {"name": name}
        )
    return text
