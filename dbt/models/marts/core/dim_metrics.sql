-- Grain: one row per metric code of the harmonised catalog: names, unit, flow or stock, the eras
-- whose tables or text report it, its comparability grade per era (vs the 2021 format), caveats.
{% set eras = ['legacy_local', 'legacy_national', 'trial_2019', 'standard_2021', 'no_table'] %}
with catalog as (
    select * from {{ ref('metric_catalog') }}
),

reported as (
    select * from {{ ref('int_metric_eras_reported') }}
),

eras_reported as (
    select
        reported.metric_code,
        string_agg(reported.schema_era, ', ' order by eras.era_order) as eras_reported
    from reported
    inner join {{ ref('schema_eras') }} as eras on eras.schema_era = reported.schema_era
    group by reported.metric_code
),

grades as (
    select
        metric_code,
        {%- for era in eras %}
        max(grade) filter (where schema_era = '{{ era }}') as grade_{{ era }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ ref('metric_era_grades') }}
    group by metric_code
),

final as (
    select
        catalog.metric_code,
        catalog.metric_group,
        catalog.name_zh,
        catalog.name_en,
        catalog.unit,
        catalog.kind,
        eras_reported.eras_reported,
        {%- for era in eras %}
        grades.grade_{{ era }},
        {%- endfor %}
        catalog.grade_pre2019_vs_2021,
        catalog.label_legacy_local,
        catalog.label_legacy_national,
        catalog.label_trial_2019,
        catalog.label_standard_2021,
        catalog.notes
    from catalog
    left join eras_reported on eras_reported.metric_code = catalog.metric_code
    left join grades on grades.metric_code = catalog.metric_code
)

select * from final
