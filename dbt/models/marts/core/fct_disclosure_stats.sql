-- Grain: one row per counted report file × metric × applicant type. Values as reported
-- (money in yuan); not reported means no row. Duplicate files and quarantined files add nothing.
with reports as (
    select * from {{ ref('int_report_files_classified') }}
    where status = 'parsed'
),

stat_values as (
    select * from {{ ref('int_stat_values_unioned') }}
),

catalog as (
    select metric_code, unit, kind from {{ ref('metric_catalog') }}
),

final as (
    select
        reports.report_id,
        reports.source_file,
        reports.body_name,
        reports.report_year,
        reports.schema_era,
        stat_values.metric_code,
        stat_values.applicant_type,
        stat_values.value,
        catalog.unit,
        catalog.kind as metric_kind,
        stat_values.extraction_method,
        stat_values.raw_value,
        stat_values.char_offset,
        reports.content_hash
    from stat_values
    inner join reports on reports.content_hash = stat_values.content_hash
    inner join catalog on catalog.metric_code = stat_values.metric_code
)

select * from final
