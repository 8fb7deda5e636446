-- One row per file: what the parser found, and whether the file counts (parsed, first copy).
with files as (
    select * from {{ ref('stg_reports__files') }}
),

parsed as (
    select * from {{ ref('stg_reports__parsed') }}
),

ranked as (
    select
        *,
        -- identical content under several names counts once: the first name in sort order
        row_number() over (partition by content_hash order by source_file) as copy_rank,
        first_value(source_file) over (partition by content_hash order by source_file) as first_copy
    from files
),

classified as (
    select
        ranked.report_id,
        ranked.source_file,
        ranked.content_hash,
        ranked.size_bytes,
        ranked.encoding,
        ranked.ingested_at,
        parsed.body_name,
        parsed.report_year,
        coalesce(parsed.schema_era, 'no_table') as schema_era,
        parsed.period_start,
        parsed.period_end,
        parsed.publish_date,
        parsed.scope,
        parsed.body_id,
        parsed.body_type,
        parsed.admin_level,
        parsed.region_code,
        parsed.province_name,
        parsed.prefecture_name,
        parsed.county_name,
        parsed.parser_version,
        parsed.warnings,
        case
            when ranked.read_status <> 'ok' then 'quarantined'
            when ranked.copy_rank > 1 then 'quarantined'
            when parsed.parse_status is null then 'quarantined'
            else parsed.parse_status
        end as status,
        case
            when ranked.read_status <> 'ok' then ranked.read_reason
            when ranked.copy_rank > 1 then 'duplicate of ' || ranked.first_copy || ' (identical content, counted once)'
            when parsed.parse_status is null then 'not parsed yet: run the parse asset'
            -- a parsed text that was cut short says what is missing (the reader's and the parser's notes)
            else coalesce(parsed.parse_reason, nullif(concat_ws('; ', ranked.read_reason, parsed.warnings), ''))
        end as status_reason,
        ranked.copy_rank > 1 as is_duplicate,
        case when ranked.copy_rank > 1 then ranked.first_copy end as duplicate_of
    from ranked
    left join parsed on parsed.content_hash = ranked.content_hash and ranked.read_status = 'ok'
)

select * from classified
