-- Why: fct_disclosure_stats takes its comparability grade from seed metric_era_grades, keyed by
-- metric and era. A metric an era's crosswalk maps or derives must have a grade other than
-- not_reported there, and one it never yields must be not_reported. A failure means the two seeds
-- drifted apart (a mapping added without its grade, or a grade for a figure no era produces).
{{ config(meta={'dagster': {'ref': {'name': 'metric_era_grades'}}}) }}

with yielded as (
    select * from {{ ref('int_metric_eras_reported') }}
),

grades as (
    select * from {{ ref('metric_era_grades') }}
),

mismatched as (
    select grades.metric_code, grades.schema_era, grades.grade
    from grades
    left join yielded
        on yielded.metric_code = grades.metric_code
        and yielded.schema_era = grades.schema_era
    where (yielded.metric_code is null) <> (grades.grade = 'not_reported')
    union all
    select yielded.metric_code, yielded.schema_era, null
    from yielded
    anti join grades
        on grades.metric_code = yielded.metric_code
        and grades.schema_era = yielded.schema_era
)

select * from mismatched
