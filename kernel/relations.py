"""Reaching the records of an app higher in the layers without importing its code.

A content app stands on those below it (docs/architecture.md): projects import donors, events
import projects. A donor's profile still shows the projects and events that link to it; it reaches
them through the relations those apps declare to donors, as Django itself resolves a relation
named by a string, rather than by an import that would make the layers a cycle.
"""


def linked_model(model, name):
    """The model at the other end of `model`'s relation `name` (`linked_model(Donor, "projects")`)."""
    return model._meta.get_field(name).related_model
