-- One row per file under RAW_DIR. The text itself stays in raw; staging carries its length.
with source as (
    select * from {{ source('reports', 'report_files') }}
),

renamed as (
    select
        -- ids
        substr(sha256(source_file), 1, 16) as report_id,
        source_file,
        content_hash,
        -- file facts
        size_bytes,
        encoding,
        length(text) as n_chars,
        read_status,
        read_reason,
        ingested_at
    from source
)

select * from renamed
