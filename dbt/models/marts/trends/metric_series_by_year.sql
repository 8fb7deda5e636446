-- Grain: one row per series × report_year × metric_code (applicant total only, counted reports).
-- A series is one body (dim_bodies: however its name is written) in one scope over the years,
-- named by the body's current name, or all bodies of one scope added together. The all-bodies sum
-- takes only exact figures (2019+ tables), so every summand means the same, never adds
-- consolidated-region reports to single-body ones, and adds consolidated regions of one
-- administrative level only (a city's figures already hold its districts'). Each row says whether
-- it is comparable with the previous point of its series and metric.
-- Incremental by series (dbt_project.yml): a run rewrites only the series that changed, found
-- from the reports, not from every point (4 million at 100,000 reports): a body's series when one
-- of its reports was (re)built since, no longer counts or has no figure left, or when the body's
-- name as shown changed; an all-bodies series (a few hundred points) when its points differ.
{% set point_columns = ['series_level', 'body_name', 'scope', 'report_year', 'metric_code', 'unit', 'metric_kind',
                        'value', 'comparability_grade', 'schema_era', 'n_reports', 'reporting_bodies_key',
                        'report_id', 'source_file'] %}

-- two bodies of one name (朝阳区人民政府 in Beijing and in Changchun) stay apart by their id
with bodies as (
    select
        body_id,
        case when count(*) over (partition by body_name) > 1 then body_name || ' [' || body_id || ']' else body_name end
            as body_name
    from {{ ref('dim_bodies') }}
),

-- each counted report, and its body's name as shown (NULL: in no body series)
named_reports as (
    select
        dim_reports.report_id,
        dim_reports.scope,
        dim_reports.admin_level,
        coalesce(bodies.body_name, dim_reports.body_name) as series_body_name,
        md5(coalesce(dim_reports.body_id, dim_reports.body_name)) as body_key
    from {{ ref('dim_reports') }} as dim_reports
    left join bodies on bodies.body_id = dim_reports.body_id
    where dim_reports.is_counted
),

-- ... and the body series it is a point of
reports as materialized (
    select
        *,
        series_body_name || ' | ' || coalesce(scope, 'scope unknown') as series_id
    from named_reports
),

stats as not materialized (
    select
        fct.*,
        reports.series_id,
        reports.series_body_name,
        reports.body_key,
        reports.scope,
        case when reports.scope = 'consolidated_region' then coalesce(reports.admin_level, 'level unknown') end
            as region_level
    from {{ ref('fct_disclosure_stats') }} as fct
    inner join reports on reports.report_id = fct.report_id
    where fct.applicant_type = 'total'
),

{% if is_incremental() %}
-- the body series this table holds, one row per report (a report is in one series)
stored_reports as materialized (
    select
        report_id,
        any_value(series_id) as series_id,
        any_value(reporting_bodies_key) as body_key,
        any_value(body_name) as body_name
    from {{ this }}
    where series_level = 'body'
    group by report_id
),

-- the reports with figures now, and when their rows were last written
current_reports as materialized (
    select report_id, max(built_at) as built_at
    from {{ ref('fct_disclosure_stats') }}
    where applicant_type = 'total' and is_counted
    group by report_id
),

-- each counted report's body series now
report_series as (
    select report_id, series_id, body_key, series_body_name as body_name
    from reports
    where series_body_name is not null
),

changed_reports as (
    select report_id from current_reports
    where built_at > (select coalesce(max(built_at), '-infinity'::timestamp) from {{ this }})
    union
    select report_id from stored_reports
    where report_id not in (select report_id from current_reports)
),

changed_bodies as (
    select body_key from report_series where report_id in (select report_id from changed_reports)
    union
    select body_key from stored_reports where report_id in (select report_id from changed_reports)
    union
    -- shown under another name now: the body's new name, or a namesake came or went
    select body_key from (
        select body_key, body_name from stored_reports
        except
        select body_key, body_name from report_series
    )
),

body_series_to_rewrite as materialized (
    select series_id from report_series where body_key in (select body_key from changed_bodies)
    union
    select series_id from stored_reports where body_key in (select body_key from changed_bodies)
),
{% endif %}

body_points as (
    select
        series_id,
        'body' as series_level,
        series_body_name as body_name,
        scope,
        report_year,
        metric_code,
        unit,
        metric_kind,
        value,
        comparability_grade,
        schema_era,
        1 as n_reports,
        body_key as reporting_bodies_key,
        report_id,
        source_file
    from stats
    where series_body_name is not null
    {%- if is_incremental() %}
        and series_id in (select series_id from body_series_to_rewrite)
    {%- endif %}
),

