{#
  Check terms (one row per term: the text's key `text_key`, check_name, check_subject, side, term,
  sign, value, is_derived, is_optional, position) → one row per check: both sides summed, status
  and a readable detail. Within-report checks are evaluated once per text (int_quality_checks_within_report),
  checks across years on every build (marts/quality/report_quality); both through this macro.
  Each side's text puts its terms at their `position` (1 to max_terms, fixed by the check's
  definition): plain aggregates, where joining them in order inside the aggregate made this the
  slowest step of a build (tests/code/assert_check_sides_fit_their_detail.sql keeps the seeds within).
#}
{% macro evaluate_check_terms(terms, text_key='content_hash', max_terms=12) %}
    with

    -- each term as it reads in the detail: " + term value" or " − term value"
    worded as (
        select
            *,
            case when sign < 0 then ' − ' else ' + ' end || term || ' ' || {{ number_text('value') }} as term_text
        from {{ terms }}
    ),

    -- each side as a sum, and as text
    sides as (
        select
            {{ text_key }},
            check_name,
            check_subject,
            sum(sign * value) filter (where side = 'actual') as actual,
            sum(sign * value) filter (where side = 'expected') as expected,
            count(value) filter (where side = 'actual') as n_actual,
            count(value) filter (where side = 'expected') as n_expected,
            {{ listagg('term', "', '", 'order by term') }} filter (where value is null and not is_optional) as missing_terms,
            {{ listagg('term', "', '", 'order by term') }} filter (where side = 'actual' and value is null) as absent_actual_terms,
            {{ listagg('term', "', '", 'order by term') }} filter (where side = 'expected' and value is null) as absent_expected_terms,
            {{ listagg('term', "', '", 'order by term') }} filter (where side = 'actual' and is_derived) as derived_terms,
            {%- for side in ['actual', 'expected'] %}
            {% for position in range(1, max_terms + 1) -%}
                coalesce(max(term_text) filter (where side = '{{ side }}' and position = {{ position }}), '')
                {{- ' || ' if not loop.last }}
            {%- endfor %} as {{ side }}_text{{ ',' if side == 'actual' }}
            {%- endfor %}
        from worded
        group by {{ text_key }}, check_name, check_subject
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
            {{ text_key }},
            check_name,
            check_subject,
            status,
            case when status <> 'not_applicable' then expected end as expected,
            case when status <> 'not_applicable' then actual end as actual,
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
    )

    select * from described
{% endmacro %}
