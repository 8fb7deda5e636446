-- Grain: one row per file under RAW_DIR, parsed or quarantined, with the reason, and whether it
-- counts (one report counts once: see int_report_files_counted for the rule), and who published
-- it (body, type, level, region: dagster_project/parsing/regions.py).
-- A view: its rows are int_report_files_counted's (a table every mart reads), so a refresh does
-- not write 100,000 rows twice.
{{ config(materialized='view') }}

with counted as (
    select * from {{ ref('int_report_files_counted') }}
),

final as (
    select
        report_id,
        source_file,
        body_id,
        body_name,
        body_type,
        admin_level,
        region_code,
        province_name,
        prefecture_name,
        county_name,
        report_year,
        schema_era,
        status,
        status_reason,
        is_counted,
        superseded_by,
        period_start,
        period_end,
        publish_date,
        scope,
        is_duplicate,
        duplicate_of,
        n_values,
        content_hash,
        size_bytes,
        encoding,
        parser_version,
        warnings,
        ingested_at
    from counted
)

select * from final
