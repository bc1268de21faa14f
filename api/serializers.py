"""What every resource's serializer shares.

- Relations are written and read the same way: by slug (a country by its ISO alpha-2 code, an SDG by
  its number), `"donors": ["japan"]`. Their API URLs are in the read-only `links` object, with the
  record's public page: `"links": {"page": "…/projects/x/", "donors": ["…/api/v1/donors/japan/"]}`.
- A reader who does not see drafts does not see draft related records either: a link reads as
  null, a list leaves them out, a part goes with its draft person or organisation. The viewsets'
  querysets fetch only what the reader may see (`kernel.visibility`); the fields ask the same
  module again for what they show.
- The model's own rules (field validators, `clean()`, check and unique constraints) are checked as
  the admin checks them, and a broken one is a 400 naming the fields it is about.
- Publishing and unpublishing need the model's `publish_<model>` permission (403 naming the field).
- A record's parts (a project's participants and results, an event's organisers and speakers, a
  donor's priority areas and ODA figures) are written with it: a list sent replaces the stored one,
  and a part it leaves out is deleted only if the user may delete such parts (as in the admin).
- Records and parts are saved through `kernel.services`, as the requesting user.
- Record text is answered in the language asked for, and written in the languages sent
  (api/translations.py).
"""

import copy
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.fields import empty
from rest_framework.relations import MANY_RELATION_KWARGS
from rest_framework.utils import model_meta

from api.fields import CharField as StrictCharField
from api.fields import StrictModelSerializer
from api.permissions import can_publish
from api.translations import TranslatedPartMixin, TranslatedTextMixin, kept_columns, request_language
from kernel import services, versions, visibility
from kernel.publishing import Status
from kernel.translation import localized

MAX_RELATED = 500
NON_FIELD_ERRORS_KEY = serializers.api_settings.NON_FIELD_ERRORS_KEY
INT64 = 2**63


def request_user(field):
    request = field.context.get("request")
    return getattr(request, "user", None)


def absolute_url(request, viewname, **kwargs):
    """An absolute URL without the request's own query (DRF's `reverse` would keep `format`)."""
    url = reverse(viewname, kwargs=kwargs or None)
    return request.build_absolute_uri(url) if request is not None else url


def api_url(route, lookup, value, request):
    return absolute_url(request, f"api:{route}-detail", **{lookup: value})


class SelfLinkField(serializers.HyperlinkedIdentityField):
    """`url`: the record's own API URL."""

    def __init__(self, route, lookup_field="slug", **kwargs):
        super().__init__(view_name=f"api:{route}-detail", lookup_field=lookup_field, **kwargs)

    def get_url(self, obj, view_name, request, format):
        return absolute_url(request, view_name, **{self.lookup_url_kwarg: getattr(obj, self.lookup_field)})


class RelatedField(serializers.SlugRelatedField):
    """A related record by its slug, code or number, as written and as read; `route` names its API
    resource for `links`. Unknown values are a 400 naming the field."""

    default_error_messages = {
        "does_not_exist": "There is no {model} with {slug_name} {value}.",
        "invalid": "Expected the {slug_name} of a {model}.",
    }

    def __init__(self, slug_field="slug", *, route=None, upper=False, **kwargs):
        self.route = route
        self.upper = upper
        super().__init__(slug_field=slug_field, **kwargs)

    @classmethod
    def many_init(cls, *args, **kwargs):
        list_kwargs = {"child_relation": cls(*args, **kwargs)}
        list_kwargs.update({key: value for key, value in kwargs.items() if key in MANY_RELATION_KWARGS})
        return RelatedList(**list_kwargs)

    @property
    def model(self):
        return self.get_queryset().model if self.queryset is not None else None

    def fail(self, key, **kwargs):
        model = self.model
        kwargs.setdefault("model", model._meta.verbose_name if model else "record")
        kwargs.setdefault("slug_name", self.slug_field)
        super().fail(key, **kwargs)

    def _is_integer(self):
        field = self.model._meta.get_field(self.slug_field)
        return isinstance(field, models.IntegerField)

    def run_validation(self, data=empty):
        # DRF reads "" as null; here it is a value, and not a slug.
        if isinstance(data, str) and data == "":
            self.fail("invalid")
        return super().run_validation(data)

    def clean_value(self, data):
        """The value as the database stores it, or a 400: no NUL, no wrong type, codes upper-cased."""
        if self._is_integer():
            if isinstance(data, bool) or not isinstance(data, int):
                self.fail("invalid")
            if not -INT64 <= data < INT64:
                self.fail("does_not_exist", value=data)
            return data
        if not isinstance(data, str) or "\x00" in data or not data or len(data) > 200:
            self.fail("invalid")
        return data.upper() if self.upper else data

    def to_internal_value(self, data):
        return super().to_internal_value(self.clean_value(data))

    def is_visible(self, obj):
        return visibility.is_visible(obj, request_user(self))

    def get_attribute(self, instance):
        obj = super().get_attribute(instance)
        if obj is not None and not self.is_visible(obj):
            return None
        return obj

    def url_for(self, value):
        if self.route is None or value is None:
            return None
        return api_url(self.route, self.slug_field, value, self.context.get("request"))


