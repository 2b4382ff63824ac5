"""Reading what managers write: numbers, time expressions, KPI sentences, KRA vs KPI."""
