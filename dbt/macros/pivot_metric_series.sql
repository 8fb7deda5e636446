{#
  One row per series × report_year from marts.metric_series_by_year, one column per metric code.
  The row is as comparable as its least comparable figure: the worst grade, and comparable with the
  previous point only when every figure in it is. On an incremental run it pivots the series of
  the CTE `to_rewrite` only (series_to_rewrite below), which the model defines first.
#}
{% macro pivot_metric_series(metric_codes) %}
    select
        series_id,
        series_level,
        body_name,
        scope,
        report_year,
        any_value(report_id) as report_id,
        any_value(source_file) as source_file,
        any_value(schema_era) as schema_era,
        max(n_reports) as n_reports,
        {%- for metric_code in metric_codes %}
        max(value) filter (where metric_code = '{{ metric_code }}') as {{ metric_code }},
        {%- endfor %}
        case max(case comparability_grade when 'exact' then 1 when 'approximate' then 2 else 3 end)
            when 1 then 'exact'
            when 2 then 'approximate'
            else 'not_comparable'
        end as comparability_grade,
        max(previous_report_year) as previous_report_year,
        bool_and(is_comparable_with_previous) as is_comparable_with_previous,
        string_agg(distinct comparability_note, '; ' order by comparability_note) as comparability_note,
        max(built_at) as built_at
    from {{ ref('metric_series_by_year') }}
    where metric_code in ({% for metric_code in metric_codes %}'{{ metric_code }}'{{ ", " if not loop.last }}{% endfor %})
    {%- if is_incremental() %}
        and series_id in (select series_id from to_rewrite)
    {%- endif %}
    group by series_id, series_level, body_name, scope, report_year
{% endmacro %}

{#
  The trend marts are incremental by series (dbt_project.yml, delete+insert on series_id). On an
  incremental run a pivot rewrites the series metric_series_by_year rewrote since the pivot's
  latest row (built_at: not only in this build, as a run of some assets may build the series
  alone), and those it no longer holds: the CTE `to_rewrite`, read by the pivot and by the
  markers, so that it is computed once (nothing on a full build).
#}
{% macro series_to_rewrite() %}
    {%- if is_incremental() %}
to_rewrite as (
    select series_id from {{ ref('metric_series_by_year') }}
    where built_at > (select coalesce(max(built_at), '-infinity'::timestamp) from {{ this }})
    union
    select series_id from {{ this }} where series_id not in (select distinct series_id from {{ ref('metric_series_by_year') }})
),
    {%- endif %}
{% endmacro %}
