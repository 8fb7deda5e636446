-- Values a report does not print but its printed parts determine:
--   1. a blank 总计 cell of table 3 whose six applicant cells are printed;
--   2. metrics defined as sums (metric_derivations), where the report prints no value.
-- A printed value is never replaced.
{{ config(materialized='text_batches') }}

with printed as (
    select * from {{ ref('int_metric_values_printed') }}
    where extraction_method = 'table'
        and {{ in_text_batch() }}
),

reports as (
    select content_hash, schema_era from {{ ref('stg_reports__parsed') }}
    where {{ in_text_batch() }}
),

applicant_totals as (
    select content_hash, metric_code, 'total' as applicant_type, sum(value) as value
    from printed
    where applicant_type <> 'total'
    group by content_hash, metric_code
    having count(*) = 6
        and not exists (
            select 1 from printed as p
            where p.content_hash = printed.content_hash
                and p.metric_code = printed.metric_code
                and p.applicant_type = 'total'
        )
),

base as (
    select content_hash, metric_code, applicant_type, value from printed
    union all
    select content_hash, metric_code, applicant_type, value from applicant_totals
),

sums as (
    select
        base.content_hash,
        derivations.metric_code,
        base.applicant_type,
        sum(base.value) as value
    from base
    inner join reports on reports.content_hash = base.content_hash
    inner join {{ ref('metric_derivations') }} as derivations
        on derivations.component_metric_code = base.metric_code
        and derivations.schema_era = reports.schema_era
    group by base.content_hash, derivations.metric_code, base.applicant_type
),

derived as (
    select content_hash, metric_code, applicant_type, value from applicant_totals
    union all
    select sums.*
    from sums
    where not exists (
        select 1 from base
        where base.content_hash = sums.content_hash
            and base.metric_code = sums.metric_code
            and base.applicant_type = sums.applicant_type
    )
)

select
    content_hash,
    metric_code,
    applicant_type,
    'derived' as extraction_method,
    value
from derived
