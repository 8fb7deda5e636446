-- The checks within one report (tables 3 and 4, pre-2019 breakdowns, text against tables),
-- evaluated once per text: one row per content_hash × check_name × check_subject, with status,
-- both sides and the detail. marts/quality/report_quality adds the checks across years.
-- The terms (macros/quality_terms.sql) are read from inputs filtered to the texts to check here,
-- each text by a number (text_id): the terms are joined and grouped by it, a fifth less work than
-- by the 64-character content_hash, which is joined back once per check.
{{ config(materialized='text_batches') }}

with reports as (
    select
        -- ordered: the same number for a text wherever the CTE is read
        row_number() over (order by content_hash) as text_id,
        content_hash,
        schema_era
    from {{ ref('stg_reports__parsed') }}
    where parse_status = 'parsed'
        and {{ in_text_batch() }}
),

stat_values as (
    select reports.text_id, stat_values.*
    from {{ ref('int_stat_values_unioned') }} as stat_values
    inner join reports on reports.content_hash = stat_values.content_hash
),

narrative as (
    select reports.text_id, printed.metric_code, printed.applicant_type, printed.value
    from {{ ref('int_metric_values_printed') }} as printed
    inner join reports on reports.content_hash = printed.content_hash
    where printed.extraction_method = 'narrative'
),

legacy_cells as (
    select reports.text_id, cells.row_key, cells.printed_number
    from {{ ref('stg_reports__cells') }} as cells
    inner join reports on reports.content_hash = cells.content_hash
    where cells.table_key = 'LEGACY'
        and cells.col_key = 'value'
),

terms as (
    select * from ({{ quality_terms_identities('reports', 'stat_values') }}) as identities
    union all
    select * from ({{ quality_terms_legacy_rows('reports', 'legacy_cells') }}) as legacy_rows
    union all
    select * from ({{ quality_terms_narrative('narrative', 'stat_values') }}) as narrative_figures
),

evaluated as (
    {{ evaluate_check_terms('terms', text_key='text_id') }}
),

final as (
    select reports.content_hash, evaluated.* exclude (text_id)
    from evaluated
    inner join reports on reports.text_id = evaluated.text_id
)

select * from final
