"""A shared ``metrics.yaml``: one definition of each metric that many scorecards name.

::

    schema_version: 1
    metrics:
      time-to-hire:
        source: requisitions
        agg: median
        expr: "date_diff('day', approved_at, offer_accepted_at)"
        time: offer_accepted_at
        person: recruiter

A KPI says ``definition: {ref: time-to-hire}``; :meth:`MetricLibrary.resolve` gives the named
definition. Loading names the file and the metric of any mistake; saving is atomic.
"""

from __future__ import annotations

from collections.abc import Mapping
from os import PathLike
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from krakit.errors import InputError, ScorecardError
from krakit.metrics.definition import Definition, RefName

__all__ = ["METRICS_VERSION", "MetricLibrary", "load_metrics", "save_metrics"]

METRICS_VERSION = 1
"""The metrics.yaml format this krakit reads and writes."""


class MetricLibrary(BaseModel):
    """Named metric definitions shared by many scorecards (a ``metrics.yaml``).

    Examples
    --------
    >>> lib = MetricLibrary(metrics={"hires": {"source": "offers", "agg": "count"}})
    >>> lib.resolve(Definition(ref="hires"), kpi="hires-per-month").agg
    <Agg.COUNT: 'count'>
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    schema_version: int = Field(
        METRICS_VERSION, ge=1, le=METRICS_VERSION, description="The metrics.yaml format."
    )
    metrics: dict[RefName, Definition] = Field(
        default_factory=dict, description="Definitions by name; a name is what a 'ref' says."
    )
    path: str | None = Field(None, exclude=True, description="The file it was read from.")

    def model_post_init(self, context: Any, /) -> None:
        for name, definition in self.metrics.items():
            if definition.ref is not None:
                raise ScorecardError(
                    f"metric '{name}' refers to '{definition.ref}': a definition in "
                    "metrics.yaml is a measure or a ratio, not another ref",
                    path=self.path,
                    field=f"metrics.{name}.ref",
                )

    def resolve(self, definition: Definition, *, kpi: str) -> Definition:
        """The definition itself, or the one its ``ref`` names.

        Raises
        ------
        InputError
            The ref names no metric here (the message lists the names there are).
        """
        if definition.ref is None:
            return definition
        found = self.metrics.get(definition.ref)
        if found is None and not self.metrics and self.path is None:
            raise InputError(
                f"KPI '{kpi}' refers to metric '{definition.ref}': give the metrics.yaml that "
                "defines it (metrics=...; --metrics on the command line)",
                field=f"kpis[{kpi}].definition.ref",
                value=definition.ref,
            )
        if found is None:
            names = ", ".join(sorted(self.metrics)) or "none"
            where = f"{self.path}" if self.path else "the metrics given"
            raise InputError(
                f"KPI '{kpi}' refers to metric '{definition.ref}', which {where} does not "
                f"define (it defines: {names}); add it there or fix the name",
                field=f"kpis[{kpi}].definition.ref",
                value=definition.ref,
            )
        return found


def _read(path: Path) -> Any:
    from krakit.store.file import read_data, read_text

    _, text = read_text(path)  # names a missing, unreadable, huge or non-UTF-8 file
    return read_data(text, "json" if path.suffix.lower() == ".json" else "yaml", path=path)


def load_metrics(source: str | PathLike[str] | Mapping[str, Any] | MetricLibrary) -> MetricLibrary:
    """Read a metrics.yaml (or its data, or pass a library through).

    Raises
    ------
    InputError
        Missing, unreadable or broken file (line and column).
    ScorecardError
        A definition breaks the model: names the file and the metric
        (``metrics.yaml, field 'metrics.time-to-hire.agg'``).

    Examples
    --------
    >>> load_metrics({"schema_version": 1, "metrics": {"revenue": {
    ...     "source": "invoices", "agg": "sum", "expr": "amount", "time": "issued_on"}}}
    ... ).metrics["revenue"].expr
    'amount'
    """
    if isinstance(source, MetricLibrary):
        return source
    path = None if isinstance(source, Mapping) else Path(source)
    data = source if isinstance(source, Mapping) else _read(path)  # type: ignore[arg-type]
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise InputError(
            "expected a mapping with 'schema_version: 1' and 'metrics:', got "
            f"{type(data).__name__}",
            path=path,
        )
    try:
        return MetricLibrary.model_validate({**data, "path": None if path is None else str(path)})
    except ValidationError as exc:
        from krakit.model_errors import reworded

        err = exc.errors(include_url=False)[0]
        field = ".".join(str(part) for part in err["loc"] if "[" not in str(part))
        more = len(exc.errors()) - 1
        raise ScorecardError(
            reworded(err) + (f" (and {more} more)" if more else ""),
            path=path,
            field=field or None,
            value=err.get("input") if not isinstance(err.get("input"), Mapping) else None,
        ) from exc


def save_metrics(library: MetricLibrary, path: str | PathLike[str]) -> Path:
    """Write a metrics.yaml atomically (a reader never sees half a file); return its path."""
    from krakit.store.atomic import atomic_write, locked, write_error
    from krakit.store.safe_yaml import write_yaml

    path = Path(path)
    data = library.model_dump(mode="json", exclude_none=True, exclude_defaults=False)
    text = write_yaml(data)
    try:
        with locked(path):
            atomic_write(path, text.encode())
    except OSError as exc:
        raise write_error(exc, path) from exc
    return path
