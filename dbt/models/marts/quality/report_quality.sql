-- Grain: one row per report file × check_name × check_subject. Accounting checks that flag and
-- never repair: the figures in fct_disclosure_stats stay as printed whatever the status here.
-- A check is not_applicable when a figure it needs is not reported, or when the total it tests
-- was itself derived from the parts (then it adds up by construction).
-- Incremental by file: the checks within a report are added once per file (evaluated once per
-- text in int_quality_checks_within_report). The checks across years read the previous year's
-- report too: they are evaluated again when the pair (this text, the previous report's text) is
-- one the table holds no row of, so that a report of the year before that arrives, changes or
-- stops counting re-evaluates its successor; the pre_hook deletes the rows of pairs that no
-- longer hold.
{{ config(
    materialized='incremental',
    pre_hook=[
        "{{ delete_changed_files(['report_id', 'content_hash']) }}",
        "{% if is_incremental() %}
        delete from {{ this }} as stored
        where check_name like 'cross_year%'
            and not exists (
                select 1 from {{ ref('int_report_pairs_across_years') }} as pairs
                where pairs.content_hash = stored.content_hash
                    and pairs.previous_content_hash is not distinct from stored.previous_content_hash
            )
        {% endif %}",
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

-- the pairs across years the table holds no row of (every pair on a full build)
pairs_to_check as (
    select * from {{ ref('int_report_pairs_across_years') }} as pairs
    {%- if is_incremental() %}
    where not exists (
        select 1 from {{ this }} as stored
        where stored.check_name like 'cross_year%'
            and stored.content_hash = pairs.content_hash
            and stored.previous_content_hash is not distinct from pairs.previous_content_hash
    )
    {%- endif %}
),

totals as (
    select content_hash, metric_code, value
    from {{ ref('int_stat_values_unioned') }}
    where applicant_type = 'total'
),

cross_year_terms as (
    {{ quality_terms_cross_year('pairs_to_check', 'totals') }}
),

cross_year as (
    {{ evaluate_check_terms('cross_year_terms') }}
),

evaluated as (
    select *, cast(null as varchar) as previous_content_hash from within_report
    union all
    select cross_year.*, pairs_to_check.previous_content_hash
    from cross_year
    inner join pairs_to_check on pairs_to_check.content_hash = cross_year.content_hash
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
        evaluated.previous_content_hash,
        {{ build_started_at() }} as built_at
    from evaluated
    inner join reports on reports.content_hash = evaluated.content_hash
    inner join checks on checks.check_name = evaluated.check_name
)

select * from final
