"""``python -m krakit.sample_raw``: rewrite the sample raw tables in templates/sample/raw."""

from krakit.sample_raw import write_raw

for path in write_raw().values():
    print(path)
