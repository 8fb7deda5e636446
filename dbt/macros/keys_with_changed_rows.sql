{#
  The keys whose rows differ between `fresh` and `stored` (relations, CTEs or subqueries with the
  same `columns`): each key's rows hashed and summed into one fingerprint on either side, so that a
  key with a row added, changed or gone, or present on one side only, differs (barring a 64-bit
  hash collision). Cheaper than EXCEPT on every column: one join on the key.
#}
{% macro keys_with_changed_rows(key, fresh, stored, columns) %}
    select coalesce(fresh.{{ key }}, stored.{{ key }}) as {{ key }}
    from (
        select {{ key }}, sum(hash({{ columns }})) as fingerprint
        from {{ fresh }}
        group by {{ key }}
    ) as fresh
    full join (
        select {{ key }}, sum(hash({{ columns }})) as fingerprint
        from {{ stored }}
        group by {{ key }}
    ) as stored on stored.{{ key }} = fresh.{{ key }}
    where fresh.fingerprint is distinct from stored.fingerprint
{% endmacro %}