class RelatedList(serializers.ManyRelatedField):
    """A list of related records by slug: resolved in one query, each unknown value named."""

    def to_internal_value(self, data):
        if isinstance(data, (str, dict)) or not hasattr(data, "__iter__"):
            self.fail("not_a_list", input_type=type(data).__name__)
        data = list(data)
        if len(data) > MAX_RELATED:
            raise serializers.ValidationError(f"At most {MAX_RELATED} values.")
        if not self.allow_empty and not data:
            self.fail("empty")
        child = self.child_relation
        values = list(dict.fromkeys(child.clean_value(item) for item in data))
        found = {
            getattr(obj, child.slug_field): obj
            for obj in child.get_queryset().filter(**{f"{child.slug_field}__in": values})
        }
        missing = [value for value in values if value not in found]
        if missing:
            model = child.model._meta.verbose_name
            raise serializers.ValidationError(
                [f"There is no {model} with {child.slug_field} {value}." for value in missing]
            )
        return [found[value] for value in values]

    def to_representation(self, iterable):
        child = self.child_relation
        return [child.to_representation(obj) for obj in iterable if child.is_visible(obj)]


class LinksField(serializers.Field):
    """Read-only `links`: the record's public page, and the API URL of each related record."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def linked_fields(self):
        """(name, field) of the parent's relations that have an API resource."""
        for name, field in self.parent.fields.items():
            relation = field.child_relation if isinstance(field, RelatedList) else field
            if isinstance(relation, RelatedField) and relation.route:
                yield name, field

    def to_representation(self, instance):
        request = self.context.get("request")
        links = {}
        if hasattr(instance, "get_absolute_url"):
            page = instance.get_absolute_url()
            links["page"] = request.build_absolute_uri(page) if request else page
        for name, field in self.linked_fields():
            related = field.get_attribute(instance)
            if isinstance(field, RelatedList):
                links[name] = [
                    field.child_relation.url_for(item) for item in field.to_representation(related)
                ]
            else:
                links[name] = None if related is None else field.url_for(field.to_representation(related))
        return links


def _constraint_fields(constraint):
    if isinstance(constraint, models.UniqueConstraint):
        return set(constraint.fields)
    if isinstance(constraint, models.CheckConstraint):
        return set(constraint.condition.referenced_base_fields)
    return set()


