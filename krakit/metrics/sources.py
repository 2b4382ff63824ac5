"""The named data sets a computation reads, opened in one DuckDB connection, checked in words.

A source is a CSV or Parquet path (a pattern such as ``events/*.parquet`` reads every file it
matches) or a pandas DataFrame. What a messy file does is said plainly, naming the file, the
column, the row (a CSV's line) and what to do, before or instead of DuckDB's own message:

* an empty file;
* a CSV with its header row and no rows (an empty month's export): its KPIs get no actuals,
  and :func:`~krakit.metrics.compute.compute_actuals` warns, naming the file;
* dates that read both ways (``03/04/2026``: 3 April or 4 March) with no date in the file
  telling which, since every day is 12 or less;
* a number column read as text because of a cell that is not a number (``ten``, a decimal
  comma ``10,5``), when a definition sums, averages or takes a median of it;
* a person written with spaces around it or in another case (``'ana '`` for ``ana``), whose
  rows would otherwise count for no one.

Numbers written with digit grouping in a CSV, Indian (``1,50,000``) or Western
(``1,234,567.50``), are read as numbers when every cell of the column is a number and at least
one is grouped beyond doubt (two commas, or a comma and a decimal point) or written with a
currency sign or code from the numbers lexicon (``₹1,50,000``, ``Rs. 2,500/-``; a column in two
currencies is refused); a column holding only ``1,500``-like cells is said to be ambiguous
(1500, or 1.5 written with a decimal comma).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from krakit.errors import InputError
from krakit.metrics.amounts import GROUPED, SURE, amount_patterns, currency_of
from krakit.metrics.definition import Agg, Measure

if TYPE_CHECKING:
    import duckdb

__all__ = ["Source", "Sources"]

Source = str | PathLike[str] | pd.DataFrame
"""A data set: a CSV or Parquet path (or pattern), or a DataFrame."""

_READERS = {".csv": "read_csv", ".tsv": "read_csv", ".txt": "read_csv", ".parquet": "read_parquet",
            ".pq": "read_parquet"}  # fmt: skip
_TEXT = (".csv", ".tsv", ".txt")
_NUMERIC = (Agg.SUM, Agg.AVERAGE, Agg.MEDIAN, Agg.PERCENTILE, Agg.MIN, Agg.MAX)
_DATE_FORMS = ("%d/%m/%Y", "%m/%d/%Y", "%d-%m-%Y", "%m-%d-%Y", "%d.%m.%Y", "%Y/%m/%d",
               "%d/%m/%y", "%d-%b-%Y", "%d %b %Y", "%b %d, %Y", "%d/%m/%Y %H:%M",
               "%m/%d/%Y %H:%M")  # fmt: skip
_TOTAL_WORDS = ("total", "totals", "grand total", "sub total", "subtotal", "sum", "overall")
_TWO_WAYS = ("%d/%m", "%m/%d", "%d-%m", "%m-%d", "%d.%m", "%m.%d")  # day and month both ≤ 12


def _blank(path: Path) -> bool:
    """Whether a file holds nothing but a byte-order mark and white space."""
    return path.stat().st_size < 64 and not path.read_bytes().strip(b"\xef\xbb\xbf \r\n\t")


def _stripped(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with spaces around its column names removed (``'Sale Date '``), as DuckDB
    reads a CSV's header; unchanged when none has any, or when two would then be one."""
    names = [c.strip() if isinstance(c, str) else c for c in frame.columns]
    if names == list(frame.columns) or len(set(names)) < len(names):
        return frame
    return frame.set_axis(names, axis=1)


def _q(name: str) -> str:
    """A column or view name as a quoted DuckDB identifier."""
    return '"' + name.replace('"', '""') + '"'


