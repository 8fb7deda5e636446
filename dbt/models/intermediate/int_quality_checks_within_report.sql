-- The checks within one report (tables 3 and 4, pre-2019 breakdowns, text against tables),
-- evaluated once per text: one row per content_hash × check_name × check_subject, with status,
-- both sides and the detail. marts/quality/report_quality adds the checks across years.
-- The terms (macros/quality_terms.sql) are read from inputs filtered to the texts to check here.
{{ config(materialized='text_batches') }}

with reports as (
    select content_hash, schema_era from {{ ref('stg_reports__parsed') }}
    where parse_status = 'parsed'
        and {{ in_text_batch() }}
),

stat_values as (
    select * from {{ ref('int_stat_values_unioned') }}
    where content_hash in (select content_hash from reports)
),

narrative as (
    select content_hash, metric_code, applicant_type, value from {{ ref('int_metric_values_printed') }}
    where extraction_method = 'narrative'
        and content_hash in (select content_hash from reports)
),

legacy_cells as (
    select content_hash, row_key, printed_number from {{ ref('stg_reports__cells') }}
    where table_key = 'LEGACY'
        and col_key = 'value'
        and content_hash in (select content_hash from reports)
),

terms as (
    select * from ({{ quality_terms_identities('reports', 'stat_values') }}) as identities
    union all
    select * from ({{ quality_terms_legacy_rows('reports', 'legacy_cells') }}) as legacy_rows
    union all
    select * from ({{ quality_terms_narrative('narrative', 'stat_values') }}) as narrative_figures
),

evaluated as (
    {{ evaluate_check_terms('terms') }}
)

select * from evaluated
