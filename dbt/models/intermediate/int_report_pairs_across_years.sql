-- The pairs the checks across years compare (marts/quality/report_quality): each counted 2019+
-- report (the formats with a carry-over) with a body and year, and the counted report of the same
-- body and scope the year before, in any format (NULL when there is none).
with reports as (
    select content_hash, body_id, scope, report_year, schema_era
    from {{ ref('int_report_files_counted') }}
    where is_counted
        and body_id is not null
        and report_year is not null
)

select
    reports.content_hash,
    reports.report_year,
    reports.schema_era,
    previous.content_hash as previous_content_hash,
    previous.schema_era as previous_schema_era
from reports
left join reports as previous
    on previous.body_id = reports.body_id
    and previous.scope is not distinct from reports.scope
    and previous.report_year = reports.report_year - 1
where reports.schema_era in ('trial_2019', 'standard_2021')
