"""CSV as spreadsheets read and write it: the one rule for every CSV we serve or read.

A cell starting with ``= + - @``, a tab or a carriage return is read as a formula by
Excel and LibreOffice (OWASP, "CSV Injection"); a leading apostrophe makes it text.

CSV files from Chinese offices are UTF-8 (often with the BOM Excel adds) or GB18030
(Excel's "CSV" on Chinese Windows). Strict UTF-8 is tried first because GB18030 decodes
almost any byte string, including UTF-8 text, into plausible-looking nonsense; only a
file that is not UTF-8 is read as GB18030.
"""

import codecs
import io
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


def csv_lines(handle, name, chunk_size=1 << 20):
    """Lines of the CSV file open in binary ``handle``, decoded by ``decode_csv``'s
    rule without holding the file in memory: a first pass decides the encoding (the
    whole file must be UTF-8 to be read as UTF-8), the second yields the lines (with
    their line ends, for ``csv.reader``).

    Raises ``UndecodableCsv`` as ``decode_csv`` does; control characters are found
    line by line, so that error may come after earlier lines were yielded."""
    start = len(BOM.encode()) if handle.read(3) == BOM.encode() else 0
    encoding = _stream_encoding(handle, name, chunk_size, start)
    handle.seek(start)
    stream = io.TextIOWrapper(handle, encoding=encoding, newline="")
    try:
        for line in stream:
            if _CONTROL.search(line):
                raise UndecodableCsv(
                    _("文件“%(name)s”含有不可识别的字符，不是有效的CSV文本文件")
                    % {"name": name}
                )
            yield line
    finally:
        if not handle.closed:
            stream.detach()  # the caller owns ``handle``


def _stream_encoding(handle, name, chunk_size, start):
    """The codec for the whole file: UTF-8 (BOM or not) when every byte is UTF-8, else
    GB18030 when every byte is that; the same order and messages as ``decode_csv``."""
    last_error = None
    for encoding in ("utf-8", "gb18030"):
        handle.seek(start)
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            while chunk := handle.read(chunk_size):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
            return encoding
        except UnicodeDecodeError as error:
            if last_error is None and error.reason == "unexpected end of data":
                raise UndecodableCsv(
                    _("文件“%(name)s”在末尾被截断（最后一个汉字不完整），请重新导出")
                    % {"name": name}
                ) from error
            last_error = error
    raise UndecodableCsv(
        _("文件“%(name)s”既不是UTF-8也不是GB18030编码，无法读取") % {"name": name}
    ) from None
