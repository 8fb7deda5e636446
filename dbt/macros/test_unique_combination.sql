{# Grain test: no two rows share the same values of `columns` (dbt_utils cannot be installed here). #}
{% test unique_combination(model, columns) %}
{{ adapter.dispatch('unique_combination_rows')(model, columns) }}
{% endtest %}

{% macro default__unique_combination_rows(model, columns) %}
select {{ columns | join(', ') }}, count(*) as n
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1
{% endmacro %}

{#
  On DuckDB, group by one 64-bit hash of the columns first (about twice as fast on the fact's
  millions of rows), then compare the columns themselves for the few hashes seen twice: the same
  rows as the default, hash collisions ruled out.
#}
{% macro duckdb__unique_combination_rows(model, columns) %}
with hashed as (
    select hash({{ columns | join(', ') }}) as row_hash, {{ columns | join(', ') }}
    from {{ model }}
),

repeated as (
    select row_hash from hashed
    group by row_hash
    having count(*) > 1
)

select {{ columns | join(', ') }}, count(*) as n
from hashed
where row_hash in (select row_hash from repeated)
group by {{ columns | join(', ') }}
having count(*) > 1
{% endmacro %}
