"""Import columns of the people registry, for every module's importer (core.xlsx)."""

from jinguo.core.xlsx import Column
from jinguo.people.validation import clean_phone


class PhoneColumn(Column):
    """A mobile number as people type it (full-width digits, spaces, hyphens): 11 digits starting 13–19."""

    def __init__(self, key, header, **kwargs):
        kwargs.setdefault("example", "13800000000")
        super().__init__(key, header, parse=clean_phone, **kwargs)
