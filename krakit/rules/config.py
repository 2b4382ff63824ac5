"""The settings of a check: which codes run, the thresholds of the judgement rules, and
how codes and prefixes are written and matched."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from krakit.errors import ConfigError

__all__ = ["CheckConfig", "matches", "normalise_codes"]


class CheckConfig(BaseModel):
    """Settings of a check: which codes run and the thresholds of the judgement rules."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    select: tuple[str, ...] = Field((), description="Codes or prefixes to run (all if empty).")
    ignore: tuple[str, ...] = Field((), description="Codes or prefixes to switch off.")
    max_kpis_per_kra: int = Field(5, ge=1, description="More KPIs than this in a KRA is noise.")
    max_kpis_per_role: int = Field(15, ge=1, description="More KPIs than this in a role.")
    max_kras: int = Field(8, ge=1, description="More KRAs than this in a role.")
    max_jump: float = Field(
        3.0, gt=1, description="Target more than this many times the baseline is implausible."
    )
    max_horizon_years: int = Field(
        3,
        ge=1,
        le=50,
        description="A deadline more calendar years ahead than this is too far to review (on a "
        "scorecard without a period; with one, its period's end is the limit).",
    )
    fiscal_year_start: int | None = Field(
        None,
        ge=1,
        le=12,
        description="Month fiscal years begin in, to read 'FY27' and 'Q1 FY27' (7: July, as in "
        "Australia); a scorecard's own scoring.fiscal_year_start wins. None: April.",
    )

    @classmethod
    def from_file(cls, path: str | Path) -> CheckConfig:
        """Read settings from a file: ``pyproject.toml`` (``[tool.krakit.check]``), another
        ``.toml`` (``[check]`` or top level) or ``.yaml`` (``check:`` or top level).

        Raises
        ------
        ConfigError
            The file cannot be read, or a setting is unknown or out of range.

        Examples
        --------
        >>> import pathlib, tempfile
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "krakit.yaml"
        >>> _ = p.write_text("check:\\n  ignore: [W007, O002]\\n  max_kpis_per_kra: 6\\n")
        >>> CheckConfig.from_file(p).ignore
        ('W007', 'O002')
        """
        import tomllib

        from pydantic import ValidationError

        path = Path(path)
        try:
            raw = path.read_bytes()
            if path.suffix.lower() == ".toml":
                data = tomllib.loads(raw.decode("utf-8"))
                data = data.get("tool", {}).get("krakit", {}).get("check", data.get("check", data))
            else:
                data = yaml.safe_load(raw) or {}
                data = data.get("check", data) if isinstance(data, dict) else data
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, yaml.YAMLError) as exc:
            raise ConfigError(f"cannot read the settings: {exc}", path=path) from exc
        if not isinstance(data, dict):
            raise ConfigError("expected a table of settings", path=path)
        data = {k: normalise_codes(v) if k in ("select", "ignore") else v for k, v in data.items()}
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            err = exc.errors(include_url=False)[0]
            field = ".".join(map(str, err["loc"]))
            raise ConfigError(
                "unknown setting" if err["type"] == "extra_forbidden" else err["msg"],
                path=path,
                field=field,
                value=err.get("input"),
            ) from exc


def normalise_codes(codes: Iterable[str] | str | None) -> tuple[str, ...]:
    """Upper-case, comma-split, de-duplicated codes or prefixes."""
    if codes is None:
        return ()
    if isinstance(codes, str):
        codes = [codes]
    out: list[str] = []
    for item in codes:
        for code in str(item).split(","):
            code = code.strip().upper()
            if code and code not in out:
                out.append(code)
    return tuple(out)


def matches(code: str, prefixes: Iterable[str]) -> bool:
    """Whether a code is named by any of these codes or prefixes (``"M"``, ``"M00"``...).

    Examples
    --------
    >>> matches("M002", ["M"]), matches("M002", ["T", "M00"]), matches("M002", ["M003"])
    (True, True, False)
    """
    return any(code.startswith(p) for p in prefixes)
