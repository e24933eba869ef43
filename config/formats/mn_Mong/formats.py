"""Dates, times and numbers for Mongolian in the traditional script (``mn-mong``).

Django would otherwise reach its Cyrillic ``mn`` formats ("d F Y", "g:i A": Cyrillic month names
and an English AM/PM) and the project's defaults ("N j, Y": English month names). Every format
here is numeric, as Inner Mongolia's bilingual notices write dates: 2026.12.06, 14:30. Each
setting Django's ``mn`` module defines, and every one it might fall back to, is given here.
"""

DATE_FORMAT = "Y.m.d"  # 2026.12.06
TIME_FORMAT = "H:i"  # 14:30
DATETIME_FORMAT = "Y.m.d H:i"  # 2026.12.06 14:30
YEAR_MONTH_FORMAT = "Y.m"  # 2026.12
MONTH_DAY_FORMAT = "m.d"  # 12.06
SHORT_DATE_FORMAT = "Y.m.d"
SHORT_DATETIME_FORMAT = "Y.m.d H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # 2026-12-06 (what <input type="date"> sends)
    "%Y.%m.%d",  # 2026.12.06
    "%Y/%m/%d",  # 2026/12/06
]
TIME_INPUT_FORMATS = [
    "%H:%M",
    "%H:%M:%S",
    "%H:%M:%S.%f",
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%dT%H:%M",  # <input type="datetime-local">
    "%Y-%m-%dT%H:%M:%S",
    "%Y.%m.%d %H:%M",
    "%Y/%m/%d %H:%M",
]

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
