-- One row per printed statistic. Numbers become exact decimals; nothing is recomputed here.
with source as (
    select * from {{ source('reports', 'report_cells') }}
),

renamed as (
    select
        -- ids
        content_hash,
        cell_index,
        -- where it was printed
        table_key,
        section_key,
        row_key,
        col_key,
        row_label as row_label_zh,
        col_label as col_label_zh,
        row_index,
        col_index,
        char_offset,
        -- what was printed
        raw_value,
        cast(round(number, 6) as decimal(28, 6)) as printed_number,
        value_kind,
        nullif(unit, '') as printed_unit,
        extraction_method
    from source
)

select * from renamed
