{# report_quality rows whose check failed (use with a `where:` on check_name and severity warn:
   inconsistent reports are expected and kept as printed, so a failure informs, never stops a run). #}
{% test all_checks_pass(model, column_name) %}
select *
from {{ model }}
where {{ column_name }} = 'fail'
{% endtest %}
