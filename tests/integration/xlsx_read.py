"""xlsx_read.py FILE: what a real reader (openpyxl) sees in an XLSX
file, as JSON on standard output.  Not a test module: the tests run it
with Debian's /usr/bin/python3, where python3-openpyxl is installed,
whatever python3 runs the tests.

Output: {"sheets": [names], "freeze": "A2", "autofilter": "A1:P9",
"widths": {"A": 8.7, ...}, "formulas": n, "rows": [[cell, ...], ...]}
where a cell is null (empty) or [type, value]: type "s" text (with
Excel's _xHHHH_ escapes decoded, as Excel shows it), "n"
number, "b" boolean, "d" a date cell (value ISO 8601, number format
after a "|"), "f" a formula.  "formulas" counts <f> elements in the
sheet's XML, read from the ZIP directly.
"""
import datetime
import json
import re
import sys
import zipfile

import openpyxl

XESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def cell(c):
    if c.value is None:
        return None
    if c.data_type == "f":
        return ["f", str(c.value)]
    if isinstance(c.value, bool):
        return ["b", c.value]
    if isinstance(c.value, datetime.datetime):
        v = c.value
        # A serial date of Excel may come back a microsecond off.
        if v.microsecond >= 500000:
            v = v + datetime.timedelta(seconds=1)
        v = v.replace(microsecond=0)
        return ["d", v.isoformat() + "|" + c.number_format]
    if isinstance(c.value, datetime.date):
        return ["d", c.value.isoformat() + "|" + c.number_format]
    if isinstance(c.value, (int, float)):
        return ["n", c.value]
    # As Excel and LibreOffice read a cell's text: _xHHHH_ is U+HHHH
    # (openpyxl leaves it as it is).
    return ["s", XESCAPE.sub(lambda m: chr(int(m.group(1), 16)), c.value)]


def main(path):
    formulas = 0
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                formulas += len(re.findall(rb"<f[ >]", z.read(name)))
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    out = {
        "sheets": wb.sheetnames,
        "freeze": ws.freeze_panes,
        "autofilter": ws.auto_filter.ref,
        "widths": {k: d.width for k, d in ws.column_dimensions.items()},
        "formulas": formulas,
        "rows": [[cell(c) for c in row] for row in ws.iter_rows()],
    }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
