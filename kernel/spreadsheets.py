"""Text that leaves the site as a spreadsheet cell, made safe against formula injection.

A cell starting with =, +, -, @, a tab or a carriage return is run as a formula by Excel and
LibreOffice (OWASP "CSV injection"). Such text is prefixed with an apostrophe, which spreadsheets
show as plain text; numbers such as -5 stay numbers. Imports strip the apostrophe again, so an
export can be imported back unchanged.
"""

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def neutralise(text):
    if text.startswith(FORMULA_START) and not NUMBER.match(text):
        return "'" + text
    return text


def restore(text):
    """The inverse of `neutralise`, for a cell read back from a spreadsheet."""
    if text.startswith("'") and text[1:].startswith(FORMULA_START) and not NUMBER.match(text[1:]):
        return text[1:]
    return text
