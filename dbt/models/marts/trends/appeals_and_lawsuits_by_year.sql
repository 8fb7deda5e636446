-- Grain: one row per series (a body, or all bodies of one scope) × report_year: administrative
-- reviews and lawsuits about disclosure and how they ended. The correction rate is the share of
-- decided cases (total − pending) where the body's action was corrected, NULL when none was decided.
with {{ series_to_rewrite() }}
series as (
    {{ pivot_metric_series([
        'review_total', 'review_upheld', 'review_corrected', 'review_other', 'review_pending',
        'lit_total', 'lit_upheld', 'lit_corrected', 'lit_other', 'lit_pending',
    ]) }}
),

final as (
    select
        *,
        review_corrected / nullif(review_total - coalesce(review_pending, 0), 0) as review_correction_rate,
        lit_corrected / nullif(lit_total - coalesce(lit_pending, 0), 0) as lit_correction_rate
    from series
)

select * from final
{{ rewrite_markers('series_id', 'select series_id from to_rewrite') }}
