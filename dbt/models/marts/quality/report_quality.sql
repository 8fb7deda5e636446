-- Grain: one row per report file × check_name × check_subject. Accounting checks that flag and
-- never repair: the figures in fct_disclosure_stats stay as printed whatever the status here.
-- A check is not_applicable when a figure it needs is not reported, or when the total it tests
-- was itself derived from the parts (then it adds up by construction).
-- Incremental by file: the checks within a report are added once per file (evaluated once per
-- text in int_quality_checks_within_report); the checks across years depend on other reports, so
-- they are deleted and evaluated again on every run.
{{ config(
    materialized='incremental',
    pre_hook=[
        "{{ delete_changed_files(['report_id', 'content_hash']) }}",
        "{% if is_incremental() %}delete from {{ this }} where check_name like 'cross_year%'{% endif %}",
    ],
) }}

with reports as (
    select * from {{ ref('int_report_files_counted') }}
    where status = 'parsed'
),

checks as (
    select * from {{ ref('quality_checks') }}
),

within_report as (
    select * from {{ ref('int_quality_checks_within_report') }}
    where content_hash in (select content_hash from reports where {{ is_new_file() }})
),

cross_year as (
    {{ evaluate_check_terms(ref('int_quality_terms_cross_year')) }}
),

evaluated as (
    select * from within_report
    union all
    select * from cross_year
),

final as (
    select
        reports.report_id,
        reports.source_file,
        reports.body_name,
        reports.report_year,
        reports.schema_era,
        evaluated.check_name,
        evaluated.check_subject,
        checks.severity,
        evaluated.status,
        evaluated.expected,
        evaluated.actual,
        evaluated.detail,
        reports.content_hash,
        {{ build_started_at() }} as built_at
    from evaluated
    inner join reports on reports.content_hash = evaluated.content_hash
    inner join checks on checks.check_name = evaluated.check_name
)

select * from final
