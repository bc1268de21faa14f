"""What a browser posts back from an admin change form, and a guard against requests that never end."""

import contextlib
import signal

from django.forms import MultiWidget


def form_data(form):
    """The fields of an unbound form as they were rendered, under their prefixed names."""
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        key = form.add_prefix(name)
        if value is None:
            continue
        if isinstance(field.widget, MultiWidget):
            for index, part in enumerate(field.widget.decompress(value)):
                if part is not None:
                    data[f"{key}_{index}"] = str(part)
        elif isinstance(value, list | tuple):
            data[key] = [str(item) for item in value]
        elif isinstance(value, bool):
            if value:
                data[key] = "on"
        else:
            data[key] = str(value)
    return data


def change_form_data(response, **changes):
    """The admin change page's form and inlines posted back as shown, with `changes` on top."""
    data = form_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data.update({management.add_prefix(name): value for name, value in management.initial.items()})
        for form in formset.initial_forms:
            data.update(form_data(form))
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@contextlib.contextmanager
def at_once(seconds=10):
    """Fails the test, rather than hanging it, when what runs inside takes longer than `seconds`
    (a walk up a loop of parents that never ends)."""

    def stop(signum, frame):
        raise TimeoutError(f"still running after {seconds} s: a loop that never ends?")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
