-- One value per report × metric × applicant type × method, from printed cells. Where the
-- crosswalk maps several printed rows to one metric, they are added (the mapping says so).
{{ config(materialized='text_batches') }}

with mapped as (
    select * from {{ ref('int_cells_mapped_to_metrics') }}
    where {{ in_text_batch() }}
),

aggregated as (
    select
        content_hash,
        metric_code,
        applicant_type,
        extraction_method,
        sum(value) as value,
        count(*) as n_cells,
        -- the printed cells in their order, joined: an ordered string_agg sorts every group, when
        -- nearly all hold one cell; sorting the lists after is twice as fast (DuckDB's lists)
        array_to_string(
            list_transform(list_sort(list({'cell_index': cell_index, 'raw_value': raw_value})), lambda c: c.raw_value),
            ' + '
        ) as raw_value,
        min(char_offset) as char_offset
    from mapped
    group by content_hash, metric_code, applicant_type, extraction_method
)

select * from aggregated
