-- Grain: one row per series (a body, or all bodies of one scope) × report_year: the flow of
-- disclosure requests. Carry-over exists only from 2019, so it is NULL before.
with {{ series_to_rewrite() }}
series as (
    {{ pivot_metric_series(['apps_received', 'apps_carried_in', 'apps_closed', 'apps_carried_forward']) }}
),

final as (
    select * from series
)

select * from final
{{ rewrite_markers('series_id', 'select series_id from to_rewrite') }}
