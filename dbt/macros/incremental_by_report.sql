{#
  The marts with rows per report file (fct_disclosure_stats, report_quality) are incremental by
  file: their rows carry the file's report_id and the attributes they depend on (its text, and
  whether it counts). Before a run adds anything, `delete_changed_files` (a pre_hook, in the
  model's transaction) deletes the rows of files that are gone or whose attributes changed; the
  model then builds only the files it holds no row of (`is_new_file`). What they read per text is
  built once per text (materialized='text_batches', macros/text_batches.sql).
#}

{# True on a full build; else only files this table holds no row of. #}
{% macro is_new_file() -%}
    {%- if is_incremental() -%}
        {#- distinct first: a hash of 100,000 files to look up, not one of every row -#}
        report_id not in (select distinct report_id from {{ this }})
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{# The pre_hook: rows of files no longer parsed, or whose `columns` (report_id first) changed, go. #}
{% macro delete_changed_files(columns) -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where report_id in (
            select stored.report_id
            from (select distinct {{ columns | join(', ') }} from {{ this }}) as stored
            where not exists (
                select 1 from {{ ref('int_report_files_counted') }} as current_files
                where current_files.status = 'parsed'
                {%- for column in columns %}
                    and current_files.{{ column }} = stored.{{ column }}
                {%- endfor %}
            )
        )
    {%- endif -%}
{%- endmacro %}

{# When this dbt invocation started, as a timestamp: the built_at of the rows a build writes. #}
{% macro build_started_at() -%}
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S.%f") }}' as timestamp)
{%- endmacro %}
