-- Why: macros/evaluate_check_terms.sql writes a check's detail from at most 12 terms per side
-- (max_terms). The seeds define the sides of the within-report checks; the checks across years
-- and the text check have three terms at most. A side with more would lose terms from its detail.
with sides as (
    select check_name, schema_era, side, count(*) as n_terms from {{ ref('accounting_identities') }}
    group by check_name, schema_era, side
    union all
    select check_name, schema_era, side, count(*) from {{ ref('legacy_breakdown_rows') }}
    group by check_name, schema_era, side
    union all
    select 'table3_total_column', 'any', 'expected', count(*) from {{ ref('applicant_types') }}
    where not is_total
)

select * from sides
where n_terms > 12
