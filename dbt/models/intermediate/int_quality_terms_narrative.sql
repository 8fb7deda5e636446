-- Terms of the narrative check: a figure the text states against the table figure (printed or
-- derived) for the same metric. The text figure is kept in int_metric_values_printed even when
-- the table wins, so a disagreement is visible; when no table figure exists the text figure is
-- the value and there is nothing to compare.
with narrative as (
    select content_hash, metric_code, applicant_type, value
    from {{ ref('int_metric_values_printed') }}
    where extraction_method = 'narrative'
),

from_tables as (
    select content_hash, metric_code, applicant_type, value
    from {{ ref('int_stat_values_unioned') }}
    where extraction_method in ('table', 'derived')
),

terms as (
    select
        content_hash,
        'narrative_vs_table' as check_name,
        metric_code as check_subject,
        'actual' as side,
        'text figure' as term,
        1 as sign,
        value,
        false as is_derived,
        false as is_optional
    from narrative
    union all
    select
        narrative.content_hash,
        'narrative_vs_table',
        narrative.metric_code,
        'expected',
        'table figure',
        1,
        from_tables.value,
        false,
        false
    from narrative
    left join from_tables
        on from_tables.content_hash = narrative.content_hash
        and from_tables.metric_code = narrative.metric_code
        and from_tables.applicant_type = narrative.applicant_type
)

select * from terms
