-- Printed numeric cells joined to the crosswalk seed; money converted to yuan.
-- Cells no mapping knows are left out here (they stay in staging, as printed).
with cells as (
    select * from {{ ref('stg_reports__cells') }}
    where value_kind in ('number', 'zero')
),

reports as (
    select content_hash, schema_era from {{ ref('stg_reports__parsed') }}
),

mapping as (
    select * from {{ ref('cell_to_metric') }}
),

catalog as (
    select metric_code, unit as metric_unit from {{ ref('metric_catalog') }}
),

mapped as (
    select
        cells.content_hash,
        cells.cell_index,
        mapping.metric_code,
        coalesce(mapping.applicant_type, cells.col_key) as applicant_type,
        cells.extraction_method,
        cells.table_key,
        cells.raw_value,
        cells.char_offset,
        cells.printed_number,
        coalesce(cells.printed_unit, mapping.default_unit) as unit
    from cells
    inner join reports on reports.content_hash = cells.content_hash
    inner join mapping
        on mapping.schema_era = reports.schema_era
        and mapping.table_key = cells.table_key
        and coalesce(mapping.section_key, '') in (cells.section_key, '*')
        and mapping.row_key = cells.row_key
        and mapping.col_key in (cells.col_key, '*')
),

valued as (
    select
        mapped.*,
        case
            when catalog.metric_unit = 'yuan' then mapped.printed_number * coalesce(units.factor_to_yuan, 1)
            else mapped.printed_number
        end as value
    from mapped
    inner join catalog on catalog.metric_code = mapped.metric_code
    left join {{ ref('unit_factors') }} as units on units.unit = coalesce(mapped.unit, '')
    where mapped.applicant_type <> ''
)

select * from valued
