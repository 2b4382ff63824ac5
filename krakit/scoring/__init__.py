"""How :func:`krakit.score` works, one step a module (the public face is :mod:`krakit.score`).

definitions   the KPIs as one table: codes, aggregation, normalised weights
intake        actuals in: read, checked, coded, located (person, KPI, period)
rollup        periods rolled up with each KPI's aggregation (sum, mean, last)
weights       shares, normalisation and "adds to 100" (scoring, checker, wizard)
targets       one object per target type: words, maths (target_maths), sentence
              (target_words), roll-up rule
achievement   each row scored by its target type's object; status bands
tables        per KPI and period, per KPI, per KRA, overall (weights renormalised, bands)
missing       why a KPI did not score, and the fix
result        ScoreResult and its readable table
pipeline      score(): the steps above, in order
explain       the score worked through on the scorecard's own numbers
"""
