-- Terms of the pre-2019 breakdown checks, read from the printed rows (staging) by their labels
-- (seed legacy_breakdown_rows): application channels against the requests received, and the
-- reply rows printed beside each other against the replies total. Labels are not metrics here
-- because templates differ in which rows are siblings: the Zhejiang-style 不属于本行政机关公开或
-- 申请信息不存在 is a reply row of its own, the Shanghai-derived 信息不存在 a sub-row of 否决公开.
-- The listed labels are alternatives across templates, so a label the report lacks is optional.
with reports as (
    select content_hash, schema_era from {{ ref('stg_reports__parsed') }}
    where parse_status = 'parsed'
),

cells as (
    select content_hash, row_key, printed_number
    from {{ ref('stg_reports__cells') }}
    where table_key = 'LEGACY'
        and col_key = 'value'
),

breakdown_rows as (
    select * from {{ ref('legacy_breakdown_rows') }}
),

terms as (
    select
        reports.content_hash,
        breakdown_rows.check_name,
        'total' as check_subject,
        breakdown_rows.side,
        breakdown_rows.row_key as term,
        1 as sign,
        cells.printed_number as value,
        false as is_derived,
        cells.content_hash is null as is_optional
    from reports
    inner join breakdown_rows on breakdown_rows.schema_era = reports.schema_era
    left join cells
        on cells.content_hash = reports.content_hash
        and cells.row_key = breakdown_rows.row_key
)

select * from terms
