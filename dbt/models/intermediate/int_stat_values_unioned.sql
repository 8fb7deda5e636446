-- Every value of every report in one shape. Precedence: a table value, else one derived from
-- printed parts, else a figure stated in the text (narrative only fills what tables lack).
{{ config(materialized='text_batches') }}

with printed as (
    select * from {{ ref('int_metric_values_printed') }}
    where {{ in_text_batch() }}
),

derived as (
    select * from {{ ref('int_metric_values_derived') }}
    where {{ in_text_batch() }}
),

from_tables as (
    select content_hash, metric_code, applicant_type, extraction_method, value, raw_value, char_offset
    from printed
    where extraction_method = 'table'
    union all
    select content_hash, metric_code, applicant_type, extraction_method, value, null, null
    from derived
),

from_text as (
    select content_hash, metric_code, applicant_type, extraction_method, value, raw_value, char_offset
    from printed
    where extraction_method = 'narrative'
        and not exists (
            select 1 from from_tables as t
            where t.content_hash = printed.content_hash
                and t.metric_code = printed.metric_code
                and t.applicant_type = printed.applicant_type
        )
),

unioned as (
    select * from from_tables
    union all
    select * from from_text
)

select * from unioned
