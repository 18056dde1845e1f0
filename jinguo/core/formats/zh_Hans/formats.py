# Django's zh_Hans formats group digits by four with no separator (13023, 1234567): figures on dashboards and
# lists read better grouped by three with a comma (13,023, 1,234,567), as statistical tables print them.
# `intcomma` and `{% localize %}` use these; every other format comes from Django's zh_Hans module.
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