class ModelRulesMixin:
    """Checks the model's own rules on the record as it would be saved: a 400 naming the fields."""

    def build_instance(self, attrs):
        model = self.Meta.model
        instance = copy.copy(self.instance) if self.instance is not None else model()
        concrete = {field.name for field in model._meta.concrete_fields}
        for name, value in attrs.items():
            if name in concrete:
                setattr(instance, name, value)
        return instance

    def check_model_rules(self, attrs):
        model = self.Meta.model
        instance = self.build_instance(attrs)
        writable = {name for name, field in self.fields.items() if not field.read_only}
        # What the client cannot change is not its fault.
        fixed = {field.name for field in model._meta.concrete_fields if field.name not in writable}
        # Each field's own validators already ran in its serializer field; what is left is the
        # record's: `clean()` and the constraints.
        errors = {}
        try:
            instance.clean()
        except DjangoValidationError as error:
            errors = error.update_error_dict(errors)
        for constraint in model._meta.constraints:
            try:
                constraint.validate(model, instance, exclude=fixed)
            except DjangoValidationError as error:
                names = _constraint_fields(constraint) & writable
                named = (names & set(attrs)) or names or {NON_FIELD_ERRORS}
                for name in sorted(named):
                    errors.setdefault(name, []).extend(error.error_list)
        if errors:
            raise serializers.ValidationError(serializers.as_serializer_error(DjangoValidationError(errors)))


@dataclass(frozen=True)
class Parts:
    """A list of a record's parts written with it: the field that keeps the list's order, and the
    fields that may not repeat within the list."""

    order: str | None = None
    unique: tuple[str, ...] = ()
    message: str = "This appears twice in the list."


class PartListSerializer(serializers.ListSerializer):
    """Parts in their stored order; a reader who does not see drafts does not see parts whose
    person or organisation is a draft (kernel.visibility). A record takes at most API_MAX_PARTS of
    each kind of part."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", settings.API_MAX_PARTS)
        super().__init__(*args, **kwargs)

    def to_representation(self, data):
        rows = data.all() if isinstance(data, models.manager.BaseManager) else data
        return [self.child.to_representation(row) for row in rows if self.child.is_visible_row(row)]


class PartSerializer(TranslatedPartMixin, ModelRulesMixin, StrictModelSerializer):
    """One part (a participant, a result, a speaker…) inside its record's representation."""

    links = LinksField()

    class Meta:
        list_serializer_class = PartListSerializer

    def is_visible_row(self, row):
        return visibility.is_visible(row, request_user(self))

    def validate(self, attrs):
        # Rules that involve the record the part belongs to (no repeats) are the record's to check.
        attrs = super().validate(attrs)
        self.check_model_rules(attrs)
        return attrs


