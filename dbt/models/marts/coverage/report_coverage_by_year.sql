-- Grain: one row per body (dim_bodies) × year, for every year from the first to the last report
-- year in the warehouse: did the body publish a report we hold, with statistics tables or only
-- text, or only files that were quarantined? A year with no file of the body is 'no_report' (a
-- gap in the collection or a body that did not publish: which units have not published).
-- Quarantined files count where the parser could still tell body and year (e.g. identical copies);
-- a file with neither (empty, binary, unreadable) is in dim_reports only.
-- Incremental by body: the grid is cheap to compute but not to write (790,000 rows at 100,000
-- reports), so a build writes the rows of the bodies whose rows differ from those held (every
-- body when the span of years changed), with a marker for each (macros/rewrite_markers.sql), so
-- that a body left with no row (gone from dim_bodies, or no year left in the span) is cleared too.
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='body_id',
    post_hook="{{ drop_rewrite_markers('report_year') }}",
) }}

with files as (
    select * from {{ ref('int_report_files_counted') }}
    where body_id is not null
        and report_year is not null
),

bodies as (
    select body_id, body_name, body_type, admin_level, region_code from {{ ref('dim_bodies') }}
),

years as (
    select unnest(range(min(report_year), max(report_year) + 1)) as report_year
    from files
    where status = 'parsed'
),

per_body_year as (
    select
        body_id,
        report_year,
        count(*) as n_files,
        count(*) filter (where status = 'parsed') as n_parsed,
        count(*) filter (where status = 'quarantined') as n_quarantined,
        any_value(report_id) filter (where is_counted) as counted_report_id,
        any_value(source_file) filter (where is_counted) as counted_source_file,
        any_value(schema_era) filter (where is_counted) as schema_era,
        any_value(scope) filter (where is_counted) as scope,
        max(n_values) filter (where is_counted) as n_values
    from files
    group by body_id, report_year
),

grid as (
    select
        bodies.body_id,
        bodies.body_name,
        bodies.body_type,
        bodies.admin_level,
        bodies.region_code,
        years.report_year,
        case
            when per_body_year.counted_report_id is null and coalesce(per_body_year.n_quarantined, 0) > 0 then 'quarantined'
            when per_body_year.counted_report_id is null then 'no_report'
            when per_body_year.schema_era = 'no_table' then 'narrative_only'
            else 'statistics_table'
        end as coverage_status,
        per_body_year.counted_report_id is not null as has_report,
        coalesce(per_body_year.schema_era <> 'no_table', false) as has_statistics_table,
        coalesce(per_body_year.schema_era = 'no_table', false) as is_narrative_only,
        coalesce(per_body_year.n_quarantined, 0) > 0 as has_quarantined_file,
        coalesce(per_body_year.n_files, 0) as n_files,
        coalesce(per_body_year.n_parsed, 0) as n_parsed,
        coalesce(per_body_year.n_quarantined, 0) as n_quarantined,
        per_body_year.counted_report_id as report_id,
        per_body_year.counted_source_file as source_file,
        per_body_year.schema_era,
        per_body_year.scope,
        coalesce(per_body_year.n_values, 0) as n_values
    from bodies
    cross join years
    left join per_body_year
        on per_body_year.body_id = bodies.body_id
        and per_body_year.report_year = years.report_year
){% if is_incremental() %},

changed_bodies as (
    {{ keys_with_changed_rows('body_id', 'grid', '(select * exclude (built_at) from ' ~ this ~ ')', '*columns(*)') }}
){% endif %}

select *, {{ build_started_at() }} as built_at
from grid
{%- if is_incremental() %}
where body_id in (select body_id from changed_bodies)
{%- endif %}
{{ rewrite_markers('body_id', 'select body_id from changed_bodies') }}
