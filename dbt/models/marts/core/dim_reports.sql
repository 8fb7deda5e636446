-- Grain: one row per file under RAW_DIR, parsed or quarantined, with the reason.
with classified as (
    select * from {{ ref('int_report_files_classified') }}
),

final as (
    select
        report_id,
        source_file,
        body_name,
        report_year,
        schema_era,
        status,
        status_reason,
        period_start,
        period_end,
        publish_date,
        scope,
        is_duplicate,
        duplicate_of,
        content_hash,
        size_bytes,
        encoding,
        parser_version,
        warnings,
        ingested_at
    from classified
)

select * from final
