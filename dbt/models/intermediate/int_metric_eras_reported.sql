-- One row per metric × era whose crosswalk yields it: a printed row or stated figure mapped to it
-- (cell_to_metric), or a sum of printed parts (metric_derivations).
with mapped as (
    select metric_code, schema_era from {{ ref('cell_to_metric') }}
),

derived as (
    select metric_code, schema_era from {{ ref('metric_derivations') }}
),

reported as (
    select * from mapped
    union
    select * from derived
)

select * from reported
