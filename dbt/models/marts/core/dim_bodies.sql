-- Grain: one row per body across years (body_id), from its files. body_id is
-- '<region_code>:<name without its region>' (e.g. 320813:人民政府), so 洪泽区人民政府,
-- 淮安市洪泽区人民政府 and the former 洪泽县人民政府 are one body; a body whose region is not known is
-- keyed by its normalised name (dagster_project/parsing/regions.py). The name and attributes shown
-- are those of its latest parsed report; name_variants lists every name its files print. Quarantined
-- files whose body the parser read (identical copies, texts with no recognizable report) count too:
-- a body known only from those still appears in report_coverage_by_year.
with files as (
    select * from {{ ref('int_report_files_counted') }}
    where body_id is not null
),

latest as (
    select * from files
    qualify row_number() over (
        partition by body_id
        order by status = 'parsed' desc, report_year desc nulls last, is_counted desc, source_file
    ) = 1
),

spans as (
    select
        body_id,
        string_agg(distinct body_name, '; ' order by body_name) as name_variants,
        min(report_year) as first_report_year,
        max(report_year) as last_report_year,
        count(distinct report_year) filter (where is_counted) as n_report_years,
        count(*) filter (where is_counted) as n_reports,
        string_agg(distinct scope, ', ' order by scope) as scopes
    from files
    group by body_id
),

final as (
    select
        latest.body_id,
        latest.body_name,
        spans.name_variants,
        latest.body_type,
        latest.admin_level,
        latest.region_code,
        latest.province_name,
        latest.prefecture_name,
        latest.county_name,
        spans.first_report_year,
        spans.last_report_year,
        spans.n_report_years,
        spans.n_reports,
        spans.scopes
    from latest
    inner join spans on spans.body_id = latest.body_id
)

select * from final
