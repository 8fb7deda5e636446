-- Grain: one row per metric code of the harmonised catalog.
select
    metric_code,
    metric_group,
    unit,
    kind,
    name_zh,
    label_legacy_local,
    label_legacy_national,
    label_trial_2019,
    label_standard_2021,
    grade_pre2019_vs_2021,
    notes
from {{ ref('metric_catalog') }}
