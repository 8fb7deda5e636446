{#
  materialized='text_batches': a table of rows per report text (content_hash), built a batch of
  texts at a time (var texts_per_batch), so memory stays bounded at any corpus size. DuckDB spills
  most operators to disk, but not ordered aggregates (string_agg ... order by): one statement over
  100,000 texts ran out of a 1 GB memory limit. The model reads from its inputs only the texts of
  the current batch (macro in_text_batch); this materialization fills the batch and appends its rows:
  - on a full refresh, or with no table yet: every parsed text, into the table created anew;
  - else: the rows of texts no longer parsed (files removed or changed) are deleted, and the texts
    parsed after the last text the table holds rows of are added. A watermark on parsed_at, not
    "texts without rows": many texts yield no rows in a given table (no derived value, no check)
    and would be built again on every run. Each parse run stamps its texts later than any before
    (dagster_project/assets/parse.py).
  One transaction: a killed build leaves the table as it was, and the next run completes it. A
  text's rows depend only on the text, the parser version and this project's code, and
  dagster_project/transform/assets.py runs a full refresh when either of the last two changes.
#}
{% materialization text_batches, default %}
    {%- set target = this.incorporate(type='table') -%}
    {%- set existing = load_cached_relation(this) -%}
    {%- set full_refresh = should_full_refresh() or existing is none or not existing.is_table -%}
    {%- set parsed = ref('stg_reports__parsed') -%}
    {%- set texts = this.identifier ~ '__texts' -%}
    {%- set batch = text_batch_relation() -%}

    {{ run_hooks(pre_hooks, inside_transaction=False) }}
    {{ run_hooks(pre_hooks, inside_transaction=True) }}

    {% if existing is not none and not existing.is_table %}
        {{ drop_relation_if_exists(existing) }}  {#- a view, from before the table existed -#}
    {% endif %}

    {% if not full_refresh %}
        {% call statement('delete_removed_texts') -%}
            delete from {{ target }} where content_hash not in (select content_hash from {{ parsed }})
        {%- endcall %}
    {% endif %}
    {% call statement('texts_to_build') -%}
        create or replace temporary table {{ texts }} as
        select
            content_hash,
            cast(floor((row_number() over (order by content_hash) - 1) / {{ var('texts_per_batch') }}) as integer) as batch
        from {{ parsed }}
        {% if not full_refresh -%}
        where parsed_at > (
            select coalesce(max(parsed_at), cast('1900-01-01' as timestamp)) from {{ parsed }}
            where content_hash in (select content_hash from {{ target }})
        )
        {%- endif %}
    {%- endcall %}
    {%- set n_batches = run_query('select coalesce(max(batch) + 1, 0) from ' ~ texts).columns[0].values()[0] | int -%}

    {% if full_refresh %}
        {% call statement('create_empty') -%}
            create or replace temporary table {{ batch }} as select content_hash from {{ texts }} where 1 = 0;
            create or replace table {{ target }} as {{ compiled_code }}
        {%- endcall %}
    {% endif %}
    {%- set columns = adapter.get_columns_in_relation(target) | map(attribute='name') | join(', ') -%}
    {% for number in range(n_batches) %}
        {% call statement('main' if loop.last else 'batch') -%}
            create or replace temporary table {{ batch }} as select content_hash from {{ texts }} where batch = {{ number }};
            insert into {{ target }} ({{ columns }}) select {{ columns }} from ({{ compiled_code }}) as batch_rows
        {%- endcall %}
    {% endfor %}
    {% if n_batches == 0 %}
        {% call statement('main') -%}
            select 1
        {%- endcall %}
    {% endif %}

    {{ run_hooks(post_hooks, inside_transaction=True) }}
    {% do persist_docs(target, model) %}
    {{ adapter.commit() }}
    {{ run_hooks(post_hooks, inside_transaction=False) }}
    {{ return({'relations': [target]}) }}
{% endmaterialization %}

{# The temporary table of the texts in the batch being built, named after the model. #}
{% macro text_batch_relation() -%}
    {{ this.identifier }}__batch
{%- endmacro %}

{#
  A condition on content_hash: the texts of the batch being built (true outside the
  text_batches materialization, e.g. in a unit test, where there is no `this`).
#}
{% macro in_text_batch() -%}
    {%- set parsed = ref('stg_reports__parsed') -%}  {#- the materialization reads it: a dependency -#}
    {%- if this is not none and model.config.materialized == 'text_batches' -%}
        content_hash in (select content_hash from {{ text_batch_relation() }})
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}
