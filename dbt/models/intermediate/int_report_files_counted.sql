-- One row per file, with whether it counts. A report counts once: identical copies are already
-- quarantined as duplicates; of several parsed texts for the same body (body_id, so however its
-- name is written) and year (a re-published report), the one with the latest publish_date counts,
-- then the one with most values, then the first source_file. The others stay parsed, with
-- superseded_by naming the counted file.
-- A table, as every mart reads it, incremental by file: the rows are computed whole (0.3 s at
-- 100,000 files) but written only for the files whose row differs from the one held, with a marker
-- for each (macros/rewrite_markers.sql) so that a file gone is cleared too. Rewriting all 100,000
-- rows cost a one-file refresh about 0.5 s more (DuckDB logs a table under one row group whole).
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='report_id',
    post_hook="{{ drop_rewrite_markers('source_file') }}",
) }}

with classified as (
    select * from {{ ref('int_report_files_classified') }}
),

value_counts as (
    select content_hash, n_values from {{ ref('int_text_value_counts') }}
),

with_counts as (
    select
        classified.*,
        coalesce(value_counts.n_values, 0) as n_values
    from classified
    left join value_counts on value_counts.content_hash = classified.content_hash
),

-- without a body or year a report cannot be matched with another version: it counts alone
versions as (
    select
        report_id,
        row_number() over same_report as version_rank,
        first_value(source_file) over same_report as counted_file
    from with_counts
    where status = 'parsed'
        and body_id is not null
        and report_year is not null
    window same_report as (
        partition by body_id, report_year
        order by publish_date desc nulls last, n_values desc, source_file
    )
),

-- on an incremental run read twice (fingerprints, rows to write): computed once
counted as {% if is_incremental() %}materialized {% endif %}(
    select
        with_counts.*,
        with_counts.status = 'parsed' and coalesce(versions.version_rank, 1) = 1 as is_counted,
        case when versions.version_rank > 1 then versions.counted_file end as superseded_by
    from with_counts
    left join versions on versions.report_id = with_counts.report_id
){% if is_incremental() %},

changed_files as (
    {{ keys_with_changed_rows('report_id', 'counted', this, '*columns(*)') }}
){% endif %}

select * from counted
{%- if is_incremental() %}
where report_id in (select report_id from changed_files)
{%- endif %}
{{ rewrite_markers('report_id', 'select report_id from changed_files') }}
