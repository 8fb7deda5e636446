-- Terms of the accounting identities within one report, read from the values the fact uses:
--   1. the identities of seed accounting_identities (tables 3 and 4, pre-2019 review and
--      litigation), in every applicant column the report prints for them and in the total column;
--   2. table 3 row by row: the 总计 column against the six applicant columns.
-- One row per term; marts/quality/report_quality compares the sides. No value is changed here.
with reports as (
    select content_hash, schema_era from {{ ref('stg_reports__parsed') }}
    where parse_status = 'parsed'
),

stat_values as (
    select * from {{ ref('int_stat_values_unioned') }}
),

identities as (
    select * from {{ ref('accounting_identities') }}
),

report_identities as (
    select reports.content_hash, identities.check_name, identities.metric_code, identities.side
    from reports
    inner join identities on identities.schema_era = reports.schema_era
),

-- the columns an identity is checked in: every applicant column the report prints for it, and total
subjects as (
    select report_identities.content_hash, report_identities.check_name, stat_values.applicant_type
    from report_identities
    inner join stat_values
        on stat_values.content_hash = report_identities.content_hash
        and stat_values.metric_code = report_identities.metric_code
    union
    select content_hash, check_name, 'total' from report_identities
),

identity_terms as (
    select
        subjects.content_hash,
        subjects.check_name,
        subjects.applicant_type as check_subject,
        report_identities.side,
        report_identities.metric_code as term,
        1 as sign,
        stat_values.value,
        -- a total derived from printed parts is no evidence that the parts add up
        coalesce(stat_values.extraction_method = 'derived', false) as is_derived,
        false as is_optional
    from subjects
    inner join report_identities
        on report_identities.content_hash = subjects.content_hash
        and report_identities.check_name = subjects.check_name
    left join stat_values
        on stat_values.content_hash = subjects.content_hash
        and stat_values.metric_code = report_identities.metric_code
        and stat_values.applicant_type = subjects.applicant_type
),

-- the table-3 rows the report prints (a row known only as a sum of its sub-rows has no 总计 cell)
table3_rows as (
    select distinct stat_values.content_hash, stat_values.metric_code
    from stat_values
    inner join reports on reports.content_hash = stat_values.content_hash
    inner join {{ ref('cell_to_metric') }} as mapping
        on mapping.schema_era = reports.schema_era
        and mapping.table_key = 'T3'
        and mapping.metric_code = stat_values.metric_code
    where stat_values.extraction_method = 'table'
),

column_terms as (
    select
        table3_rows.content_hash,
        'table3_total_column' as check_name,
        table3_rows.metric_code as check_subject,
        case when applicant_types.is_total then 'actual' else 'expected' end as side,
        applicant_types.applicant_type as term,
        1 as sign,
        stat_values.value,
        coalesce(stat_values.extraction_method = 'derived', false) as is_derived,
        false as is_optional
    from table3_rows
    cross join {{ ref('applicant_types') }} as applicant_types
    left join stat_values
        on stat_values.content_hash = table3_rows.content_hash
        and stat_values.metric_code = table3_rows.metric_code
        and stat_values.applicant_type = applicant_types.applicant_type
),

terms as (
    select * from identity_terms
    union all
    select * from column_terms
)

select * from terms