class ResourceSerializer(TranslatedTextMixin, ModelRulesMixin, StrictModelSerializer):
    """A resource: `url`, its fields, relations by slug, `links`; parts written with it."""

    parts: dict[str, Parts] = {}

    links = LinksField()
    change_note = StrictCharField(
        write_only=True,
        required=False,
        allow_blank=True,
        max_length=versions.REASON_MAX_LENGTH,
        help_text="Optional: why this change was made. Kept in the record's history as its reason.",
    )

    def get_field_names(self, declared_fields, info):
        names = list(super().get_field_names(declared_fields, info))
        return names if "change_note" in names else [*names, "change_note"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        self.check_model_rules(attrs)
        errors = {}
        for name, spec in self.parts.items():
            if name in attrs and spec.unique:
                problems = self._repeats(attrs[name], spec)
                if any(problems):
                    errors[name] = problems
        if errors:
            raise serializers.ValidationError(errors)
        return attrs

    @staticmethod
    def _repeats(rows, spec):
        seen = set()
        problems = []
        for row in rows:
            key = tuple(getattr(row.get(name), "pk", row.get(name)) for name in spec.unique)
            problems.append({NON_FIELD_ERRORS_KEY: [spec.message]} if key in seen else {})
            seen.add(key)
        return problems

    def create(self, validated_data):
        return self.update(self.Meta.model(), validated_data)

    def update(self, instance, validated_data):
        """The record, its relations and its parts, written as one version of its history."""
        parts = {name: validated_data.pop(name) for name in self.parts if name in validated_data}
        note = validated_data.pop("change_note", "")
        with transaction.atomic(), versions.one_version(instance, user=request_user(self), reason=note):
            # Saving the record even when only its parts change moves `updated_at`, so its ETag.
            instance = self.save_record(instance, validated_data)
            self.write_parts(instance, parts)
        return instance

    def save_record(self, instance, validated_data):
        """The record with the values sent, saved through `kernel.services` as the requesting user;
        then its many-to-many relations, as ModelSerializer sets them."""
        relations = model_meta.get_field_info(instance).relations
        many = {
            name: validated_data.pop(name)
            for name, relation in relations.items()
            if relation.to_many and name in validated_data
        }
        for name, value in validated_data.items():
            setattr(instance, name, value)
        services.save_record(instance, user=request_user(self))
        for name, value in many.items():
            getattr(instance, name).set(value)
        return instance

    def write_parts(self, instance, parts):
        """Replace each list sent (`kernel.services.replace_parts`): rows are matched to the stored
        ones, and a row left out is deleted only if the user may delete it (403 naming the list)."""
        for name, rows in parts.items():
            order = self.parts[name].order
            for index, row in enumerate(rows):
                if order:
                    row.setdefault(order, index)
        # What a row leaves out of a part's translations (or, written in another language, of its
        # English text) is kept (api/translations.py).
        kept = set()
        for name in parts:
            kept.update(kept_columns(self.fields[name].child.Meta.model, request_language(self)))
        try:
            services.replace_parts(instance, parts=parts, user=request_user(self), keep_unsent=kept)
        except services.PartDeletionDenied as denied:
            raise PermissionDenied({denied.field: [str(denied)]}) from denied


class SourceDocumentSerializer(serializers.Serializer):
    """Read-only: the source a record cites, with where a reader checks it: `page` (the source's
    page on the site, listing what cites it), `url` (the document online) and `file` (the PDF's
    download address), each null when there is none."""

    slug = serializers.CharField(read_only=True)
    title = serializers.SerializerMethodField(help_text="In the language of the answer, or English.")
    kind = serializers.CharField(read_only=True)
    publisher = serializers.CharField(read_only=True)
    date = serializers.DateField(source="published_on", read_only=True, allow_null=True)
    date_precision = serializers.CharField(read_only=True)
    language = serializers.CharField(read_only=True)
    language_name = serializers.CharField(source="get_language_display", read_only=True)
    page = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    file = serializers.SerializerMethodField()

    def get_title(self, source) -> str:
        language = request_language(self)
        return str(localized(source, "title", None if language == "all" else language))

    def _absolute(self, path):
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path

    @extend_schema_field(OpenApiTypes.URI)
    def get_page(self, source):
        return self._absolute(source.get_absolute_url())

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_url(self, source):
        return source.url or None

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_file(self, source):
        return self._absolute(source.get_file_url()) if source.file else None


def source_document_field():
    return SourceDocumentSerializer(source="source", read_only=True, allow_null=True)


class PublishableSerializer(ResourceSerializer):
    """A record with a publishing state: changing it needs the `publish_<model>` permission."""

    source_document = source_document_field()

    def validate(self, attrs):
        self.check_publishing(attrs)
        return super().validate(attrs)

    def check_publishing(self, attrs):
        """A 403 naming the publishing fields, before anything is written (`kernel.services` checks
        the same permission again when it saves)."""
        model = self.Meta.model
        user = request_user(self)
        if can_publish(user, model):
            return
        stored = {
            "publication_status": getattr(self.instance, "publication_status", Status.DRAFT),
            "published_at": getattr(self.instance, "published_at", None),
        }
        changed = [name for name in stored if name in attrs and attrs[name] != stored[name]]
        if changed:
            message = (
                f"Publishing and unpublishing {model._meta.verbose_name_plural} needs the "
                f"{model.publish_permission()} permission; leave this field as it is."
            )
            raise PermissionDenied({name: [message] for name in changed})


def publishing_fields():
    return [
        "publication_status",
        "published_at",
        "source",
        "source_document",
        "source_note",
        "created_at",
        "updated_at",
    ]


class SourceField(RelatedField):
    """The document a record is taken from, by its slug (sources have no API resource)."""

    def __init__(self, **kwargs):
        from kernel.taxonomy.models import Source

        kwargs.setdefault("queryset", Source.objects.all())
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)
