{# A number as it reads in a report: 440, 515.6 (no trailing zeros of the decimal type). #}
{% macro number_text(expression) -%}
    case
        when cast({{ expression }} as varchar) like '%.%' then rtrim(rtrim(cast({{ expression }} as varchar), '0'), '.')
        else cast({{ expression }} as varchar)
    end
{%- endmacro %}
