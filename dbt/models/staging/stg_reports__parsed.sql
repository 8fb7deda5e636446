-- One row per distinct report text, as the parser read it.
with source as (
    select * from {{ source('reports', 'parsed_reports') }}
),

renamed as (
    select
        content_hash,
        parser_version,
        nullif(trim(body_name), '') as body_name,
        report_year,
        schema_era,
        period_start,
        period_end,
        publish_date,
        scope,
        body_type,
        admin_level,
        region_code,
        province_name,
        prefecture_name,
        county_name,
        body_id,
        n_cells,
        parse_status,
        parse_reason,
        warnings,
        parsed_at
    from source
)

select * from renamed
