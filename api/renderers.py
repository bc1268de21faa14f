"""CSV for every list: all the filtered rows, streamed, which a spreadsheet opens as it is.

UTF-8 with a byte-order mark (so Excel reads the accents), a header row, one row per record, the
values of a relation joined with ";". A text cell that a spreadsheet would take for a formula
(starting with = + - @, a tab or a carriage return) is prefixed with an apostrophe.
"""

import csv

from rest_framework import renderers

from kernel.spreadsheets import neutralise

BOM = "\ufeff"
MULTIPLE_VALUES_SEPARATOR = ";"


def cell(value):
    """One CSV cell: lists joined, None empty, booleans as true/false, formulas neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return MULTIPLE_VALUES_SEPARATOR.join(cell(item) for item in value)
    if isinstance(value, dict):
        return MULTIPLE_VALUES_SEPARATOR.join(f"{key}={cell(item)}" for key, item in value.items())
    return neutralise(str(value))


class _Line:
    """A file-like object that hands back what the csv writer writes."""

    def write(self, text):
        return text


class CSVRenderer(renderers.BaseRenderer):
    """`?format=csv` (or `Accept: text/csv`) on a list.

    Lists stream their rows through `stream()`; `render()` serves anything else DRF hands it
    (a page of results, a single object), so the format never fails.
    """

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def stream(self, columns, rows):
        """Yield the CSV text: BOM and header, then one line per row (a dict of column values)."""
        writer = csv.writer(_Line())
        yield BOM + writer.writerow(columns)
        for row in rows:
            yield writer.writerow([cell(row.get(column)) for column in columns])

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if isinstance(data, dict) and isinstance(data.get("results"), list):
            data = data["results"]
        rows = data if isinstance(data, list) else [data]
        columns = list(dict.fromkeys(key for row in rows if isinstance(row, dict) for key in row))
        rows = [row if isinstance(row, dict) else {"value": row} for row in rows]
        return "".join(self.stream(columns or ["value"], rows)).encode(self.charset)


class IATIRenderer(renderers.BaseRenderer):
    """`?format=iati`: the IATI 2.03 XML the viewset builds (an activities file for the project list,
    an organisation file for a donor). The viewset answers with the file itself; this renderer only
    makes the format known to content negotiation, and passes bytes through."""

    media_type = "application/xml"
    format = "iati"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data if isinstance(data, bytes) else b""