exact_stats as (
    select * from stats
    where comparability_grade = 'exact'
),

-- the reports behind each all-bodies year, one row each (not one per figure: the key below joins
-- every body of the year)
aggregate_reports as (
    select distinct scope, region_level, report_year, schema_era, report_id, coalesce(body_id, report_id) as body_key
    from exact_stats
),

-- the formats and bodies behind each all-bodies year, over all its metrics
aggregate_years as (
    select
        scope,
        region_level,
        report_year,
        string_agg(distinct schema_era, ', ' order by schema_era) as schema_era,
        count(distinct report_id) as n_reports,
        md5(string_agg(distinct body_key, '|' order by body_key)) as reporting_bodies_key
    from aggregate_reports
    group by scope, region_level, report_year
),

aggregate_sums as (
    select
        scope,
        region_level,
        report_year,
        metric_code,
        any_value(unit) as unit,
        any_value(metric_kind) as metric_kind,
        sum(value) as value
    from exact_stats
    group by scope, region_level, report_year, metric_code
),

-- the year's key joined after summing: an aggregate over it let DuckDB compute the md5 of the
-- bodies of the year once per row of the window below (seconds at 10,000 bodies)
aggregate_points as materialized (
    select
        'all bodies | ' || coalesce(aggregate_sums.scope, 'scope unknown')
            || coalesce(' | ' || aggregate_sums.region_level, '') as series_id,
        'all_bodies' as series_level,
        null as body_name,
        aggregate_sums.scope,
        aggregate_sums.report_year,
        aggregate_sums.metric_code,
        aggregate_sums.unit,
        aggregate_sums.metric_kind,
        aggregate_sums.value,
        'exact' as comparability_grade,
        aggregate_years.schema_era,
        aggregate_years.n_reports,
        aggregate_years.reporting_bodies_key,
        null as report_id,
        null as source_file
    from aggregate_sums
    inner join aggregate_years
        on aggregate_years.scope is not distinct from aggregate_sums.scope
        and aggregate_years.region_level is not distinct from aggregate_sums.region_level
        and aggregate_years.report_year = aggregate_sums.report_year
),

{% if is_incremental() %}
aggregate_series_to_rewrite as materialized (
    {{ keys_with_changed_rows('series_id', 'aggregate_points',
                              "(select * from " ~ this ~ " where series_level = 'all_bodies')",
                              point_columns | join(', ')) }}
),

to_rewrite as (
    select series_id from body_series_to_rewrite
    union
    select series_id from aggregate_series_to_rewrite
),
{% endif %}

points as (
    select * from body_points
    union all
    select * from aggregate_points
    {%- if is_incremental() %}
    where series_id in (select series_id from aggregate_series_to_rewrite)
    {%- endif %}
),

with_previous as (
    select
        *,
        lag(report_year) over series as previous_report_year,
        lag(schema_era) over series as previous_schema_era,
        lag(comparability_grade) over series as previous_grade,
        lag(reporting_bodies_key) over series as previous_reporting_bodies_key
    from points
    window series as (partition by series_id, metric_code order by report_year)
),

-- comparable: the same bodies, and the same definition (both exact, i.e. 2019+ tables, or the
-- same pre-2019 table format); figures stated only in text are never joined
compared as (
    select
        *,
        case
            when previous_report_year is null then 'first point of the series'
            when reporting_bodies_key <> previous_reporting_bodies_key then 'different set of reporting bodies'
            when comparability_grade = 'exact' and previous_grade = 'exact' then 'same definition (2019+ tables)'
            when schema_era = 'no_table' or previous_schema_era = 'no_table' then 'figure stated only in the text'
            when schema_era = previous_schema_era then 'same table format'
            else 'table format changed: ' || previous_schema_era || ' → ' || schema_era
        end as comparability_note
    from with_previous
),

final as (
    select
        series_id,
        series_level,
        body_name,
        scope,
        report_year,
        metric_code,
        value,
        unit,
        metric_kind,
        schema_era,
        n_reports,
        comparability_grade,
        previous_report_year,
        comparability_note in ('same definition (2019+ tables)', 'same table format') as is_comparable_with_previous,
        comparability_note,
        reporting_bodies_key,
        report_id,
        source_file,
        {{ build_started_at() }} as built_at
    from compared
)

select * from final
{{ rewrite_markers('series_id', 'select series_id from to_rewrite') }}
