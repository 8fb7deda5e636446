-- Grain: one row per series (a body, or all bodies of one scope) × report_year: the requests
-- received and closed, and how the closed ones ended, as counts and as shares of those closed.
-- Shares are computed from the counts of the row (for all bodies: from the summed counts), never
-- summed or averaged, and are NULL when nothing was closed. They may add up to more than 1 where a
-- report books a request twice (report_quality flags it; the counts stay as printed).
with {{ series_to_rewrite() }}
series as (
    {{ pivot_metric_series([
        'apps_received', 'apps_closed',
        'out_granted', 'out_partial', 'out_refused', 'out_unable', 'out_not_processed', 'out_other',
    ]) }}
),

final as (
    select
        *,
        out_granted / nullif(apps_closed, 0) as share_granted,
        out_partial / nullif(apps_closed, 0) as share_partial,
        (out_granted + out_partial) / nullif(apps_closed, 0) as share_disclosed,
        out_refused / nullif(apps_closed, 0) as share_refused,
        out_unable / nullif(apps_closed, 0) as share_unable,
        out_not_processed / nullif(apps_closed, 0) as share_not_processed,
        out_other / nullif(apps_closed, 0) as share_other
    from series
)

select * from final
{{ rewrite_markers('series_id', 'select series_id from to_rewrite') }}
