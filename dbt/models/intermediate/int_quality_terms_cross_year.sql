-- Terms of the checks between consecutive reports of one body and scope (counted reports only):
--   carry-over: 上年结转 (t) = 结转下年度 (t−1), from 2019 (no carry-over before);
--   stocks: 现行有效 (t) = 现行有效 (t−1) + 制发 (t) − 废止 (t), 2021 format in both years
--   (the 2019 对外公开总数量 is cumulative, not the stock in force).
with reports as (
    select content_hash, body_id, scope, report_year, schema_era
    from {{ ref('int_report_files_counted') }}
    where is_counted
        and body_id is not null
        and report_year is not null
),

totals as (
    select content_hash, metric_code, value
    from {{ ref('int_stat_values_unioned') }}
    where applicant_type = 'total'
),

paired as (
    select
        reports.*,
        previous.content_hash as previous_hash,
        previous.schema_era as previous_schema_era
    from reports
    left join reports as previous
        on previous.body_id = reports.body_id
        and previous.scope is not distinct from reports.scope
        and previous.report_year = reports.report_year - 1
),

-- (check, subject, side, metric, from which report, sign, position in the side's detail) for each term
term_specs as (
    select * from (values
        ('cross_year_carry_over', 'total', 'actual', 'apps_carried_in', 'this', 1, 1),
        ('cross_year_carry_over', 'total', 'expected', 'apps_carried_forward', 'previous', 1, 1),
        ('cross_year_in_force', 'normdoc_in_force', 'actual', 'normdoc_in_force', 'this', 1, 1),
        ('cross_year_in_force', 'normdoc_in_force', 'expected', 'normdoc_in_force', 'previous', 1, 1),
        ('cross_year_in_force', 'normdoc_in_force', 'expected', 'normdoc_issued', 'this', 1, 2),
        ('cross_year_in_force', 'normdoc_in_force', 'expected', 'normdoc_repealed', 'this', -1, 3),
        ('cross_year_in_force', 'reg_in_force', 'actual', 'reg_in_force', 'this', 1, 1),
        ('cross_year_in_force', 'reg_in_force', 'expected', 'reg_in_force', 'previous', 1, 1),
        ('cross_year_in_force', 'reg_in_force', 'expected', 'reg_issued', 'this', 1, 2),
        ('cross_year_in_force', 'reg_in_force', 'expected', 'reg_repealed', 'this', -1, 3)
    ) as specs (check_name, check_subject, side, metric_code, from_report, sign, position)
),

applicable as (
    select paired.*, term_specs.*
    from paired
    inner join term_specs
        on (term_specs.check_name = 'cross_year_carry_over' and paired.schema_era in ('trial_2019', 'standard_2021'))
        or (term_specs.check_name = 'cross_year_in_force' and paired.schema_era = 'standard_2021')
),

terms as (
    select
        applicable.content_hash,
        applicable.previous_hash as previous_content_hash,
        applicable.check_name,
        applicable.check_subject,
        applicable.side,
        case
            when applicable.from_report = 'this' then applicable.metric_code
            when applicable.previous_hash is null
                then 'a ' || (applicable.report_year - 1) || ' report of the same body and scope'
            when applicable.check_name = 'cross_year_in_force'
                then applicable.metric_code || ' of the ' || (applicable.report_year - 1) || ' report (2021 format)'
            else applicable.metric_code || ' of the ' || (applicable.report_year - 1) || ' report'
        end as term,
        applicable.sign,
        totals.value,
        false as is_derived,
        false as is_optional,
        applicable.position
    from applicable
    -- one equality on the report whose figure the term reads: a hash join (an OR across the two
    -- reports would compare every term with every total of its metric)
    left join totals
        on totals.metric_code = applicable.metric_code
        and totals.content_hash = case when applicable.from_report = 'this' then applicable.content_hash else applicable.previous_hash end
        and (
            applicable.from_report = 'this'
            or applicable.check_name = 'cross_year_carry_over'
            or applicable.previous_schema_era = 'standard_2021'
        )
)

select * from terms
