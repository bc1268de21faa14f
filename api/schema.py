"""The OpenAPI 3 schema: what drf-spectacular infers, plus what every operation really answers.

Every operation documents the status codes it can return (errors included), the conditional-request
headers (`If-None-Match`, `If-Match`, `ETag`), `Retry-After` on 429, and that anonymous clients may
read. `resource_schema()` gives each resource's viewset its summaries.
"""

import django_filters
from django.conf import settings
from django.core.validators import MinValueValidator
from drf_spectacular import openapi
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent, build_basic_type, build_parameter_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS

from api.language import PARAMETER, PATTERN
from api.serializers import RelatedList
from kernel.filters import CodeMultipleChoiceFilter, SearchFilter, YearFilter
from kernel.translation import Made, languages

SLUG_PATTERN = "^[-a-zA-Z0-9_]+$"
ERROR = {
    "type": "object",
    "description": "What went wrong, in a sentence.",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
FIELD_ERRORS = {
    "type": "object",
    "description": (
        'Each field at fault with its messages: `{"field": ["message"]}`; `non_field_errors` for '
        "the record as a whole; for a list of parts, one object per row (empty for rows without "
        "fault); for a bad query parameter, the parameter's name."
    ),
    "additionalProperties": {},
}
PERMISSION_ERROR = {
    "type": "object",
    "description": (
        '`{"detail": "..."}`, or, when the change needs the `publish_<model>` permission, the '
        'publishing fields at fault: `{"publication_status": ["..."]}`.'
    ),
    "additionalProperties": {},
}

ERROR_DESCRIPTIONS = {
    "400": "Invalid input: the body names each field (or query parameter) at fault.",
    "401": "Not signed in: send `Authorization: Token <key>` to write.",
    "403": "Signed in without the model permission this needs.",
    "404": "No such record (or a draft, for a reader who does not see drafts), or no such page.",
    "409": "The database refused the change: other records still refer to this one, or a duplicate.",
    "412": "`If-Match` does not name the record's current ETag: it changed since you read it.",
    "413": "The body is larger than the API accepts (1 MB by default, `DJANGO_API_MAX_BODY_BYTES`).",
    "415": "The body is not JSON (`Content-Type: application/json`).",
    "429": "Too many requests: wait for `Retry-After` seconds.",
}


class FilterExtension(DjangoFilterExtension):
    """Query parameters of the FilterSets, typed as the filters check them: slugs and codes by their
    pattern, years and SDG numbers as bounded integers, text without NUL."""

    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        label = str(filter_field.label or field_name)
        if isinstance(filter_field, YearFilter):
            schema = {"type": "integer", "minimum": 1900, "maximum": 2100}
        elif isinstance(filter_field, SearchFilter):
            schema = {"type": "string", "maxLength": 200, "pattern": "^[^\\x00]*$"}
            label = "Words that must all appear, each as the start of a word (case-insensitive)."
        elif isinstance(filter_field, django_filters.ModelMultipleChoiceFilter):
            key = filter_field.extra.get("to_field_name") or "pk"
            target = filter_field.queryset
            target_model = target.model if hasattr(target, "model") else None
            if isinstance(filter_field, CodeMultipleChoiceFilter):
                items = {"type": "string", "pattern": "^[A-Za-z]{2}$"}
            elif target_model is not None and target_model._meta.label == "taxonomy.SDG":
                items = {"type": "integer", "minimum": 1, "maximum": 17}
            else:
                items = {"type": "string", "pattern": SLUG_PATTERN}
            schema = {"type": "array", "items": items}
            label = f"{label} ({'slug' if key == 'slug' else key}); repeat for 'any of'."
            return [
                build_parameter_type(
                    name=field_name,
                    location=OpenApiParameter.QUERY,
                    schema=schema,
                    description=label,
                    style="form",
                    explode=True,
                )
            ]
        else:
            return super().resolve_filter_field(auto_schema, model, filterset_class, field_name, filter_field)
        return [
            build_parameter_type(
                name=field_name, location=OpenApiParameter.QUERY, schema=schema, description=label
            )
        ]


class LinksFieldExtension(OpenApiSerializerFieldExtension):
    """`links`: the public page, then one URL (or list of URLs) per relation."""

    target_class = "api.serializers.LinksField"

    def map_serializer_field(self, auto_schema, direction):
        uri = build_basic_type(OpenApiTypes.URI)
        properties = {}
        if hasattr(self.target.parent.Meta.model, "get_absolute_url"):
            properties["page"] = {**uri, "description": "The record's page on the site."}
        for name, field in self.target.linked_fields():
            if isinstance(field, RelatedList):
                properties[name] = {"type": "array", "items": uri}
            else:
                properties[name] = {**uri, "nullable": True}
        schema = {
            "type": "object",
            "readOnly": True,
            "description": "The API URL of each related record, and the record's page on the site.",
            "properties": properties,
        }
        if properties:
            schema["required"] = list(properties)
        return schema


class RelatedFieldExtension(OpenApiSerializerFieldExtension):
    """A related record as written and read: its slug, ISO code or number."""

    target_class = "api.serializers.RelatedField"

    def map_serializer_field(self, auto_schema, direction):
        field = self.target
        model = field.model if field.queryset is not None else _related_model(field)
        name = model._meta.verbose_name if model is not None else "record"
        if field.slug_field == "number":
            return {"type": "integer", "minimum": 1, "maximum": 17, "description": f"The {name}'s number."}
        if field.slug_field == "code":
            return {
                "type": "string",
                "pattern": "^[A-Za-z]{2}$",
                "description": f"The {name}'s ISO alpha-2 code.",
            }
        return {
            "type": "string",
            "pattern": SLUG_PATTERN,
            "maxLength": 120,
            "description": f"The {name}'s slug.",
        }


LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class TextLanguageFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "api.translations.TextLanguageField"

    def map_serializer_field(self, auto_schema, direction):
        return {
            "type": "string",
            "enum": LANGUAGE_CODES,
            "readOnly": True,
            "description": self.target.help_text,
        }


class FallbacksFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "api.translations.FallbacksField"

    def map_serializer_field(self, auto_schema, direction):
        names = ", ".join(f"`{name}`" for name in self.target.parent.text_fields())
        return {
            "type": "array",
            "items": {"type": "string"},
            "readOnly": True,
            "description": f"{self.target.help_text} Among: {names}.",
        }


class TranslationMadeFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "api.translations.TranslationMadeField"

    def map_serializer_field(self, auto_schema, direction):
        return {
            "type": "string",
            "enum": [value for value, _label in Made.choices],
            "nullable": True,
            "readOnly": True,
            "description": self.target.help_text,
        }


class TranslationsFieldExtension(OpenApiSerializerFieldExtension):
    """`translations`: an object per language other than English, with each text field and `made`."""

    target_class = "api.translations.TranslationsField"

    def map_serializer_field(self, auto_schema, direction):
        field = self.target
        serializer = field.parent
        names = serializer.text_fields() if direction == "response" else serializer.writable_text_fields()
        made = [value for value, _label in Made.choices]
        per_language = {}
        for code in languages():
            properties = {}
            for name in names:
                text = {"type": "string"}
                if direction == "request":
                    text["maxLength"] = field.text_field(name, code).max_length
                properties[name] = text
            properties["made"] = {
                "type": "string",
                "enum": ["", *made],
                "description": "How this language's text was made; empty when it has none.",
            }
            language = {"type": "object", "properties": properties, "additionalProperties": False}
            if direction == "response":
                language["required"] = list(properties)
            per_language[code] = language
        return {
            "type": "object",
            "properties": per_language,
            "additionalProperties": False,
            "description": field.help_text,
        }


def _related_model(field):
    """The model a read-only relation points to, found through its parent serializer."""
    holder = field.parent.parent if isinstance(field.parent, RelatedList) else field.parent
    source = (field.parent.source if isinstance(field.parent, RelatedList) else field.source).split(".")[0]
    try:
        return holder.Meta.model._meta.get_field(source).related_model
    except Exception:
        return None


def _header(name, description, **kwargs):
    return OpenApiParameter(
        name, OpenApiTypes.STR, OpenApiParameter.HEADER, description=description, **kwargs
    )


class AutoSchema(openapi.AutoSchema):
    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if not isinstance(schema, dict):
            return schema
        if isinstance(field, (serializers.URLField, serializers.EmailField)) and field.allow_blank:
            # An optional URL or address is stored and sent as "" when there is none.
            meta = {
                key: schema.pop(key)
                for key in ("readOnly", "writeOnly", "nullable", "title", "description")
                if key in schema
            }
            if field.max_length:
                schema["maxLength"] = field.max_length
            schema = {"anyOf": [schema, {"type": "string", "maxLength": 0}], **meta}
        elif isinstance(field, serializers.DecimalField) and direction == "request":
            meta = {
                key: schema.pop(key)
                for key in ("readOnly", "writeOnly", "nullable", "title", "description")
                if key in schema
            }
            number = {"type": "number"}
            for validator in field.validators:
                if isinstance(validator, MinValueValidator):
                    number["minimum"] = float(validator.limit_value)
            schema = {"anyOf": [schema, number], **meta}
        return schema

    def get_auth(self):
        # The security schemes are registered (components) whatever the operation.
        auths = super().get_auth()
        if self.method in SAFE_METHODS:
            # Anyone may read, so a read names no security requirement (Swagger UI shows no lock);
            # a staff token sent anyway also shows drafts, as the schema's description says.
            return []
        return auths

    def _action(self):
        return getattr(self.view, "action", None)

    def _is_list(self):
        return self._action() == "list"

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self.method != "DELETE":
            parameters.append(
                OpenApiParameter(
                    PARAMETER,
                    {"type": "string", "pattern": PATTERN},
                    OpenApiParameter.QUERY,
                    description=(
                        "The language of the answer: `en`, `fr`, `es`, `ja` or `all` (else "
                        "`Accept-Language`, else English); a regional form (`fr-CA`) counts as its "
                        "language. Text fields are in that language, or English where it has none "
                        "(named in `fallbacks`). `all`: the text fields in "
                        "English, with every other language in `translations`. In a write, plain text "
                        "fields are in this language (docs/api.md, Language)."
                    ),
                )
            )
        if self.method == "GET":
            parameters += [
                _header("If-None-Match", "An ETag from an earlier response: 304 if it is still current."),
                _header(
                    "ETag",
                    "The version of what is sent (weak for a whole list as a file); send it back in "
                    "If-None-Match or If-Match.",
                    response=[200, 304],
                    required=True,
                ),
            ]
        if self.method in ("PUT", "PATCH", "DELETE"):
            parameters.append(
                _header(
                    "If-Match",
                    "The ETag you read the record with: the change is refused (412) if it is not "
                    "current. Strongly advised.",
                )
            )
        if self.method in ("PUT", "PATCH", "POST"):
            parameters.append(
                _header("ETag", "The record's new version.", response=[200, 201], required=True)
            )
        if self.method == "POST":
            parameters.append(_header("Location", "The new record's API URL.", response=[201], required=True))
        parameters.append(
            OpenApiParameter(
                "Retry-After",
                OpenApiTypes.INT,
                OpenApiParameter.HEADER,
                description="Seconds to wait before the next request.",
                response=[429],
                required=True,
            )
        )
        return parameters

    def _component(self, name, schema):
        component = ResolvedComponent(name=name, type=ResolvedComponent.SCHEMA, schema=schema, object=name)
        self.registry.register_on_missing(component)
        return component.ref

    def error_codes(self):
        """The error statuses this operation can really answer."""
        if self.method == "GET":
            # 400: a bad filter, page or format; 404: no such record, or a page past the last.
            if self._action() in ("list", "retrieve"):
                return ["400", "404", "429"]
            return ["400", "429"]
        writes = ["401", "403", "429"]
        if self.method == "POST":
            return ["400", *writes, "409", "413", "415"]
        if self.method in ("PUT", "PATCH"):
            return ["400", *writes, "404", "409", "412", "413", "415"]
        if self.method == "DELETE":
            return [*writes, "404", "409", "412"]
        return writes

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        ok = responses.get("200", {}).get("content", {})
        for media_type in ok:
            # Other formats are files, not the JSON schema spectacular would repeat for them.
            if media_type == "text/csv":
                description = "Every filtered row (not only one page), with a header row."
                ok[media_type] = {"schema": {"type": "string", "description": description}}
            elif media_type != "application/json":
                ok[media_type] = {"schema": {"type": "string", "description": f"The data as {media_type}."}}
        if self.method == "GET":
            responses["304"] = {
                "description": "Not modified: the ETag in If-None-Match is current.",
                "headers": self._get_response_headers_for_code("304"),
            }
        schemas = {
            "400": self._component("FieldErrors", FIELD_ERRORS),
            "403": self._component("PermissionError", PERMISSION_ERROR),
        }
        for code in self.error_codes():
            schema = schemas.get(code) or self._component("Error", ERROR)
            response = {
                "description": ERROR_DESCRIPTIONS[code],
                "content": {"application/json": {"schema": schema}},
            }
            headers = self._get_response_headers_for_code(code)
            if headers:
                response["headers"] = headers
            responses.setdefault(code, response)
        return dict(sorted(responses.items()))


def resource_schema(singular, plural, key="slug"):
    """`@extend_schema_view` summaries and descriptions for a resource's six operations."""
    return extend_schema_view(
        list=extend_schema(
            summary=f"List {plural}",
            description=(
                f"Pages of {plural}, filtered with the same query parameters as the site's list "
                "(repeat a key for 'any of'), sorted with `sort` in the same words. `format=csv` sends every "
                "filtered row as CSV. Anonymous clients see published records only."
            ),
        ),
        retrieve=extend_schema(summary=f"Read a {singular}", description=f"One {singular}, by its {key}."),
        create=extend_schema(
            summary=f"Create a {singular}",
            description="Needs the model's add permission; publishing needs its publish permission.",
        ),
        update=extend_schema(
            summary=f"Replace a {singular}",
            description="Needs the change permission. Send `If-Match` with the ETag you read.",
        ),
        partial_update=extend_schema(
            summary=f"Change some fields of a {singular}",
            description="Needs the change permission. Send `If-Match` with the ETag you read.",
        ),
        destroy=extend_schema(
            summary=f"Delete a {singular}",
            description="Needs the delete permission. Send `If-Match` with the ETag you read.",
        ),
    )


def read_only_schema(singular, plural, key="id"):
    """`@extend_schema_view` summaries for a read-only resource's list and detail."""
    return extend_schema_view(
        list=extend_schema(
            summary=f"List {plural}",
            description=(
                f"Pages of {plural}, filtered with the query parameters below (repeat a key for "
                "'any of'), sorted with `sort`. `format=csv` sends every filtered row as CSV. Anonymous "
                "clients see the rows of published projects only. Read-only: they are written with "
                "their project, or in the admin."
            ),
        ),
        retrieve=extend_schema(summary=f"Read a {singular}", description=f"One {singular}, by its {key}."),
    )


def allow_empty_query_values(result, generator, request, public):
    """drf-spectacular postprocessing hook: every optional query parameter takes an empty value
    (`?when=`, `?page=`), which means "not given", as an HTML form sends a field left at "Any"."""
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []) if isinstance(operation, dict) else []:
                # An empty `lang` is a 400 (api/language.py), not "not given".
                if (
                    parameter.get("in") == "query"
                    and not parameter.get("required")
                    and parameter["name"] != "lang"
                ):
                    parameter["allowEmptyValue"] = True
                    # An empty `sort` (or an empty term in a list of them) is the default order.
                    enum = parameter.get("schema", {}).get("items", {}).get("enum")
                    if parameter["name"] == "sort" and enum is not None and "" not in enum:
                        enum.insert(0, "")
    return result
