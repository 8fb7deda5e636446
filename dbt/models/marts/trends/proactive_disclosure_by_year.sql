-- Grain: one row per series (a body, or all bodies of one scope) × report_year: what the body
-- published on its own initiative. *_in_force are stocks at the year end: compare them across
-- years, never add them up over years.
with {{ series_to_rewrite() }}
series as (
    {{ pivot_metric_series([
        'proactive_items', 'normdoc_issued', 'normdoc_repealed', 'normdoc_in_force',
        'reg_issued', 'reg_repealed', 'reg_in_force',
        'decisions_licensing', 'decisions_penalty', 'decisions_coercion',
    ]) }}
),

final as (
    select * from series
)

select * from final
{{ rewrite_markers('series_id', 'select series_id from to_rewrite') }}
