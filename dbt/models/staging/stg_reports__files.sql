-- One row per file under RAW_DIR. The text itself stays in raw: nothing downstream reads it, and
-- reading 100,000 texts (their length, once) cost every build 0.2 s.
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
        read_status,
        read_reason,
        ingested_at
    from source
)

select * from renamed
