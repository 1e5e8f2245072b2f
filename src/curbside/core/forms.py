from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Every field renders as a labelled group with its help text and errors."""

    form_template_name = "components/form.html"
    field_template_name = "components/field.html"
