-- One row per text that yields values: how many (the fact rows of each file of it). Ranks the
-- versions of a re-published report (int_report_files_counted) without reading every value of the
-- corpus on every run.
{{ config(materialized='text_batches') }}

select
    content_hash,
    count(*) as n_values
from {{ ref('int_stat_values_unioned') }}
where {{ in_text_batch() }}
group by content_hash
