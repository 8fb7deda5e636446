{# A number as it reads in a report: 440, 515.6 (no trailing zeros of the decimal type). #}
{% macro number_text(expression) -%}
    rtrim(regexp_replace(cast({{ expression }} as varchar), '(\.\d*?)0+$', '\1'), '.')
{%- endmacro %}
