-- Grain: one row per report file × check_name × check_subject. Accounting checks that flag and
-- never repair: the figures in fct_disclosure_stats stay as printed whatever the status here.
-- A check is not_applicable when a figure it needs is not reported, or when the total it tests
-- was itself derived from the parts (then it adds up by construction).
with reports as (
    select * from {{ ref('int_report_files_counted') }}
    where status = 'parsed'
),

checks as (
    select * from {{ ref('quality_checks') }}
),

terms as (
    select * from {{ ref('int_quality_terms_identities') }}
    union all
    select * from {{ ref('int_quality_terms_legacy_rows') }}
    union all
    select * from {{ ref('int_quality_terms_cross_year') }}
    union all
    select * from {{ ref('int_quality_terms_narrative') }}
),

-- each term as it reads in the detail: " + term value" or " − term value"
worded as (
    select
        *,
        case when sign < 0 then ' − ' else ' + ' end || term || ' ' || {{ number_text('value') }} as term_text
    from terms
),

-- each side as a sum, and as text
sides as (
    select
        content_hash,
        check_name,
        check_subject,
        sum(sign * value) filter (where side = 'actual') as actual,
        sum(sign * value) filter (where side = 'expected') as expected,
        count(value) filter (where side = 'actual') as n_actual,
        count(value) filter (where side = 'expected') as n_expected,
        string_agg(term, ', ' order by term) filter (where value is null and not is_optional) as missing_terms,
        string_agg(term, ', ' order by term) filter (where side = 'actual' and value is null) as absent_actual_terms,
        string_agg(term, ', ' order by term) filter (where side = 'expected' and value is null) as absent_expected_terms,
        string_agg(term, ', ' order by term) filter (where side = 'actual' and is_derived) as derived_terms,
        string_agg(term_text, '' order by sign desc, term) filter (where side = 'actual') as actual_text,
        string_agg(term_text, '' order by sign desc, term) filter (where side = 'expected') as expected_text
    from worded
    group by content_hash, check_name, check_subject
),

evaluated as (
    select
        *,
        case
            when missing_terms is not null or derived_terms is not null or n_actual = 0 or n_expected = 0
                then 'not_applicable'
            when actual = expected then 'pass'
            else 'fail'
        end as status
    from sides
),

described as (
    select
        *,
        case
            when missing_terms is not null then 'missing: ' || missing_terms
            when n_actual = 0 then 'not printed: ' || absent_actual_terms
            when n_expected = 0 then 'not printed: ' || absent_expected_terms
            when derived_terms is not null then 'derived from its parts, not printed: ' || derived_terms
            else
                ltrim(actual_text, ' +')
                || case when n_actual > 1 then ' = ' || {{ number_text('actual') }} else '' end
                || case when status = 'pass' then ' equals ' else ' differs from ' end
                || ltrim(expected_text, ' +')
                || case when n_expected > 1 then ' = ' || {{ number_text('expected') }} else '' end
        end as detail
    from evaluated
),

final as (
    select
        reports.report_id,
        reports.source_file,
        reports.body_name,
        reports.report_year,
        reports.schema_era,
        described.check_name,
        described.check_subject,
        checks.severity,
        described.status,
        case when described.status <> 'not_applicable' then described.expected end as expected,
        case when described.status <> 'not_applicable' then described.actual end as actual,
        described.detail
    from described
    inner join reports on reports.content_hash = described.content_hash
    inner join checks on checks.check_name = described.check_name
)

select * from final
