{#
  For tables incremental by a key with delete+insert, which deletes only the keys its new rows hold
  (the trend marts by series_id, the coverage by body_id, int_report_files_counted by report_id):
  a key to rewrite also gets a marker row (the key, nothing else), so that delete+insert clears the
  key even when it has no row left, and the post_hook drop_rewrite_markers drops the markers, the
  rows whose `column` (never NULL in a real row) is NULL.
#}
{% macro rewrite_markers(key, keys) %}
    {%- if is_incremental() %}
union all by name
select {{ key }} from ({{ keys }}) as to_rewrite
    {%- endif %}
{% endmacro %}

{% macro drop_rewrite_markers(column) %}
    delete from {{ this }} where {{ column }} is null
{% endmacro %}
