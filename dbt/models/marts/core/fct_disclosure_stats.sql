-- Grain: one row per parsed report file × metric × applicant type. Values as reported (money in
-- yuan); not reported means no row. Duplicate and quarantined files add nothing; a superseded
-- re-published version keeps its rows with is_counted = false, so sum only counted rows.
-- Incremental by file: a run rewrites the rows of new files, of files whose text changed and of
-- files whose is_counted changed (a newer version of the report arrived or went).
{{ config(
    materialized='incremental',
    pre_hook="{{ delete_changed_files(['report_id', 'content_hash', 'is_counted']) }}",
) }}

with reports as (
    select * from {{ ref('int_report_files_counted') }}
    where status = 'parsed'
        and {{ is_new_file() }}
),

stat_values as (
    select * from {{ ref('int_stat_values_unioned') }}
    where content_hash in (select content_hash from reports)
),

catalog as (
    select metric_code, unit, kind from {{ ref('metric_catalog') }}
),

grades as (
    select metric_code, schema_era, grade from {{ ref('metric_era_grades') }}
),

final as (
    select
        reports.report_id,
        reports.source_file,
        reports.body_id,
        reports.body_name,
        reports.report_year,
        reports.schema_era,
        stat_values.metric_code,
        stat_values.applicant_type,
        stat_values.value,
        catalog.unit,
        catalog.kind as metric_kind,
        stat_values.extraction_method,
        -- a figure stated in prose has no form definition: at best approximate
        case
            when stat_values.extraction_method = 'narrative' and grades.grade = 'exact' then 'approximate'
            else grades.grade
        end as comparability_grade,
        reports.is_counted,
        stat_values.raw_value,
        stat_values.char_offset,
        reports.content_hash,
        {{ build_started_at() }} as built_at
    from stat_values
    inner join reports on reports.content_hash = stat_values.content_hash
    inner join catalog on catalog.metric_code = stat_values.metric_code
    left join grades
        on grades.metric_code = stat_values.metric_code
        and grades.schema_era = reports.schema_era
)

select * from final
