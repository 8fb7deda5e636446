{#
  The terms of the accounting checks: one row per term (the text's key, check_name, check_subject,
  side, term, sign, value, is_derived, is_optional, position: its place in the side's detail, by
  name), compared by evaluate_check_terms. No value is changed here. Macros over the relations they
  are given, so that a model reads only the texts it checks (a filter on a view would not reach the
  scans underneath): int_quality_checks_within_report those of a batch, report_quality the pairs
  across years it holds no row of. Within a report a text is its text_id: an integer that model
  numbers its texts by, cheaper to join and group by than the 64-character content_hash.
#}

{#
  The accounting identities, read from the values the fact uses (`stat_values`, for `reports`:
  text_id, schema_era):
    1. the identities of seed accounting_identities (tables 3 and 4, pre-2019 review and
       litigation), in every applicant column the report prints for them and in the total column;
    2. table 3 row by row: the 总计 column against the six applicant columns.
#}
{% macro quality_terms_identities(reports, stat_values) %}
    with

    report_identities as (
        select reports.text_id, identities.check_name, identities.metric_code, identities.side, identities.position
        from {{ reports }} as reports
        inner join (
            select
                *,
                row_number() over (partition by check_name, schema_era, side order by metric_code) as position
            from {{ ref('accounting_identities') }}
        ) as identities on identities.schema_era = reports.schema_era
    ),

    -- the columns an identity is checked in: every applicant column the report prints for it, and total
    subjects as (
        select report_identities.text_id, report_identities.check_name, stat_values.applicant_type
        from report_identities
        inner join {{ stat_values }} as stat_values
            on stat_values.text_id = report_identities.text_id
            and stat_values.metric_code = report_identities.metric_code
        union
        select text_id, check_name, 'total' from report_identities
    ),

    identity_terms as (
        select
            subjects.text_id,
            subjects.check_name,
            subjects.applicant_type as check_subject,
            report_identities.side,
            report_identities.metric_code as term,
            1 as sign,
            stat_values.value,
            -- a total derived from printed parts is no evidence that the parts add up
            coalesce(stat_values.extraction_method = 'derived', false) as is_derived,
            false as is_optional,
            report_identities.position
        from subjects
        inner join report_identities
            on report_identities.text_id = subjects.text_id
            and report_identities.check_name = subjects.check_name
        left join {{ stat_values }} as stat_values
            on stat_values.text_id = subjects.text_id
            and stat_values.metric_code = report_identities.metric_code
            and stat_values.applicant_type = subjects.applicant_type
    ),

    -- the table-3 rows the report prints (a row known only as a sum of its sub-rows has no 总计 cell)
    table3_rows as (
        select distinct stat_values.text_id, stat_values.metric_code
        from {{ stat_values }} as stat_values
        inner join {{ reports }} as reports on reports.text_id = stat_values.text_id
        inner join {{ ref('cell_to_metric') }} as mapping
            on mapping.schema_era = reports.schema_era
            and mapping.table_key = 'T3'
            and mapping.metric_code = stat_values.metric_code
        where stat_values.extraction_method = 'table'
    ),

    column_terms as (
        select
            table3_rows.text_id,
            'table3_total_column' as check_name,
            table3_rows.metric_code as check_subject,
            case when applicant_types.is_total then 'actual' else 'expected' end as side,
            applicant_types.applicant_type as term,
            1 as sign,
            stat_values.value,
            coalesce(stat_values.extraction_method = 'derived', false) as is_derived,
            false as is_optional,
            applicant_types.position
        from table3_rows
        cross join (
            select *, row_number() over (partition by is_total order by applicant_type) as position
            from {{ ref('applicant_types') }}
        ) as applicant_types
        left join {{ stat_values }} as stat_values
            on stat_values.text_id = table3_rows.text_id
            and stat_values.metric_code = table3_rows.metric_code
            and stat_values.applicant_type = applicant_types.applicant_type
    )

    select * from identity_terms
    union all
    select * from column_terms
{% endmacro %}

{#
  The pre-2019 breakdown checks, read from the printed rows (`legacy_cells`: text_id, row_key,
  printed_number of the LEGACY table's value column) by their labels (seed legacy_breakdown_rows):
  application channels against the requests received, and the reply rows printed beside each
  other against the replies total. Labels are not metrics here because templates differ in which
  rows are siblings: the Zhejiang-style 不属于本行政机关公开或申请信息不存在 is a reply row of its
  own, the Shanghai-derived 信息不存在 a sub-row of 否决公开. The listed labels are alternatives
  across templates, so a label the report lacks is optional.
#}
{% macro quality_terms_legacy_rows(reports, legacy_cells) %}
    select
        reports.text_id,
        breakdown_rows.check_name,
        'total' as check_subject,
        breakdown_rows.side,
        breakdown_rows.row_key as term,
        1 as sign,
        cells.printed_number as value,
        false as is_derived,
        cells.text_id is null as is_optional,
        breakdown_rows.position
    from {{ reports }} as reports
    inner join (
        select *, row_number() over (partition by check_name, schema_era, side order by row_key) as position
        from {{ ref('legacy_breakdown_rows') }}
    ) as breakdown_rows on breakdown_rows.schema_era = reports.schema_era
    left join {{ legacy_cells }} as cells
        on cells.text_id = reports.text_id
        and cells.row_key = breakdown_rows.row_key
{% endmacro %}

{#
  A figure the text states (`narrative`: text_id, metric_code, applicant_type, value of the
  narrative rows of int_metric_values_printed) against the table figure, printed or derived, for
  the same metric (`stat_values`). The text figure is kept in int_metric_values_printed even when
  the table wins, so a disagreement is visible; when no table figure exists the text figure is the
  value and there is nothing to compare.
#}
{% macro quality_terms_narrative(narrative, stat_values) %}
    select
        text_id,
        'narrative_vs_table' as check_name,
        metric_code as check_subject,
        'actual' as side,
        'text figure' as term,
        1 as sign,
        value,
        false as is_derived,
        false as is_optional,
        1 as position
    from {{ narrative }}
    union all
    select
        narrative.text_id,
        'narrative_vs_table',
        narrative.metric_code,
        'expected',
        'table figure',
        1,
        from_tables.value,
        false,
        false,
        1
    from {{ narrative }} as narrative
    left join {{ stat_values }} as from_tables
        on from_tables.text_id = narrative.text_id
        and from_tables.metric_code = narrative.metric_code
        and from_tables.applicant_type = narrative.applicant_type
        and from_tables.extraction_method in ('table', 'derived')
{% endmacro %}

{#
  The checks across years, between the reports of `pairs` (content_hash, report_year, schema_era,
  previous_content_hash, previous_schema_era: int_report_pairs_across_years, or the pairs to check
  of it) and their previous year's report, read from `totals` (content_hash, metric_code, value of
  the total column):
    carry-over: 上年结转 (t) = 结转下年度 (t−1), from 2019 (no carry-over before);
    stocks: 现行有效 (t) = 现行有效 (t−1) + 制发 (t) − 废止 (t), 2021 format in both years
    (the 2019 对外公开总数量 is cumulative, not the stock in force).
  One row per term, keyed by content_hash, with the previous report's (previous_content_hash).
#}
{% macro quality_terms_cross_year(pairs, totals) %}
    with

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
        select pairs.*, term_specs.*
        from {{ pairs }} as pairs
        inner join term_specs
            on (term_specs.check_name = 'cross_year_carry_over' and pairs.schema_era in ('trial_2019', 'standard_2021'))
            or (term_specs.check_name = 'cross_year_in_force' and pairs.schema_era = 'standard_2021')
    )

    select
        applicable.content_hash,
        applicable.previous_content_hash,
        applicable.check_name,
        applicable.check_subject,
        applicable.side,
        case
            when applicable.from_report = 'this' then applicable.metric_code
            when applicable.previous_content_hash is null
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
    left join {{ totals }} as totals
        on totals.metric_code = applicable.metric_code
        and totals.content_hash = case when applicable.from_report = 'this' then applicable.content_hash else applicable.previous_content_hash end
        and (
            applicable.from_report = 'this'
            or applicable.check_name = 'cross_year_carry_over'
            or applicable.previous_schema_era = 'standard_2021'
        )
{% endmacro %}
