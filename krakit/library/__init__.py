"""The content library: role templates, the KRA-area metric vocabulary and the training bank.

The content lives as YAML under ``templates/`` (role scorecards in ``templates/roles/``, the
vocabulary in ``templates/vocabulary.yaml``, teaching items in ``templates/training/``), so an
HR team can edit it without touching Python. One module a job:

- :mod:`krakit.library.folder`: where that folder is (``KRAKIT_TEMPLATES`` or the checkout);
- :mod:`krakit.library.templates`: the role templates (list, search, load);
- :mod:`krakit.library.vocabulary`: the KRA areas, :func:`area_of` and :func:`suggest_kpis`;
- :mod:`krakit.library.training`: the training bank.

Examples
--------
>>> [t.name for t in search_templates("recruit")][:1]
['recruiter']
>>> area_of("Reduce average time to hire to 30 days")
'recruitment'
"""

from __future__ import annotations

from krakit.library.folder import ENV_VAR, templates_dir
from krakit.library.templates import TemplateInfo, search_templates, template, templates
from krakit.library.training import FAMILIES, FAMILY_CODES, TrainingItem, training_bank
from krakit.library.vocabulary import Area, MetricSuggestion, area_of, suggest_kpis, vocabulary

__all__ = [
    "ENV_VAR",
    "FAMILIES",
    "FAMILY_CODES",
    "Area",
    "MetricSuggestion",
    "TemplateInfo",
    "TrainingItem",
    "area_of",
    "search_templates",
    "suggest_kpis",
    "template",
    "templates",
    "templates_dir",
    "training_bank",
    "vocabulary",
]