class Sources:
    """The named data sets, each opened in ``con`` on first use.

    ``columns``/``text`` map each opened source to its lower-case column names / those read
    as text; ``written`` to its column names as written (for messages); ``paths`` to its
    file (None for a DataFrame). ``empty`` holds the CSVs with a header row and no rows.
    """

    def __init__(self, data: Mapping[str, Source], con: duckdb.DuckDBPyConnection) -> None:
        self.data = data
        self.con = con
        self.columns: dict[str, set[str]] = {}
        self.written: dict[str, list[str]] = {}
        self.text: dict[str, set[str]] = {}
        self.paths: dict[str, Path | None] = {}
        self._names: dict[str, dict[str, str]] = {}  # lower-case -> as written
        self._dates: dict[str, str] = {}  # a CSV's sniffed date format
        self.empty: set[str] = set()  # CSVs with a header row and no rows

    def open(self, name: str, kpi: str) -> None:
        """Open source ``name`` (read by KPI ``kpi``) as a view of that name."""
        if name in self.columns:
            return
        import duckdb

        if name not in self.data:
            given = ", ".join(sorted(self.data)) or "none"
            raise InputError(
                f"KPI '{kpi}' reads source '{name}', which the data does not name (given: "
                f"{given}); pass it: data={{'{name}': 'path.parquet'}} or --data {name}=PATH",
                field=f"kpis[{kpi}].definition.source",
                value=name,
            )
        source = self.data[name]
        path = None if isinstance(source, pd.DataFrame) else Path(source)
        self.paths[name] = path
        try:
            if path is None:
                self.con.register(name, _stripped(source))
                relation = self.con.table(name)
            else:
                relation = self._read(path, name)
                relation.create_view(name, replace=True)
                if path.suffix.lower() in _TEXT:
                    self._rows_in(relation, path, name)
                    relation = self._ungroup(name, relation)
        except duckdb.Error as exc:
            raise InputError(
                f"cannot read source '{name}': {str(exc).splitlines()[0]}", path=path
            ) from exc
        self.paths[name] = path
        self._names[name] = {c.lower(): c for c in relation.columns}
        self.columns[name] = set(self._names[name])
        self.written[name] = list(relation.columns)
        self.text[name] = {
            c.lower() for c, t in zip(relation.columns, relation.types, strict=True)
            if str(t) == "VARCHAR"
        }  # fmt: skip

    def _read(self, path: Path, name: str) -> duckdb.DuckDBPyRelation:
        reader = _READERS.get(path.suffix.lower())
        if reader is None:
            raise InputError(
                f"source '{name}': cannot tell the format of '{path.name}'; give a .csv or "
                ".parquet file, or a pandas DataFrame",
                path=path,
            )
        pattern = any(ch in path.name for ch in "*?[")  # events/*.parquet: every part
        if not pattern and not path.is_file():
            raise InputError(f"source '{name}': no such file", path=path)
        if pattern and not any(path.parent.glob(path.name)):
            raise InputError(f"source '{name}': no file matches this pattern", path=path)
        if not pattern and _blank(path):
            raise InputError(
                f"source '{name}': the file is empty; export it again with its header row "
                "and the rows",
                path=path,
            )
        if reader == "read_csv" and not pattern:
            found = self.con.execute("SELECT DateFormat FROM sniff_csv(?)", [str(path)]).fetchall()
            self._dates[name] = (found[0][0] if found else None) or ""
        return getattr(self.con, reader)(str(path))

    def _rows_in(self, relation: duckdb.DuckDBPyRelation, path: Path, name: str) -> None:
        """Note a CSV with a header row and no rows (DuckDB reads its columns as text)."""
        import duckdb

        try:
            if relation.limit(1).fetchall():
                return
        except duckdb.Error:
            return  # it has rows DuckDB cannot read: check() or explain() says which
        self.empty.add(name)

    def _ungroup(self, name: str, relation: duckdb.DuckDBPyRelation) -> duckdb.DuckDBPyRelation:
        """Read text columns of amounts (``1,50,000``, ``₹1,50,000``, ``Rs. 2,500/-``) as
        numbers: view ``name`` becomes the file with those columns cast; other columns are
        unchanged. A column of amounts in two currencies is refused."""
        text = [c for c, t in zip(relation.columns, relation.types, strict=True)
                if str(t) == "VARCHAR"]  # fmt: skip
        if not text:
            return relation
        cell, sign = amount_patterns()
        tests = ", ".join(
            f"bool_and({_q(c)} IS NULL OR regexp_full_match(trim({_q(c)}), '{cell}')), "
            f"bool_or(regexp_full_match(trim({_q(c)}), '(?:{sign})?\\s*(?:{SURE})\\s*(?:/-)?') "
            f"OR regexp_matches(trim({_q(c)}), '^(?:{sign})'))"
            for c in text
        )
        found = self.con.execute(f"SELECT {tests} FROM {_q(name)}").fetchall()[0]
        grouped = {c for i, c in enumerate(text) if found[2 * i] and found[2 * i + 1]}
        if not grouped:
            return relation
        for column in grouped:
            self._one_currency(name, column, sign)
        raw = f"{name}\x00raw"  # a view name no source can take
        relation.create_view(raw, replace=True)
        number = f"regexp_extract(trim({{}}), '^(?:{sign})?\\s*(-?[\\d,]*\\d(?:\\.\\d+)?)', 1)"
        columns = ", ".join(
            f"CAST(replace({number.format(_q(c))}, ',', '') AS DOUBLE) AS {_q(c)}"
            if c in grouped
            else _q(c)
            for c in relation.columns
        )
        self.con.execute(f"CREATE OR REPLACE VIEW {_q(name)} AS SELECT {columns} FROM {_q(raw)}")
        return self.con.table(name)

    def _one_currency(self, name: str, column: str, sign: str) -> None:
        """Refuse a column of amounts written in more than one currency (₹ and $)."""
        found = self.con.execute(
            f"SELECT DISTINCT regexp_extract(trim({_q(column)}), '^({sign})', 1) AS s "
            f"FROM {_q(name)} WHERE {_q(column)} IS NOT NULL"
        ).fetchall()
        codes = sorted({currency_of(row[0]) for row in found if row[0]})
        if len(codes) > 1:
            raise self._fail(
                name,
                f"column '{column}' holds amounts in {' and '.join(codes)}; a sum of them "
                "means nothing: convert them to one currency first",
                field=column,
                value=column,
            )

    def check(self, measure: Measure, kpi: str, field: str) -> None:
        """Say in words what in ``measure``'s source would make it count wrong or fail.

        Raises
        ------
        InputError
            Dates that read both ways in the time column; a text cell in a column a numeric
            aggregation reads. Each names the file, the column and the row.
        """
        import duckdb

        name = measure.source
        if name in self.empty:
            return  # no rows: nothing in them to miscount
        try:
            if measure.time is not None:
                self._two_way_dates(name, measure.time, kpi, field)
                if measure.time.lower() in self.text.get(name, set()):
                    self._not_a_date(name, measure.time, kpi, field)
            if measure.agg in _NUMERIC and measure.expr is not None:
                text = self.text.get(name, set())
                if measure.expr.strip().strip('"').lower() in text:
                    self._not_a_number(measure, measure.expr.strip().strip('"'), kpi, field)
        except duckdb.Error as exc:  # a file DuckDB cannot read through: said as explain() says
            raise self.explain(exc, name, kpi) from exc

    def _row(self, name: str, n: int) -> int:
        """The n-th row read (1-based) as the user counts it: a CSV's line, the header being
        line 1 and blank lines (which DuckDB skips) counted."""
        path = self.paths.get(name)
        if path is None or path.suffix.lower() not in _TEXT:
            return n
        with path.open(encoding="utf-8-sig", errors="replace") as lines:
            seen = -1  # the header is not a row
            for number, line in enumerate(lines, start=1):
                if line.strip():
                    seen += 1
                    if seen == n:
                        return number
        return n + 1  # pragma: no cover - DuckDB read more rows than the file has lines

    def _fail(
        self, name: str, reason: str, *, field: str, n: int | None = None, value: object = None
    ) -> InputError:
        """An error placed in source ``name`` (its file, else its name) at read row ``n``."""
        path = self.paths.get(name)
        if path is None:
            reason = f"source '{name}'{'' if n is None else f', row {n}'}: {reason}"
        row = None if n is None else self._row(name, n)
        return InputError(reason, path=path, row=row, field=field, value=value)

    def _two_way_dates(self, name: str, time: str, kpi: str, field: str) -> None:
        form = self._dates.get(name, "")
        if not form.startswith(_TWO_WAYS):
            return
        column = self._names[name].get(time.lower())
        if column is None:
            return
        latest = self.con.execute(f"SELECT max(day({_q(column)})) FROM {_q(name)}").fetchall()
        if latest[0][0] is None or latest[0][0] > 12:
            return  # a day past 12 told DuckDB which is the day
        read = "day first" if form.startswith("%d") else "month first"
        raise self._fail(
            name,
            f"column '{column}': dates such as 03/04/2026 read both as 3 April and as 4 March, "
            f"and no date here says which (every day is 12 or less; they would be read "
            f"{read}); write them as 2026-04-03, or read the file yourself "
            "(pandas.read_csv(..., dayfirst=True)) and pass the DataFrame",
            field=f"kpis[{kpi}].definition.{field}time",
            value=column,
        )

    def _first_bad(
        self, name: str, column: str, kind: str, lenient: bool = False
    ) -> tuple[int, str] | None:
        """The first row (1-based, as read) whose ``column`` holds text that is not a
        ``kind`` (DOUBLE, TIMESTAMP), and that text; None when every cell is one. With
        ``lenient``, neither an amount such as ``₹1,50,000`` nor a date written another
        usual way (``03/04/2026``) is bad: the cell found is the one no way reads."""
        bad = f"TRY_CAST(v AS {kind}) IS NULL"
        if lenient and kind == "DOUBLE":
            bad += f" AND NOT regexp_full_match(trim(v), '{amount_patterns()[0]}')"
        elif lenient:
            forms = ", ".join(f"'{f}'" for f in _DATE_FORMS)
            bad += f" AND try_strptime(trim(v), [{forms}]) IS NULL"
        found = self.con.execute(
            f"SELECT n, v FROM (SELECT row_number() OVER () AS n, {_q(column)} AS v FROM "
            f"{_q(name)}) WHERE v IS NOT NULL AND {bad} ORDER BY n LIMIT 1"
        ).fetchall()
        return (int(found[0][0]), str(found[0][1])) if found else None

    def _not_a_date(self, name: str, time: str, kpi: str, field: str) -> None:
        column = self._names[name].get(time.lower())
        if column is None:
            return
        bad = self._first_bad(name, column, "TIMESTAMP", lenient=True)  # 'Total' first
        if bad is not None and bad[1].strip().casefold() in _TOTAL_WORDS:
            raise self._fail(
                name,
                f"column '{column}' holds {bad[1]!r}: this looks like a spreadsheet's total "
                "row, which makes the column read as text; delete the row (krakit adds the "
                "rows up itself) and export again",
                field=f"kpis[{kpi}].definition.{field}time",
                n=bad[0],
                value=bad[1],
            )
        bad = bad or self._first_bad(name, column, "TIMESTAMP")
        if bad is None:
            return
        raise self._fail(
            name,
            f"column '{column}' holds {bad[1]!r}, which is not a date krakit can read, so the "
            f"column is read as text; KPI '{kpi}' places its rows in periods by it: write "
            "dates as 2026-03-03 (or 2026-03-03 14:30)",
            field=f"kpis[{kpi}].definition.{field}time",
            n=bad[0],
            value=bad[1],
        )

    def _not_a_number(self, measure: Measure, expr: str, kpi: str, field: str) -> None:
        name = measure.source
        column = self._names[name][expr.lower()]
        bad = self._first_bad(name, column, "DOUBLE", lenient=True)  # 'ten' before '1,500'
        bad = bad or self._first_bad(name, column, "DOUBLE")
        if bad is None:
            return  # numbers as text (or no rows): DuckDB casts them, or says why
        cell = str(bad[1]).strip()
        if re.fullmatch(GROUPED, cell):
            todo = (
                f"{cell} reads both as {cell.replace(',', '')} (digit grouping) and as "
                f"{cell.replace(',', '.')} (a decimal comma), and no other cell says which: "
                f"write it {cell.replace(',', '')} or {cell.replace(',', '.')}"
            )
        elif "," in cell and "." not in cell:
            todo = "write a decimal point (10.5), not a comma"
        else:
            todo = "correct the cell, or leave such rows out with a filter"
        raise self._fail(
            name,
            f"column '{column}' holds {bad[1]!r}, which is not a number, so the column is read "
            f"as text; KPI '{kpi}' takes its {measure.agg.value} of it: {todo}",
            field=f"kpis[{kpi}].definition.{field}expr",
            n=bad[0],
            value=bad[1],
        )

    def strays(
        self, measure: Measure, people: Collection[str], found: Iterable[str], kpi: str
    ) -> None:
        """Refuse a person in the data written like one of ``people`` but not the same.

        ``found`` are the people the data named; one that is one of ``people`` once spaces
        and case are set aside (``'ana '``, ``'Ana'``) would count for no one.
        """
        wanted = {p.strip().casefold(): p for p in people}
        for person in found:
            if person in people:
                continue
            twin = wanted.get(person.strip().casefold())
            if twin is None or measure.person is None:
                continue
            name, column = measure.source, self._names[measure.source][measure.person.lower()]
            rows = self.con.execute(
                f"SELECT n FROM (SELECT row_number() OVER () AS n, {_q(column)} AS v "
                f"FROM {_q(name)}) WHERE CAST(v AS TEXT) = ? ORDER BY n LIMIT 1",
                [person],
            ).fetchall()
            row = rows[0] if rows else None
            raise self._fail(
                name,
                f"column '{column}': {person!r} is written unlike {twin!r}, so its rows "
                f"would count for no one (KPI '{kpi}'); names are compared exactly: write "
                f"{twin!r} (no spaces around it, the same capitals)",
                field=f"kpis[{kpi}].definition.person",
                n=None if row is None else int(row[0]),
                value=person,
            )

    def diagnose(self, parts: Iterable[tuple[Measure, str]], kpi: str) -> None:
        """After DuckDB failed: a text column in a numeric expression with a cell that is not
        a number, said as :meth:`check` says it (nothing when there is none)."""
        from sqlglot import exp

        from krakit.metrics.guard import check_expression

        for measure, field in parts:
            if measure.source in self.empty:  # a ratio's other side has rows; this has none
                raise self._fail(
                    measure.source,
                    f"the file has its header row but no rows, so its columns read as text "
                    f"and KPI '{kpi}' cannot take its {measure.agg.value}; export it again "
                    "with its rows",
                    field=f"kpis[{kpi}].definition.{field}source",
                )
            text = self.text.get(measure.source, set())
            if measure.expr is None or measure.agg not in _NUMERIC or not text:
                continue
            tree = check_expression(measure.expr, kpi=kpi, field=f"{field}expr")
            for column in tree.find_all(exp.Column):
                if column.name.lower() in text:
                    self._not_a_number(measure, column.name, kpi, field)

    def explain(self, exc: Exception, name: str | None, kpi: str) -> InputError:
        """DuckDB's error in words, placed in the file and line when DuckDB names them."""
        text = str(exc)
        line = re.search(r"CSV Error on Line: (\d+)", text)
        cell = re.search(r'converting column "([^"]+)"\. Could not convert string "([^"]*)" '
                         r"to '(\w+)'", text)  # fmt: skip
        if name is not None and line is not None and cell is not None:
            column, value, kind = cell.groups()
            what = "a date" if kind in ("DATE", "TIMESTAMP") else f"a {kind.lower()}"
            return InputError(
                f"column '{column}': {value!r} is not {what} written as the column's other "
                f"cells are (DuckDB read the column as {kind}); write every cell of it one way "
                "(dates as 2026-04-03), or leave the column out of the definition",
                path=self.paths.get(name),
                row=int(line.group(1)),
                field=f"kpis[{kpi}].definition",
                value=value,
            )
        first = text.splitlines()[0] if text else type(exc).__name__
        return InputError(
            f"KPI '{kpi}': DuckDB cannot compute this definition: {first}; check the "
            "expression and the column types",
            path=None if name is None else self.paths.get(name),
            field=f"kpis[{kpi}].definition",
        )
